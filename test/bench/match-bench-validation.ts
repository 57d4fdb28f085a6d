// `npm run bench:match:validation`: the matcher benchmark on departments the dev split does not use,
// built from ../shared/bench/onet the way the dev split was (see validation-split.ts). First it
// rebuilds the dev split with the same code and stops unless that reproduces ../shared/bench/dev, so
// the new departments are known to be built alike. Measure on them; never tune on them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BENCH_DIR, readJsonl, type BenchModule } from './match-bench-data.ts';
import { readOnet, VALIDATION_DEPARTMENTS, writeSplit, type SplitDepartment } from './validation-split.ts';

const devSplit = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'dev-split.json'), 'utf8')) as { defaults: { maxModules: number; minModules: number; minTasksPerModule: number }; departments: SplitDepartment[] };
const onet = readOnet(path.join(BENCH_DIR, 'onet'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-validation-'));

const devOccupations = new Set(devSplit.departments.flatMap((d) => d.occupations));
const shared = VALIDATION_DEPARTMENTS.flatMap((d) => d.occupations).filter((o) => devOccupations.has(o));
if (shared.length > 0) throw new Error(`validation occupations also in dev: ${shared.join(', ')}`);

// Rows compared as sets of canonical JSON (key order and the order of gold ids do not matter).
const canonical = (row: unknown): string => JSON.stringify(row, (_key, value) =>
  Array.isArray(value) ? value : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort()) : value);
function differences(expectedDir: string, builtDir: string): string[] {
  const found: string[] = [];
  for (const d of devSplit.departments) {
    const files = (dir: string) => fs.readdirSync(path.join(dir, d.slug, 'modules')).sort();
    const modules = (dir: string) => files(dir).map((f) => canonical(JSON.parse(fs.readFileSync(path.join(dir, d.slug, 'modules', f), 'utf8')) as BenchModule));
    if (canonical(modules(expectedDir)) !== canonical(modules(builtDir))) found.push(`${d.slug}: modules differ`);
    for (const file of ['tasks.jsonl', 'out-of-scope.jsonl', 'qrels.jsonl']) {
      const rows = (dir: string) => readJsonl<Record<string, unknown>>(path.join(dir, d.slug, file))
        .map((r) => canonical(Array.isArray(r.moduleIds) ? { ...r, moduleIds: [...r.moduleIds].sort() } : r)).sort();
      if (rows(expectedDir).join('\n') !== rows(builtDir).join('\n')) found.push(`${d.slug}: ${file} differs`);
    }
  }
  return found;
}

writeSplit(onet, devSplit.departments, devSplit.defaults, path.join(work, 'dev'));
const mismatches = differences(path.join(BENCH_DIR, 'dev'), path.join(work, 'dev'));
if (mismatches.length > 0) {
  console.error(`The builder does not reproduce the dev split, so its other departments would not be comparable:\n  ${mismatches.join('\n  ')}`);
  process.exit(1);
}
console.log('The builder reproduces ../shared/bench/dev exactly (modules, tasks, out-of-scope tasks, gold).');

const validationDir = path.join(work, 'validation');
writeSplit(onet, VALIDATION_DEPARTMENTS, devSplit.defaults, validationDir);
for (const d of VALIDATION_DEPARTMENTS) console.log(`  ${d.slug}: ${d.occupations.length} occupations`);
const run = spawnSync(process.execPath, [...process.execArgv, path.join(import.meta.dirname, 'match-bench.ts'), '--split', validationDir], { stdio: 'inherit' });
fs.rmSync(work, { recursive: true, force: true });
process.exit(run.status ?? 1);
