import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../../platform/errors.ts';
import { readJsonFile, type SchemaRegistry } from '../../platform/validation.ts';
import { checkBankFiles, type BankProblem, type LoadedBankFile } from '../domain/check-bank.ts';
import { QuestionBankCatalogue } from '../domain/question-bank-catalogue.ts';
import type { QuestionBankFile } from '../domain/question-bank.ts';

/**
 * Reads every `*.json` of the question-bank folder, validates each against `question-bank` and then
 * against the rules between files. Any problem stops the start: one StartupError naming every file
 * and JSON pointer at fault.
 */
export function loadQuestionBanks(dir: string, schemas: SchemaRegistry): QuestionBankCatalogue {
  if (!fs.existsSync(dir)) throw new StartupError(`The question-bank folder ${dir} does not exist.`);
  const validate = schemas.validator('question-bank');
  const problems: BankProblem[] = [];
  const loaded: LoadedBankFile[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    let data: unknown;
    try {
      data = readJsonFile(file);
    } catch (error) {
      problems.push({ file, pointer: '', message: (error as Error).message.replace(`${file} `, '') });
      continue;
    }
    if (!validate(data)) {
      for (const error of validate.errors ?? []) {
        // `if`/`oneOf` wrappers repeat what their branches already said.
        if (['if', 'oneOf', 'allOf'].includes(error.keyword)) continue;
        const message = error.keyword === 'false schema' ? 'is not allowed for this question type' : describeSchemaError(error.keyword, error.params, error.message);
        problems.push({ file, pointer: error.instancePath || '/', message });
      }
      continue;
    }
    loaded.push({ file, bank: data as QuestionBankFile });
  }
  if (problems.length === 0) problems.push(...checkBankFiles(loaded));
  if (problems.length > 0) {
    throw new StartupError('Invalid question bank:', problems.map((p) => `${p.file} ${p.pointer || '/'}: ${p.message}`));
  }
  return new QuestionBankCatalogue(loaded.map((l) => l.bank));
}

function describeSchemaError(keyword: string, params: Record<string, unknown>, message: string | undefined): string {
  if (keyword === 'additionalProperties') return `has an unknown field "${String(params.additionalProperty)}"`;
  if (keyword === 'required') return `is missing "${String(params.missingProperty)}"`;
  return message ?? 'is not valid';
}
