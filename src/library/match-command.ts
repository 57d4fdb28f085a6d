import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../platform/config.ts';
import { StartupError } from '../platform/errors.ts';
import { SchemaRegistry } from '../platform/validation.ts';
import { matchTask } from '../matching/index.ts';
import { loadModuleLibrary } from './load-library.ts';
import { buildLibraryIndex, sharedWordVectors } from './library-index.ts';
import { readTaskFile, TaskFileError, type TaskLine } from './read-task-file.ts';

const USAGE = 'Usage: tailor match --library <dir> --tasks <file.jsonl> [--top 3]';
/** Below this many tasks the run is over before a progress bar would help. */
const PROGRESS_MIN_TASKS = 2000;
const WRITE_BATCH = 500;

interface MatchArgs {
  readonly library: string;
  readonly tasks: string;
  readonly top: number;
}

/**
 * `tailor match`: one JSON line per task on stdout, `{"taskId", "gap", "matches": [...]}`, best first.
 * Exit 0 on success, 1 when an input is missing or invalid, 2 on a usage error; messages go to stderr.
 */
export async function runMatchCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: MatchArgs;
  try {
    options = parseMatchArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const config = loadConfig(process.env);
    const modules = loadModuleLibrary(options.library, new SchemaRegistry(config.paths.schemas));
    // Not errors: a file of no tasks gives no lines, and a repeated id its lines; a script of ours or
    // someone else's may well send either, and an exit code would throw away the rest of its output.
    const tasks = readTaskFile(options.tasks, (message) => process.stderr.write(`tailor match: ${message}\n`));
    const index = buildLibraryIndex(modules, { minScore: config.matching.minScore });
    if (sharedWordVectors().source === 'missing') {
      process.stderr.write('tailor match: word vectors not installed; ranking on lexical evidence only, gap threshold not calibrated for it.\n');
    }
    writeMatches(tasks, (task) => JSON.stringify(toOutputLine(task, matchTask(index, task, { limit: options.top }))));
    return 0;
  } catch (error) {
    if (error instanceof StartupError || error instanceof TaskFileError) {
      process.stderr.write(`tailor match: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parseMatchArgs(args: string[]): MatchArgs {
  const { values } = parseArgs({
    args,
    options: { library: { type: 'string' }, tasks: { type: 'string' }, top: { type: 'string', default: '3' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.library) throw new Error('Missing --library <dir>.');
  if (!values.tasks) throw new Error('Missing --tasks <file.jsonl>.');
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw new Error(`--top must be a whole number from 1 to 1000 (got "${values.top}").`);
  return { library: values.library, tasks: values.tasks, top };
}

function toOutputLine(task: TaskLine, result: ReturnType<typeof matchTask>) {
  return { taskId: task.rawId, gap: result.gap, matches: result.matches };
}

/** Writes lines in batches; shows a progress bar on stderr only for a person watching a long run. */
function writeMatches(tasks: readonly TaskLine[], render: (task: TaskLine) => string): void {
  const bar = process.stderr.isTTY && tasks.length >= PROGRESS_MIN_TASKS
    ? new cliProgress.SingleBar({ stream: process.stderr, etaBuffer: 200 }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(tasks.length, 0);
  let batch: string[] = [];
  tasks.forEach((task, done) => {
    batch.push(render(task));
    if (batch.length === WRITE_BATCH) {
      process.stdout.write(`${batch.join('\n')}\n`);
      batch = [];
      bar?.update(done + 1);
    }
  });
  if (batch.length > 0) process.stdout.write(`${batch.join('\n')}\n`);
  bar?.update(tasks.length);
  bar?.stop();
}
