// Builds benchmark departments from the O*NET files in ../shared/bench/onet the way the dev split was
// built, for occupations the dev split does not use. They estimate how the matcher does on departments
// it was never tuned on. Measure on them; never choose a setting by them: the product is scored outside
// the project on departments like these, so tuning here would fit that test.
import fs from 'node:fs';
import path from 'node:path';
import type { BenchModule, BenchTask } from './match-bench-data.ts';

export interface SplitDepartment { name: string; slug: string; occupations: string[] }
interface SplitOptions { maxModules: number; minModules: number; minTasksPerModule: number }
interface Onet {
  tasks: { occupation: string; id: string; text: string }[];
  dwasOfTask: Map<string, Set<string>>;
  dwas: Map<string, { iwa: string; title: string }>;
  iwas: Map<string, { gwa: string; title: string }>;
  gwaNames: Map<string, string>;
}

/** Occupations no dev department uses, grouped as an organisation's departments would be. */
export const VALIDATION_DEPARTMENTS: SplitDepartment[] = [
  { name: 'Operations', slug: 'operations', occupations: ['11-1021.00', '11-3051.00', '11-3061.00', '11-3071.00', '13-1023.00', '13-1081.00', '13-1082.00', '43-5011.00', '43-5061.00', '43-5071.00'] },
  { name: 'Engineering & IT', slug: 'engineering-it', occupations: ['11-3021.00', '15-1211.00', '15-1212.00', '15-1232.00', '15-1242.00', '15-1244.00', '15-1252.00', '15-1253.00', '15-1254.00', '15-2051.00'] },
  { name: 'Legal', slug: 'legal', occupations: ['13-1041.00', '23-1011.00', '23-1012.00', '23-1021.00', '23-1022.00', '23-2011.00', '23-2093.00', '43-6012.00'] },
  { name: 'Health Administration', slug: 'health-admin', occupations: ['11-9111.00', '29-2072.00', '29-9021.00', '43-4111.00', '43-6013.00'] },
];

function readTable(onetDir: string, file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(onetDir, file), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const columns = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value])));
}

export function readOnet(onetDir: string): Onet {
  const dwasOfTask = new Map<string, Set<string>>();
  for (const row of readTable(onetDir, 'Tasks to DWAs.txt')) {
    const key = `${row['O*NET-SOC Code']}/${row['Task ID']}`;
    dwasOfTask.set(key, (dwasOfTask.get(key) ?? new Set()).add(row['DWA ID']));
  }
  return {
    tasks: readTable(onetDir, 'Task Statements.txt').map((r) => ({ occupation: r['O*NET-SOC Code'], id: r['Task ID'], text: r.Task })),
    dwasOfTask,
    dwas: new Map(readTable(onetDir, 'DWA Reference.txt').map((r) => [r['DWA ID'], { iwa: r['IWA ID'], title: r['DWA Title'] }])),
    iwas: new Map(readTable(onetDir, 'IWA Reference.txt').map((r) => [r['IWA ID'], { gwa: r['Element ID'], title: r['IWA Title'] }])),
    gwaNames: new Map(readTable(onetDir, 'Content Model Reference.txt').map((r) => [r['Element ID'], r['Element Name']])),
  };
}

const withoutStop = (s: string) => s.trim().replace(/\.+$/, '');
const kebab = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const byCountThenId = (count: (id: string) => number) => (a: string, b: string) => count(b) - count(a) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * One department: its modules are the work activities (IWAs) most of its tasks link to (at least
 * `minTasksPerModule`, at most `maxModules`), each phrased by the detailed activities (DWAs) its tasks
 * use, most used first. A task is in scope when it links to a chosen module, out of scope otherwise;
 * a task worded exactly as one of those activities is dropped, since it would match itself.
 */
