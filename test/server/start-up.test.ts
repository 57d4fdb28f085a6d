import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** `npm start` as a person runs it: the real server process on the embedded store, nothing else. */
describe('the server process (src/server.ts)', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-start-'));
    dirs.push(dir);
    return dir;
  }

  function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, output: () => output, exited };
  }

  it('when started with no MongoDB, then it listens, becomes ready on the embedded store, prints a sign-in link, and stops cleanly on SIGTERM', async function () {
    this.timeout(60_000);
    const port = await freePort();
    const dataDir = tempDir();
    const { child, output, exited } = startServer({ PORT: String(port), TAILOR_DATA_DIR: dataDir });

    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const openApi = await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`);
    await waitFor(async () => output().includes('/sign-in/link/'));
    child.kill('SIGTERM');

    expect(health.status).to.equal(200);
    expect(openApi.status).to.equal(200);
    expect(await exited).to.equal(0);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('journal-') || f.startsWith('snapshot-'))).to.equal(true);
  });

  it('when a setting is invalid, then it exits 1 naming the variable', async function () {
    this.timeout(30_000);
    const { output, exited } = startServer({ PORT: 'eighty', TAILOR_DATA_DIR: tempDir() });

    expect(await exited).to.equal(1);
    expect(output()).to.contain('PORT must be');
  });

  it('when a training-module file is invalid, then it exits 1 naming the file and the JSON pointer', async function () {
    this.timeout(60_000);
    const modules = tempDir();
    fs.writeFileSync(path.join(modules, 'broken.json'), JSON.stringify({ id: 'broken', title: 'Broken', department: 'Finance', summary: 'x', tasks: 'not a list' }));
    const { output, exited } = startServer({ PORT: String(await freePort()), TAILOR_DATA_DIR: tempDir(), TAILOR_MODULES_DIR: modules });

    expect(await exited).to.equal(1);
    expect(output()).to.contain('broken.json');
    expect(output()).to.contain('/tasks');
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A refused connection just means it is not listening yet.
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error('timed out waiting for the server');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
