import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../platform/errors.ts';
import { readJsonFile, type SchemaRegistry } from '../platform/validation.ts';
import { pickModuleFields, type TrainingModule } from './training-module.ts';

const SCHEMA_ID = 'module';

/**
 * Reads every `*.json` file of a module folder, in file-name order, and validates each against the
 * module schema. The first bad file stops the load with its name and the JSON pointer of each problem;
 * fields the schema does not know are dropped, not fatal.
 */
export function loadModuleLibrary(dir: string, registry: SchemaRegistry): TrainingModule[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new StartupError(`Module library folder not found: ${dir}`);
  }
  const files = listJsonFiles(dir);
  if (files.length === 0) throw new StartupError(`Module library folder has no .json files: ${dir}`);
  const modules: TrainingModule[] = [];
  const fileById = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const data = readJsonFile(file);
    registry.assertCatalogueFile(SCHEMA_ID, data, file);
    const module = pickModuleFields(data as Record<string, unknown>);
    const earlier = fileById.get(module.id);
    if (earlier) throw new StartupError(`${file} repeats training module id "${module.id}" of ${earlier}.`);
    fileById.set(module.id, file);
    modules.push(module);
  }
  return modules;
}

function listJsonFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new StartupError(`Module library folder cannot be read: ${(error as Error).message}`);
  }
}