export function buildDepartment(onet: Onet, department: SplitDepartment, options: SplitOptions) {
  const occupations = new Set(department.occupations);
  const tasks = onet.tasks.filter((t) => occupations.has(t.occupation)).map((t) => ({ ...t, dwas: onet.dwasOfTask.get(`${t.occupation}/${t.id}`) ?? new Set<string>() }));
  const tasksOfIwa = new Map<string, Set<string>>();
  const usesOfDwa = new Map<string, number>();
  for (const task of tasks) {
    for (const dwa of task.dwas) {
      const iwa = onet.dwas.get(dwa)!.iwa;
      tasksOfIwa.set(iwa, (tasksOfIwa.get(iwa) ?? new Set()).add(`${task.occupation}/${task.id}`));
      usesOfDwa.set(dwa, (usesOfDwa.get(dwa) ?? 0) + 1);
    }
  }
  const chosen = [...tasksOfIwa.keys()].sort(byCountThenId((iwa) => tasksOfIwa.get(iwa)!.size))
    .filter((iwa) => tasksOfIwa.get(iwa)!.size >= options.minTasksPerModule).slice(0, options.maxModules);
  if (chosen.length < options.minModules) throw new Error(`${department.slug}: only ${chosen.length} work activities with ${options.minTasksPerModule} tasks`);
  const moduleIdOf = new Map(chosen.map((iwa) => [iwa, kebab(withoutStop(onet.iwas.get(iwa)!.title))]));
  const modules: BenchModule[] = chosen.map((iwa) => {
    const title = withoutStop(onet.iwas.get(iwa)!.title);
    const dwas = [...usesOfDwa.keys()].filter((d) => onet.dwas.get(d)!.iwa === iwa).sort(byCountThenId((d) => usesOfDwa.get(d)!));
    const workArea = onet.gwaNames.get(onet.iwas.get(iwa)!.gwa)!.toLowerCase();
    return {
      id: moduleIdOf.get(iwa)!, title, department: department.name,
      summary: `Builds the ability to ${title[0].toLowerCase()}${title.slice(1)}, within the broader work area of ${workArea}.`,
      tasks: dwas.map((d) => withoutStop(onet.dwas.get(d)!.title)),
    };
  });
  const phrases = new Set(modules.flatMap((m) => m.tasks.map((p) => p.toLowerCase())));
  const inScope: BenchTask[] = [];
  const outOfScope: BenchTask[] = [];
  const qrels: { taskId: string; moduleIds: string[] }[] = [];
  for (const task of tasks.filter((t) => t.dwas.size > 0).sort((a, b) => Number(a.id) - Number(b.id))) {
    if (phrases.has(withoutStop(task.text).toLowerCase())) continue;
    const gold = [...new Set([...task.dwas].map((d) => moduleIdOf.get(onet.dwas.get(d)!.iwa)).filter((id) => id !== undefined))].sort();
    const row = { id: task.id, text: task.text, department: department.name };
    if (gold.length === 0) outOfScope.push(row);
    else { inScope.push(row); qrels.push({ taskId: task.id, moduleIds: gold }); }
  }
  return { modules, inScope, outOfScope, qrels };
}

/** Writes departments in the dev split's layout: <slug>/modules/*.json, tasks, qrels, out-of-scope. */
export function writeSplit(onet: Onet, departments: SplitDepartment[], options: SplitOptions, dir: string): void {
  for (const department of departments) {
    const built = buildDepartment(onet, department, options);
    const base = path.join(dir, department.slug);
    fs.mkdirSync(path.join(base, 'modules'), { recursive: true });
    for (const m of built.modules) fs.writeFileSync(path.join(base, 'modules', `${m.id}.json`), JSON.stringify(m, null, 2) + '\n');
    const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    fs.writeFileSync(path.join(base, 'tasks.jsonl'), jsonl(built.inScope));
    fs.writeFileSync(path.join(base, 'qrels.jsonl'), jsonl(built.qrels));
    fs.writeFileSync(path.join(base, 'out-of-scope.jsonl'), jsonl(built.outOfScope));
  }
}
