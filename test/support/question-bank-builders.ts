import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComposedBank, Page, Question } from '../../src/intake/index.ts';

/** A question with sensible defaults. */
export function buildQuestion(overrides: Partial<Question> & { id: string }): Question {
  return { type: 'text', label: `Question ${overrides.id}`, ...overrides } as Question;
}

/** A composed bank of one page holding `questions`. */
export function buildBank(questions: Question[], pages: Page[] = []): ComposedBank {
  return { id: 'test', version: 1, title: 'Test bank', parts: [{ id: 'test', version: 1 }], pages: [{ id: 'main', title: 'Main', questions }, ...pages] };
}

/** A minimal valid pair of base banks (participant with a `tasks` list, manager), as files. */
export function buildBankFiles(): Record<string, unknown> {
  return {
    'participant.json': {
      id: 'participant', version: 1, title: 'Participant', audience: 'participant',
      pages: [{
        id: 'work', title: 'Work', questions: [
          { id: 'jobTitle', type: 'text', label: 'Job title', required: true },
          { id: 'tasks', type: 'taskList', label: 'Tasks', required: true, minItems: 1, fields: [
            { id: 'description', type: 'text', label: 'Task', required: true, maxLength: 1000 },
            { id: 'hoursPerWeek', type: 'number', label: 'Hours', required: true, min: 0, max: 80 },
          ] },
        ],
      }],
    },
    'manager.json': {
      id: 'manager', version: 1, title: 'Manager', audience: 'manager',
      pages: [{ id: 'team', title: 'Team', questions: [{ id: 'teamGoals', type: 'longText', label: 'Goals', required: true }] }],
    },
  };
}

/** Writes bank files (objects as JSON, strings as they are) to a fresh temporary folder. */
export function writeBankFolder(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-banks-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
