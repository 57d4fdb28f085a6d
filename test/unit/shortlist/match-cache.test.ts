import { expect } from 'chai';
import { ModuleCatalogue } from '../../../src/library/index.ts';
import { buildModuleIndex, withSettings, type ModuleMatch, type TaskMatchResult } from '../../../src/matching/index.ts';
import { decodeMatches, encodeMatches } from '../../../src/shortlist/domain/match-cache-codec.ts';
import { matchScopeFingerprint, taskMatchKey, taskMatchText } from '../../../src/shortlist/domain/match-fingerprint.ts';
import { matchWeighedTasks } from '../../../src/shortlist/domain/match-tasks.ts';
import { coveringPart, rankCohortModules, SECONDARY_MATCH_RATIO } from '../../../src/shortlist/domain/rank-cohort-modules.ts';
import type { WeighedTask } from '../../../src/shortlist/domain/weigh-tasks.ts';
import { buildTrainingModule } from '../matching/build-training-module.ts';

const invoices = buildTrainingModule({ id: 'invoices', title: 'Invoice checks', tasks: ['Match supplier invoices to purchase orders'] });
const rotas = buildTrainingModule({ id: 'rotas', title: 'Staff rotas', department: 'Operations', tasks: ['Plan weekly staff rotas'] });
const catalogueOf = (modules = [invoices, rotas], minScore?: number) => new ModuleCatalogue(modules, buildModuleIndex(modules, minScore === undefined ? {} : { settings: withSettings({ minScore }) }));

function match(moduleId: string, score: number, related: ModuleMatch['evidence']['relatedTerms'] = []): ModuleMatch {
  return { moduleId, score, evidence: { phrase: `phrase of ${moduleId}`, sharedTerms: ['invoices', 'orders'], relatedTerms: related } };
}

function task(taskId: string, text: string, department = 'Finance'): WeighedTask {
  return { taskId, personId: 'p', text, department, roleLevel: 'contributor', hoursPerWeek: 2, priority: 3, isPriorityDefault: false, status: 'confirmed', weight: 1 };
}

describe('match cache codec', () => {
  it('when results are encoded and decoded, then they come back equal, words written once', () => {
    const results = new Map<string, TaskMatchResult>([
      ['k1', { taskId: undefined, gap: false, matches: [match('invoices', 0.61234567891), match('rotas', 0.5, [{ taskWord: 'rota', moduleWord: 'roster', relation: 'synonym' }])] }],
      ['k2', { taskId: undefined, gap: true, matches: [match('invoices', 0.1)] }],
      ['k3', { taskId: undefined, gap: true, matches: [] }],
    ]);

    const encoded = JSON.parse(JSON.stringify(encodeMatches(results)));
    const decoded = new Map<string, TaskMatchResult>();
    decodeMatches(encoded, decoded);

    expect(decoded).to.deep.equal(results);
    expect(encoded.strings.filter((s: string) => s === 'invoices')).to.have.length(1);
  });

  it('when two results have equal evidence, then it is stored once and read back as one shared object', () => {
    const results = new Map<string, TaskMatchResult>([
      ['a', { taskId: undefined, gap: false, matches: [match('invoices', 0.7)] }],
      ['b', { taskId: undefined, gap: false, matches: [match('invoices', 0.6)] }],
    ]);

    const encoded = encodeMatches(results);
    const decoded = new Map<string, TaskMatchResult>();
    decodeMatches(encoded, decoded);

    expect(encoded.evidence).to.have.length(1);
    expect(decoded.get('a')!.matches[0].evidence).to.equal(decoded.get('b')!.matches[0].evidence);
    expect(decoded).to.deep.equal(results);
  });

  it('when a result has a field the codec does not know, then it is left out rather than stored without it', () => {
    const extended = { ...match('invoices', 0.7), calibration: 3.2 } as ModuleMatch;
    const results = new Map<string, TaskMatchResult>([['known', { taskId: undefined, gap: false, matches: [match('invoices', 0.7)] }], ['new', { taskId: undefined, gap: false, matches: [extended] }]]);

    const encoded = encodeMatches(results);

    expect(encoded.entries.map((entry) => entry[0])).to.deep.equal(['known']);
  });
});

