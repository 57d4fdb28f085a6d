import { expect } from 'chai';
import type { TaskMatchResult } from '../../../src/matching/index.ts';
import { IncomingMatches } from '../../../src/shortlist/domain/incoming-matches.ts';

const result = (moduleId: string): TaskMatchResult => ({ taskId: undefined, gap: false, matches: [{ moduleId, score: 0.6, evidence: { phrase: 'a phrase', sharedTerms: ['invoice'], relatedTerms: [] } }] });
const keysOf = (results: ReadonlyMap<string, TaskMatchResult>) => [...results.keys()].sort();

describe('IncomingMatches', () => {
  it('when results are added under a fingerprint, then they are found under it and under no other', () => {
    const incoming = new IncomingMatches();

    incoming.add('e1', 'f1', [['k1', result('invoices')], ['k2', result('rotas')]]);

    expect(keysOf(incoming.resultsOf('e1', 'f1'))).to.deep.equal(['k1', 'k2']);
    expect(incoming.resultsOf('e1', 'f2').size).to.equal(0);
    expect(incoming.resultsOf('e2', 'f1').size).to.equal(0);
    expect(incoming.size).to.equal(2);
  });

  it('when the same key comes twice, then it is held once', () => {
    const incoming = new IncomingMatches();

    incoming.add('e1', 'f1', [['k1', result('invoices')]]);
    incoming.add('e1', 'f1', [['k1', result('invoices')]]);

    expect(incoming.size).to.equal(1);
  });

  it('when an engagement\'s results come under a new fingerprint (its modules changed), then the older ones are dropped', () => {
    const incoming = new IncomingMatches();
    incoming.add('e1', 'f1', [['k1', result('invoices')], ['k2', result('rotas')]]);

    incoming.add('e1', 'f2', [['k3', result('invoices')]]);

    expect(incoming.resultsOf('e1', 'f1').size).to.equal(0);
    expect(keysOf(incoming.resultsOf('e1', 'f2'))).to.deep.equal(['k3']);
    expect(incoming.size).to.equal(1);
  });

  it('when some keys are released (now stored), then only those are forgotten; releasing all forgets the engagement\'s', () => {
    const incoming = new IncomingMatches(10);
    incoming.add('e1', 'f1', [['k1', result('invoices')], ['k2', result('rotas')]]);
    incoming.add('e2', 'f1', [['k1', result('invoices')]]);

    incoming.release('e1', 'f1', ['k1', 'unknown']);
    expect(keysOf(incoming.resultsOf('e1', 'f1'))).to.deep.equal(['k2']);
    incoming.releaseAll('e2');

    expect(incoming.resultsOf('e2', 'f1').size).to.equal(0);
    expect(incoming.size).to.equal(1);
    expect(incoming.room).to.equal(9);
  });

  it('when keys are released under modules other than those held (they changed meanwhile), then nothing is forgotten', () => {
    const incoming = new IncomingMatches();
    incoming.add('e1', 'f2', [['k1', result('invoices')]]);

    incoming.release('e1', 'f1', ['k1']);

    expect(keysOf(incoming.resultsOf('e1', 'f2'))).to.deep.equal(['k1']);
  });

  it('when the limit is passed, then the engagement heard from longest ago loses its oldest results first', () => {
    const incoming = new IncomingMatches(4);
    incoming.add('quiet', 'f', [['q1', result('a')], ['q2', result('a')]]);
    incoming.add('busy', 'f', [['b1', result('a')]]);
    incoming.add('quiet', 'f', [['q3', result('a')]]);

    incoming.add('busy', 'f', [['b2', result('a')], ['b3', result('a')]]);

    expect(incoming.size).to.equal(4);
    expect(keysOf(incoming.resultsOf('quiet', 'f')), 'quiet was heard from before busy\'s last addition').to.deep.equal(['q3']);
    expect(keysOf(incoming.resultsOf('busy', 'f'))).to.deep.equal(['b1', 'b2', 'b3']);
  });

  it('when one engagement alone passes the limit, then its oldest results go', () => {
    const incoming = new IncomingMatches(2);

    incoming.add('e1', 'f', [['k1', result('a')], ['k2', result('a')], ['k3', result('a')]]);

    expect(keysOf(incoming.resultsOf('e1', 'f'))).to.deep.equal(['k2', 'k3']);
  });

  it('when held results are listed, then each engagement comes with its fingerprint, and later additions do not change the list', () => {
    const incoming = new IncomingMatches();
    incoming.add('e1', 'f1', [['k1', result('invoices')]]);
    incoming.add('e2', 'f2', [['k2', result('rotas')]]);

    const held = incoming.held();
    incoming.add('e1', 'f1', [['k3', result('rotas')]]);

    expect(held.map((h) => [h.engagementId, h.fingerprint, keysOf(h.results)])).to.deep.equal([['e1', 'f1', ['k1']], ['e2', 'f2', ['k2']]]);
  });

  it('when results are added, then they are to be written once, until written, released or dropped with their modules', () => {
    let added = 0;
    const incoming = new IncomingMatches(10, () => (added += 1));
    incoming.add('e1', 'f1', [['k1', result('invoices')], ['k2', result('rotas')]]);
    incoming.add('e2', 'f1', [['k3', result('rotas')]]);

    const due = incoming.toWrite();
    incoming.add('e1', 'f1', [['k4', result('invoices')]]);
    incoming.markWritten(due[0], ['p1']);
    incoming.release('e2', 'f1', ['k3']);

    expect(added, 'each addition is heard of').to.equal(3);
    expect(due.map((d) => [d.engagementId, keysOf(d.results)])).to.deep.equal([['e1', ['k1', 'k2']], ['e2', ['k3']]]);
    expect(incoming.toWrite().map((d) => [d.engagementId, keysOf(d.results)]), 'only what came after the snapshot').to.deep.equal([['e1', ['k4']]]);
    incoming.add('e1', 'f2', [['k5', result('invoices')]]);
    incoming.markWritten({ engagementId: 'e1', fingerprint: 'f1', results: new Map([['k5', result('invoices')]]) }, ['p2']);
    expect(incoming.toWrite().map((d) => [d.fingerprint, keysOf(d.results)]), 'a write under the old modules marks nothing of the new').to.deep.equal([['f2', ['k5']]]);
  });

  it('when parts are written from what is held, then they need not be read back until a held result is let go', () => {
    const incoming = new IncomingMatches(3);
    incoming.add('e1', 'f1', [['k1', result('invoices')]]);
    incoming.markWritten(incoming.toWrite()[0], ['p1']);
    incoming.add('e1', 'f1', [['k2', result('invoices')]]);
    incoming.markWritten(incoming.toWrite()[0], ['p2']);

    expect([...incoming.partsHeldOf('e1', 'f1')].sort()).to.deep.equal(['p1', 'p2']);
    expect(incoming.partsHeldOf('e1', 'f2').size, 'under other modules').to.equal(0);
    incoming.markMerged('e1', 'f1', ['p1', 'p2'], ['p3']);
    expect([...incoming.partsHeldOf('e1', 'f1')], 'merged from held parts only').to.deep.equal(['p3']);
    incoming.markMerged('e1', 'f1', ['p3', 'elsewhere'], ['p4']);
    expect(incoming.partsHeldOf('e1', 'f1').size, 'merged with a part written elsewhere').to.equal(0);

    incoming.markWritten({ engagementId: 'e1', fingerprint: 'f1', results: new Map() }, ['p5']);
    incoming.release('e1', 'f1', ['k1']);
    expect(incoming.partsHeldOf('e1', 'f1').size, 'after a release').to.equal(0);
    incoming.add('e1', 'f1', [['k1', result('invoices')]]);
    incoming.markWritten(incoming.toWrite()[0], ['p6']);
    expect([...incoming.partsHeldOf('e1', 'f1')]).to.deep.equal(['p6']);
    incoming.add('e2', 'f1', [['k3', result('rotas')], ['k4', result('rotas')]]);
    expect(incoming.resultsOf('e1', 'f1').size, 'one of two pushed out').to.equal(1);
    expect(incoming.partsHeldOf('e1', 'f1').size, 'after results were pushed out past the limit').to.equal(0);
  });

  it('when an engagement is forgotten (about to be removed), then nothing is held for it any more, even what comes later', () => {
    const incoming = new IncomingMatches();
    incoming.add('e1', 'f1', [['k1', result('invoices')]]);
    incoming.add('e2', 'f1', [['k2', result('rotas')]]);

    incoming.forget('e1');
    incoming.add('e1', 'f1', [['k3', result('invoices')]]);

    expect(incoming.resultsOf('e1', 'f1').size).to.equal(0);
    expect(incoming.toWrite().map((due) => due.engagementId)).to.deep.equal(['e2']);
    expect(incoming.size).to.equal(1);
  });

  it('when what is held must be written again (its parts were replaced), then all of it is due and the writer hears of it', () => {
    let added = 0;
    const incoming = new IncomingMatches(10, () => (added += 1));
    incoming.add('e1', 'f1', [['k1', result('invoices')], ['k2', result('rotas')]]);
    incoming.markWritten(incoming.toWrite()[0], ['p1']);

    incoming.writeAgain('e1', 'f2');
    expect(incoming.toWrite(), 'under other modules: nothing').to.deep.equal([]);
    incoming.writeAgain('e1', 'f1');

    expect(incoming.toWrite().map((due) => keysOf(due.results))).to.deep.equal([['k1', 'k2']]);
    expect(incoming.partsHeldOf('e1', 'f1').size).to.equal(0);
    expect(added).to.equal(2);
  });

  it('when held results are let go or pushed out while they are being written, then their part does not count as held', () => {
    const incoming = new IncomingMatches(3);
    incoming.add('e1', 'f1', [['k1', result('invoices')], ['k2', result('invoices')]]);
    const pushedOut = incoming.toWrite()[0];
    incoming.add('e2', 'f1', [['k3', result('rotas')], ['k4', result('rotas')]]);
    incoming.markWritten(pushedOut, ['p1']);
    expect(incoming.partsHeldOf('e1', 'f1').size, 'one of its results pushed out meanwhile').to.equal(0);

    const released = incoming.toWrite().find((due) => due.engagementId === 'e2')!;
    incoming.release('e2', 'f1', ['k3', 'k4']);
    incoming.add('e2', 'f1', [['k5', result('rotas')]]);
    incoming.markWritten(released, ['p2']);
    expect(incoming.partsHeldOf('e2', 'f1').size, 'let go meanwhile, the engagement held afresh').to.equal(0);
    expect(incoming.toWrite().map((due) => keysOf(due.results)), 'what came after is still to be written').to.deep.equal([['k5']]);
  });

  it('when an engagement\'s held results are let go in any way, then its mark says so; adding, or another engagement letting go, does not', () => {
    const incoming = new IncomingMatches(3);
    incoming.add('e1', 'f1', [['k1', result('invoices')]]);
    const steps: boolean[] = [];
    const letGoSince = (step: () => void) => {
      const mark = incoming.heldMark('e1');
      step();
      steps.push(incoming.isLetGoSince('e1', mark));
    };

    letGoSince(() => incoming.add('e1', 'f1', [['k2', result('invoices')]]));
    letGoSince(() => incoming.add('e2', 'f1', [['k3', result('rotas')]]));
    letGoSince(() => incoming.release('e2', 'f1', ['k3']));
    letGoSince(() => incoming.release('e1', 'f1', ['k1']));
    letGoSince(() => incoming.add('e1', 'f2', [['k4', result('invoices')]]));
    letGoSince(() => incoming.add('e2', 'f1', [['k5', result('rotas')], ['k6', result('rotas')], ['k7', result('rotas')]]));

    expect(steps, 'added; another added; another released; released; modules changed; pushed out').to.deep.equal([false, false, false, true, true, true]);
  });
});

