import { expect } from 'chai';
import { pino } from 'pino';
import type { TaskMatchResult } from '../../../src/matching/index.ts';
import { DeferredCacheWrites } from '../../../src/shortlist/use-cases/deferred-cache-writes.ts';

const result = (moduleId: string): TaskMatchResult => ({ taskId: undefined, gap: false, matches: [{ moduleId, score: 0.6, evidence: { phrase: 'a phrase', sharedTerms: ['invoice'], relatedTerms: [] } }] });
const resultsOf = (...keys: string[]) => new Map(keys.map((key) => [key, result('invoices')]));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The writer over a write that records what it stored (after a short pause, like a store); `failing` makes it fail. */
function writerWith(options: { delayMs?: number; failing?: boolean } = {}) {
  const written: Array<{ engagementId: string; keys: string[] }> = [];
  const warnings: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
  const writes = new DeferredCacheWrites(async (engagementId, _fingerprint, results) => {
    await sleep(5);
    if (options.failing) throw new Error('store unavailable');
    written.push({ engagementId, keys: [...results.keys()] });
  }, logger, options.delayMs ?? 60_000);
  return { writes, written, warnings };
}

describe('DeferredCacheWrites', () => {
  it('when a write is scheduled, then it waits, its results are offered meanwhile, and a flush writes them and tells the caller', async () => {
    const { writes, written } = writerWith();
    let stored = 0;

    writes.schedule('e1', 'f1', resultsOf('k1', 'k2'), () => (stored += 1));

    expect(written).to.deep.equal([]);
    expect([...writes.pendingResults('e1', 'f1').keys()]).to.deep.equal(['k1', 'k2']);
    expect(writes.pendingResults('e1', 'f2').size, 'another fingerprint').to.equal(0);
    await writes.flush();
    expect(written).to.deep.equal([{ engagementId: 'e1', keys: ['k1', 'k2'] }]);
    expect(stored).to.equal(1);
    expect(writes.pendingResults('e1', 'f1').size).to.equal(0);
  });

  it('when the delay passes, then the write happens by itself', async () => {
    const { writes, written } = writerWith({ delayMs: 10 });

    writes.schedule('e1', 'f1', resultsOf('k1'), () => {});
    for (let waited = 0; written.length === 0 && waited < 5_000; waited += 10) await sleep(10);

    expect(written).to.deep.equal([{ engagementId: 'e1', keys: ['k1'] }]);
  });

  it('when a newer computation schedules before the write started, then only its results are written and both callers are told', async () => {
    const { writes, written } = writerWith();
    const told: string[] = [];

    writes.schedule('e1', 'f1', resultsOf('old'), () => told.push('first'));
    writes.schedule('e1', 'f1', resultsOf('new'), () => told.push('second'));
    await writes.flush();

    expect(written).to.deep.equal([{ engagementId: 'e1', keys: ['new'] }]);
    expect(told).to.deep.equal(['first', 'second']);
  });

  it('when a write is under way and another is started, then they land in order and the results in flight are still offered', async () => {
    const { writes, written } = writerWith();
    writes.schedule('e1', 'f1', resultsOf('old'), () => {});
    const first = writes.flush();
    expect([...writes.pendingResults('e1', 'f1').keys()], 'in flight').to.deep.equal(['old']);

    writes.schedule('e1', 'f1', resultsOf('new'), () => {});
    await Promise.all([first, writes.flush()]);

    expect(written.map((w) => w.keys)).to.deep.equal([['old'], ['new']]);
  });

  it('when the engagement\'s write is cancelled (its shortlists deleted), then nothing is written, now or later', async () => {
    const { writes, written } = writerWith();

    writes.schedule('e1', 'f1', resultsOf('k1'), () => {});
    await writes.cancel('e1');
    writes.schedule('e1', 'f1', resultsOf('k2'), () => {});
    await writes.flush();

    expect(written).to.deep.equal([]);
    expect(writes.pendingResults('e1', 'f1').size).to.equal(0);
    expect(writes.isWriting('e1')).to.equal(false);
  });

  it('when a write is under way as the engagement\'s write is cancelled, then the cancel waits for it (the deletion then removes what it wrote)', async () => {
    const { writes, written } = writerWith();
    writes.schedule('e1', 'f1', resultsOf('k1'), () => {});
    const flushing = writes.flush();
    expect(writes.isWriting('e1'), 'under way').to.equal(true);

    await writes.cancel('e1');

    expect(written).to.deep.equal([{ engagementId: 'e1', keys: ['k1'] }]);
    await flushing;
  });

  it('when the write fails, then it is logged, the caller is not told it was stored, and nothing stays pending', async () => {
    const { writes, warnings } = writerWith({ failing: true });
    let stored = false;

    writes.schedule('e1', 'f1', resultsOf('k1'), () => (stored = true));
    await writes.flush();

    expect(stored).to.equal(false);
    expect(warnings.map((w) => w.engagementId)).to.deep.equal(['e1']);
    expect(writes.pendingResults('e1', 'f1').size).to.equal(0);
  });
});
