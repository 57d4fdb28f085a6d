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

/**
 * Reads `{"id", "text", "department"?, "roleLevel"?}` lines; blank lines are skipped, any other bad line
 * stops the read. A repeated id is matched all the same (one output line per task line, as the command
 * line's contract says) and reported through `warn`, since its output lines cannot be told apart.
 */
export function readTaskFile(file: string, warn: (message: string) => void = () => {}): TaskLine[] {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new TaskFileError(`Tasks file not found: ${file}`);
  const tasks: TaskLine[] = [];
  const lineById = new Map<string, number>();
  readText(file).split(/\r?\n/).forEach((raw, index) => {
    // A byte-order mark (Windows editors write one) opens the file, or a line of files joined together.
    const line = raw.replace(/^\uFEFF/, '');
    if (!line.trim()) return;
    const where = `${file}: line ${index + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new TaskFileError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    const task = toTaskLine(data, where);
    const earlier = lineById.get(task.id);
    if (earlier !== undefined) warn(`${where}: the id ${JSON.stringify(task.id)} is already used on line ${earlier}; both are matched, and their output lines share it`);
    else lineById.set(task.id, index + 1);
    tasks.push(task);
  });
  if (tasks.length === 0) warn(`${file}: no tasks in the file (one JSON object per line), so nothing is written`);
  return tasks;
}

/** The file's text; an unreadable file is a TaskFileError naming it. */
function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TaskFileError(`Tasks file cannot be read: ${(error as Error).message}`);
  }
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
