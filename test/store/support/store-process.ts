import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/platform/config.ts';

export interface StoreProcess {
  uri: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Runs `tailor db` in a child process on a free port, exactly as an operator would, and
 * resolves once it listens. Its log lines are kept for assertions.
 */
export function spawnStoreProcess(dataDir: string, logLines: string[] = []): Promise<StoreProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli.ts'), 'db', '--port', '0', '--data', dataDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`tailor db did not start:\n${logLines.join('\n')}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logLines.push(line);
        const uri = /"uri":"(mongodb:\/\/[^"]+)"/.exec(line)?.[1];
        if (uri && line.includes('tailor db listening')) {
          clearTimeout(timer);
          resolve({ uri, child, exited });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tailor db exited (${code}) before listening:\n${logLines.join('\n')}`));
    });
  });
}
