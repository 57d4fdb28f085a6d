import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/platform/config.ts';
import { buildTrainingModule } from '../unit/matching/build-training-module.ts';

const TAILOR = path.join(PROJECT_ROOT, 'src', 'bin', 'tailor.js');

interface Run { status: number | null; stdout: string; stderr: string }

function tailor(args: string[]): Run {
  const env = { ...process.env };
  delete env.MATCH_MIN_SCORE;
  const result = spawnSync(process.execPath, [TAILOR, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tailor match', () => {
  let dir: string;
  let libraryDir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-match-'));
    libraryDir = path.join(dir, 'modules');
    fs.mkdirSync(libraryDir);
    const modules = [
      buildTrainingModule({ id: 'invoice-matching', title: 'Invoice matching', tasks: ['Match supplier invoices to purchase orders'] }),
      buildTrainingModule({ id: 'job-descriptions', title: 'Job descriptions', department: 'Human Resources', tasks: ['Draft job descriptions for open roles'] }),
      buildTrainingModule({ id: 'ticket-triage', title: 'Ticket triage', department: 'Customer Service', tasks: ['Sort incoming support tickets by urgency'] }),
    ];
    for (const module of modules) fs.writeFileSync(path.join(libraryDir, `${module.id}.json`), JSON.stringify(module));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeTasks(lines: string[]): string {
    const file = path.join(dir, 'tasks.jsonl');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  it('when given a library and tasks, then it prints one ranked JSON line per task with evidence and a gap flag', () => {
    const tasks = writeTasks([
      JSON.stringify({ id: 't1', text: 'Matching supplier invoices against purchase orders', department: 'Finance' }),
      JSON.stringify({ id: 7, text: 'Repaint the warehouse floor markings' }),
    ]);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks, '--top', '2']);

    expect(run.status, run.stderr).to.equal(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).to.have.length(2);
    expect(lines[0]).to.include({ taskId: 't1', gap: false });
    expect(lines[0].matches).to.have.length(2);
    expect(lines[0].matches[0]).to.include({ moduleId: 'invoice-matching' });
    expect(lines[0].matches[0].evidence.phrase).to.equal('Match supplier invoices to purchase orders');
    expect(lines[0].matches[0].evidence.sharedTerms).to.include.members(['supplier', 'invoices', 'purchase', 'orders']);
    expect(lines[1]).to.include({ taskId: 7, gap: true });
    expect(lines[1].matches).to.have.length(2);
  });

  it('when --top is not given, then three modules are listed per task', () => {
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' })]);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout).matches).to.have.length(3);
  });

  it('when the tasks file does not exist, then it exits 1 naming the file', () => {
    const missing = path.join(dir, 'nope.jsonl');

    const run = tailor(['match', '--library', libraryDir, '--tasks', missing]);

    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain(`Tasks file not found: ${missing}`);
    expect(run.stdout).to.equal('');
  });

  it('when a task line is not JSON, then it exits 1 naming the line number and prints no result', () => {
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' }), '{"id": "b", "text": ']);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain(`${tasks}: line 2: not valid JSON`);
    expect(run.stdout).to.equal('');
  });

  it('when a task line has no text, then it exits 1 naming the line and the field', () => {
    const tasks = writeTasks([JSON.stringify({ id: 'a' })]);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain('line 1: "text" must be a non-empty string');
  });

  it('when a module file is invalid, then it exits 1 naming the file and the JSON pointer', () => {
    fs.writeFileSync(path.join(libraryDir, 'broken.json'), JSON.stringify({ id: 'Broken Id', title: 'x', department: 'x', summary: 'x', tasks: ['x'] }));
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' })]);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain(path.join(libraryDir, 'broken.json')).and.to.contain('/id: must match pattern');
  });

  it('when the tasks file and a module file start with a byte-order mark (as Windows editors save them), then they are read as usual (two such files joined, too)', () => {
    const tasks = path.join(dir, 'tasks.jsonl');
    const line = (id: string) => `\uFEFF${JSON.stringify({ id, text: 'Match supplier invoices to purchase orders' })}\r\n`;
    fs.writeFileSync(tasks, line('a') + line('b'));
    const invoiceFile = path.join(libraryDir, 'invoice-matching.json');
    fs.writeFileSync(invoiceFile, `\uFEFF${fs.readFileSync(invoiceFile, 'utf8')}`);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks, '--top', '1']);

    expect(run.status, run.stderr).to.equal(0);
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((r) => r.taskId)).to.deep.equal(['a', 'b']);
    expect(results[0].matches[0]).to.include({ moduleId: 'invoice-matching' });
  });

  it('when two task lines share an id, then each is matched (one line per task, in order) and a warning on stderr names both lines', () => {
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' }), JSON.stringify({ id: 'b', text: 'Sort tickets' }), JSON.stringify({ id: 'a', text: 'Match invoices' })]);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status, run.stderr).to.equal(0);
    expect(run.stderr).to.contain(`${tasks}: line 3: the id "a" is already used on line 1`);
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l).taskId)).to.deep.equal(['a', 'b', 'a']);
  });

  it('when the tasks file has no task lines, then it writes nothing, exits 0 and says so on stderr', () => {
    const tasks = writeTasks(['', '  ']);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.contain(`${tasks}: no tasks in the file`);
  });

  it('when a file of the library cannot be read, then it exits 1 with a one-line message naming it, not a stack trace', () => {
    fs.mkdirSync(path.join(libraryDir, 'folder.json'));
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' })]);

    const run = tailor(['match', '--library', libraryDir, '--tasks', tasks]);

    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/^tailor match: .*folder\.json/).and.not.to.contain('    at ');
  });

  it('when the library folder does not exist, then it exits 1 saying so', () => {
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' })]);

    const run = tailor(['match', '--library', path.join(dir, 'missing'), '--tasks', tasks]);

    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain('Module library folder not found');
  });

  it('when an option is missing or --top is not a positive whole number, then it exits 2 with the usage', () => {
    const tasks = writeTasks([JSON.stringify({ id: 'a', text: 'Draft a job description' })]);

    const noLibrary = tailor(['match', '--tasks', tasks]);
    const badTop = tailor(['match', '--library', libraryDir, '--tasks', tasks, '--top', '0']);

    expect(noLibrary.status).to.equal(2);
    expect(noLibrary.stderr).to.contain('Missing --library').and.to.contain('Usage: tailor match');
    expect(badTop.status).to.equal(2);
    expect(badTop.stderr).to.contain('--top must be a whole number');
  });

  it('when the command is not one of tailor\'s (even a name every object has, like "constructor"), then it exits 2 with the usage', () => {
    const run = tailor(['constructor']);

    expect(run.status).to.equal(2);
    expect(run.stderr).to.contain('Unknown command "constructor"').and.to.contain('tailor match');
  });

  it('when the reader stops early (tailor match … | head -1), then it ends quietly instead of crashing on the closed pipe', async () => {
    const tasks = writeTasks(Array.from({ length: 1500 }, (_v, i) => JSON.stringify({ id: `t${i}`, text: 'Match supplier invoices to purchase orders' })));
    const child = spawn(process.execPath, [TAILOR, 'match', '--library', libraryDir, '--tasks', tasks], { cwd: PROJECT_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));

    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(stderr).not.to.contain('EPIPE');
    expect(status).to.equal(0);
  });

  it('when asked for help, then the usage goes to stdout and it exits 0', () => {
    const topLevel = tailor(['--help']);
    const match = tailor(['match', '--help']);

    expect(topLevel.status).to.equal(0);
    expect(topLevel.stdout).to.contain('tailor db').and.to.contain('tailor match');
    expect(match.status).to.equal(0);
    expect(match.stdout).to.contain('Usage: tailor match');
  });
});