describe('coveringPart', () => {
  it('when a task has matches under the coverage floor, then only the covering ones are kept, and ranking gives the same modules', () => {
    const full: TaskMatchResult = { taskId: undefined, gap: false, matches: [match('a', 0.8), match('b', 0.8 * SECONDARY_MATCH_RATIO), match('c', 0.5)] };
    const tasks = [task('t', 'x')];

    const part = coveringPart(full, 0.3);

    expect(part.matches.map((m) => m.moduleId)).to.deep.equal(['a', 'b']);
    expect(rankCohortModules(tasks, () => part, 0.3, (id) => id)).to.deep.equal(rankCohortModules(tasks, () => full, 0.3, (id) => id));
  });

  it('when a task is a gap, then its best match is kept for its best score', () => {
    const part = coveringPart({ taskId: undefined, gap: true, matches: [match('a', 0.2), match('b', 0.19)] }, 0.3);

    expect(part.matches.map((m) => [m.moduleId, m.score])).to.deep.equal([['a', 0.2]]);
  });
});

describe('matchScopeFingerprint and taskMatchKey', () => {
  it('when library, scope or gap threshold differ, then so does the fingerprint; the same catalogue and scope give the same one', () => {
    const catalogue = catalogueOf();
    const both = new Set(['invoices', 'rotas']);

    const fingerprint = matchScopeFingerprint(catalogue, both);

    expect(matchScopeFingerprint(catalogueOf(), both)).to.equal(fingerprint);
    expect(matchScopeFingerprint(catalogue, new Set(['invoices']))).to.not.equal(fingerprint);
    expect(matchScopeFingerprint(catalogueOf([invoices, { ...rotas, tasks: ['Plan weekend staff rotas'] }]), both)).to.not.equal(fingerprint);
    expect(matchScopeFingerprint(catalogueOf(undefined, 0.9), both)).to.not.equal(fingerprint);
  });

  it('when a key is made, then it depends on words, department and role level, and holds none of the words', () => {
    const key = taskMatchKey(taskMatchText({ text: 'Water the office plants', department: 'Finance', roleLevel: 'contributor' }));

    expect(key).to.have.length(16).and.not.contain('plants');
    expect(taskMatchKey(taskMatchText({ text: 'Water the office plants', department: 'Finance', roleLevel: 'manager' }))).to.not.equal(key);
    expect(taskMatchKey(taskMatchText({ text: 'Water the office plants ', department: 'Finance', roleLevel: 'contributor' }))).to.not.equal(key);
  });
});

describe('matchWeighedTasks', () => {
  const catalogue = catalogueOf();
  const scope = new Set(['invoices', 'rotas']);
  const tasks = [task('1', 'Match supplier invoices to purchase orders'), task('2', 'Match supplier invoices to purchase orders'), task('3', 'Plan weekly staff rotas', 'Operations')];

  it('when two tasks have the same words, department and role level, then they are matched once and share the result', async () => {
    const matched = await matchWeighedTasks(catalogue, tasks, scope);

    expect(matched).to.include({ matchedCount: 2, cachedCount: 0, isCacheRejected: false });
    expect(matched.byTask.get('1')).to.equal(matched.byTask.get('2'));
    expect(matched.byTask.get('3')!.matches[0].moduleId).to.equal('rotas');
  });

  it('when the results are cached, then nothing is matched again and the results are the same', async () => {
    const first = await matchWeighedTasks(catalogue, tasks, scope);

    const second = await matchWeighedTasks(catalogue, tasks, scope, first.byKey());

    expect(second).to.include({ matchedCount: 0, cachedCount: 2, isCacheRejected: false });
    expect([...second.byTask]).to.deep.equal([...first.byTask]);
  });

  it('when a cached result differs from what the matcher gives, then the cache is set aside and every task is matched', async () => {
    const first = await matchWeighedTasks(catalogue, tasks, scope);
    const wrong = new Map([...first.byKey()].map(([key, result]) => [key, { ...result, matches: result.matches.map((m) => ({ ...m, score: m.score + 0.01 })) }]));

    const second = await matchWeighedTasks(catalogue, tasks, scope, wrong);

    expect(second).to.include({ matchedCount: 2, cachedCount: 0, isCacheRejected: true });
    expect([...second.byTask]).to.deep.equal([...first.byTask]);
  });

  it('when what the cache reads from changes while tasks are matched (between chunks), then what it had when matching began still counts', async () => {
    const many = Array.from({ length: 600 }, (_, i) => task(`t${i}`, `Reconcile supplier statement number ${i} against the ledger`));
    const last = many[many.length - 1];
    const cached = new Map((await matchWeighedTasks(catalogue, [last], scope)).byKey());
    // Runs at the first pause, after 500 tasks are matched: as a release would, elsewhere.
    setImmediate(() => cached.clear());

    const matched = await matchWeighedTasks(catalogue, many, scope, cached);

    expect(matched).to.include({ matchedCount: 599, cachedCount: 1 });
  });
});

