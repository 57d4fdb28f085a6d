import type { TrainingModule } from '../../library/index.ts';

/** The library's training modules grouped by department, for a choice of checkboxes. */
export function libraryChoices(modules: readonly TrainingModule[], chosen: ReadonlySet<string>) {
  const groups = new Map<string, Array<{ id: string; title: string; summary: string; isChosen: boolean }>>();
  for (const module of modules) {
    const group = groups.get(module.department) ?? groups.set(module.department, []).get(module.department)!;
    group.push({ id: module.id, title: module.title, summary: module.summary, isChosen: chosen.has(module.id) });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([department, items]) => ({ department, items }));
}
