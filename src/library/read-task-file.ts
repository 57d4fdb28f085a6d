import fs from 'node:fs';
import type { TaskToMatch } from '../matching/index.ts';

/** A task line of a JSONL tasks file; `id` is echoed back exactly as given. */
export interface TaskLine extends TaskToMatch {
  readonly id: string;
  readonly rawId: string | number;
}

/** A problem with the tasks file, naming the file and, when it applies, the line. */
export class TaskFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskFileError';
  }
}

/** Reads `{"id", "text", "department"?, "roleLevel"?}` lines; blank lines are skipped, any other bad line stops the read. */
export function readTaskFile(file: string): TaskLine[] {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new TaskFileError(`Tasks file not found: ${file}`);
  const tasks: TaskLine[] = [];
  fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}: line ${index + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new TaskFileError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    tasks.push(toTaskLine(data, where));
  });
  return tasks;
}

function toTaskLine(data: unknown, where: string): TaskLine {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TaskFileError(`${where}: expected a JSON object`);
  const { id, text, department, roleLevel } = data as Record<string, unknown>;
  if (!(typeof id === 'string' && id !== '') && !(typeof id === 'number' && Number.isFinite(id))) {
    throw new TaskFileError(`${where}: "id" must be a non-empty string or a number`);
  }
  if (typeof text !== 'string' || !text.trim()) throw new TaskFileError(`${where}: "text" must be a non-empty string`);
  if (department !== undefined && typeof department !== 'string') throw new TaskFileError(`${where}: "department" must be a string`);
  if (roleLevel !== undefined && typeof roleLevel !== 'string') throw new TaskFileError(`${where}: "roleLevel" must be a string`);
  return { id: String(id), rawId: id, text, department, roleLevel };
}
