import { matchTask, rankModulesForTask, type ModuleIndex, type ModuleMatch, type TaskMatchResult, type TaskToMatch } from '../matching/index.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import { buildLibraryIndex } from './library-index.ts';
import { loadModuleLibrary } from './load-library.ts';
import type { TrainingModule } from './training-module.ts';

/** Which training modules a ranking may return: all of the library, or an engagement's own set. */
export interface MatchScope {
  /** How many modules each result lists, best first. */
  top: number;
  /** Only these module ids (an engagement's `moduleIds`); the whole library when absent. */
  moduleIds?: ReadonlySet<string>;
}

/**
 * The training-module library as the service runs with it: the modules, looked up by id, and the
 * matcher's index over them, built once at start-up and shared by every request.
 *
 * An engagement's own library is served by the same index, filtered, rather than an index of its
 * own: scores then mean the same thing in every engagement (a task scores the same against a module
 * whichever engagement asks), and the gap threshold stays the one calibrated on a whole library —
 * idf statistics over three or four modules would make it meaningless.
 */
export class ModuleCatalogue {
  readonly modules: readonly TrainingModule[];
  private readonly byId: ReadonlyMap<string, TrainingModule>;

  constructor(modules: readonly TrainingModule[], readonly index: ModuleIndex) {
    this.modules = [...modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.byId = new Map(this.modules.map((module) => [module.id, module]));
  }

  /** The calibrated gap threshold: a task whose best score is under it is a gap. */
  get minScore(): number {
    return this.index.settings.minScore;
  }

  find(moduleId: string): TrainingModule | undefined {
    return this.byId.get(moduleId);
  }

  has(moduleId: string): boolean {
    return this.byId.has(moduleId);
  }

  /**
   * The task's best modules within the scope, and whether it is a gap there: the scores are
   * calibrated among the scope's modules, so a task no module of the engagement covers is a gap even
   * when a module outside it would cover the task.
   */
  match(task: TaskToMatch, scope: MatchScope): TaskMatchResult {
    const moduleIds = scope.moduleIds && !this.coversWholeLibrary(scope.moduleIds) ? scope.moduleIds : undefined;
    return matchTask(this.index, task, { limit: scope.top, moduleIds });
  }

  /**
   * One module's score and evidence for a task, whatever its rank (a module the consultant pinned),
   * on the whole library's calibration: the same as the task's own ranking when the engagement uses
   * the whole library, and a close stand-in otherwise.
   */
  scoreModule(task: TaskToMatch, moduleId: string): ModuleMatch | undefined {
    if (!this.byId.has(moduleId)) return undefined;
    return rankModulesForTask(this.index, task, { limit: this.modules.length }).find((match) => match.moduleId === moduleId);
  }

  private coversWholeLibrary(moduleIds: ReadonlySet<string>): boolean {
    if (moduleIds.size < this.modules.length) return false;
    return this.modules.every((module) => moduleIds.has(module.id));
  }
}

/** The catalogue over loaded modules; `minScore` overrides the calibrated gap threshold (MATCH_MIN_SCORE). */
export function createModuleCatalogue(modules: readonly TrainingModule[], options: { minScore?: number } = {}): ModuleCatalogue {
  return new ModuleCatalogue(modules, buildLibraryIndex(modules, options));
}

/** Loads and validates a module folder and indexes it; a bad file stops the start naming itself. */
export function loadModuleCatalogue(dir: string, registry: SchemaRegistry, options: { minScore?: number } = {}): ModuleCatalogue {
  return createModuleCatalogue(loadModuleLibrary(dir, registry), options);
}
