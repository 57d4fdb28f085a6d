import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedWrites } from '../../../src/shortlist/domain/delayed-writes.ts';

const DELAY_MS = 20;
const unexpected = (err: unknown) => {
  throw new Error(`no write should reject here: ${String(err)}`);
};

/** A write that records when it ran, and answers as told. */
function recordingWrite(outcomes: boolean[] = []) {
  const runs: number[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const lastRuns: boolean[] = [];
  return {
    runs,
    /** Whether each run was the closing one. */
    lastRuns,
    /** Holds the next runs until `open()`. */
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    open: () => release?.(),
    write: async ({ isLast }: { isLast: boolean }) => {
      runs.push(performance.now());
      lastRuns.push(isLast);
      await gate;
      return outcomes.shift() ?? true;
    },
  };
}

/** Waits until `count` runs happened (bounded, so a broken schedule fails instead of hanging). */
async function runsReach(runs: number[], count: number): Promise<void> {
  for (let waited = 0; runs.length < count && waited < 2_000; waited += 5) await sleep(5);
}

/** A schedule whose first run has started and is held until `w.open()`. */
async function withRunUnderWay() {
  const w = recordingWrite();
  const writes = new DelayedWrites(w.write, DELAY_MS, unexpected);
  w.hold();
  writes.request();
  await runsReach(w.runs, 1);
  return { w, writes };
}

describe('DelayedWrites', () => {
  it('when several writes are asked for within the delay, then one run serves them', async () => {
    const w = recordingWrite();
    const writes = new DelayedWrites(w.write, DELAY_MS, unexpected);
    const asked = performance.now();

    writes.request();
    writes.request();
    writes.request();
    await runsReach(w.runs, 1);
    await sleep(DELAY_MS * 3);

    expect(w.runs).to.have.length(1);
    expect(w.runs[0] - asked).to.be.at.least(DELAY_MS - 1);
  });

  it('when a write is asked for while one runs, then another run follows it', async () => {
    const { w, writes } = await withRunUnderWay();

    writes.request();
    w.open();
    await runsReach(w.runs, 2);

    expect(w.runs).to.have.length(2);
  });

  it('when a run fails, then it is tried again, after twice the delay', async () => {
    const w = recordingWrite([false, true]);
    const writes = new DelayedWrites(w.write, DELAY_MS, unexpected);

    writes.request();
    await runsReach(w.runs, 2);

    expect(w.runs).to.have.length(2);
    expect(w.runs[1] - w.runs[0]).to.be.at.least(2 * DELAY_MS - 1);
  });

  it('when closed during a run, then it waits for that run, makes one last run, and none afterwards', async () => {
    const { w, writes } = await withRunUnderWay();
    writes.request();

    const closing = writes.close();
    let isClosed = false;
    void closing.then(() => (isClosed = true));
    await sleep(DELAY_MS);
    expect(isClosed, 'still waiting for the run').to.equal(false);
    w.open();
    expect(await closing, 'what the last run answered').to.equal(true);
    writes.request();
    expect(await writes.writeNow(), 'writeNow once closed').to.equal(false);
    await sleep(DELAY_MS * 3);

    expect(w.runs).to.have.length(2);
    expect(w.lastRuns, 'the last one says so').to.deep.equal([false, true]);
  });

  it('when asked whether it has settled during a run, then it answers once the run is over, and at once when none runs', async () => {
    await new DelayedWrites(recordingWrite().write, DELAY_MS, unexpected).settled();
    const { w, writes } = await withRunUnderWay();

    let isSettled = false;
    const settling = writes.settled().then(() => (isSettled = true));
    await sleep(DELAY_MS);
    expect(isSettled).to.equal(false);
    w.open();
    await settling;

    expect(isSettled).to.equal(true);
  });

  it('when a write rejects (a bug), then it is reported, counts as a failure and is tried again', async () => {
    const errors: unknown[] = [];
    const runs: number[] = [];
    const writes = new DelayedWrites(async () => {
      runs.push(performance.now());
      if (runs.length === 1) throw new Error('broken');
      return true;
    }, DELAY_MS, (err) => errors.push(err));

    writes.request();
    await runsReach(runs, 2);
    await writes.settled();

    expect(errors.map((err) => (err as Error).message)).to.deep.equal(['broken']);
    expect(runs[1] - runs[0]).to.be.at.least(2 * DELAY_MS - 1);
  });

  it('when a write is asked for now while one runs, then it runs after that one, once, and the waiting one is dropped', async () => {
    const { w, writes } = await withRunUnderWay();
    writes.request();

    const now = writes.writeNow();
    await sleep(DELAY_MS);
    expect(w.runs, 'not alongside the run under way').to.have.length(1);
    w.open();

    expect(await now).to.equal(true);
    await sleep(DELAY_MS * 3);
    expect(w.runs).to.have.length(2);
  });

  it('when a write comes due during a pause, then it waits for the paused work and runs after it', async () => {
    const w = recordingWrite();
    const writes = new DelayedWrites(w.write, DELAY_MS, unexpected);
    writes.request();
    let pauseEnded = 0;

    const result = await writes.pausedFor(async () => {
      await sleep(DELAY_MS * 3);
      pauseEnded = performance.now();
      return 'saved';
    });
    await runsReach(w.runs, 1);

    expect(result).to.equal('saved');
    expect(w.runs).to.have.length(1);
    expect(w.runs[0]).to.be.at.least(pauseEnded);
  });

  it('when a pause is asked for during a write, then the work starts once the write is over; what it throws goes to the caller', async () => {
    const { w, writes } = await withRunUnderWay();
    let startedAt = 0;

    const pausing = writes.pausedFor(async () => {
      startedAt = performance.now();
      throw new Error('save failed');
    });
    await sleep(DELAY_MS);
    expect(startedAt, 'not while the write runs').to.equal(0);
    const opened = performance.now();
    w.open();

    const failure = await pausing.then(() => undefined, (err: Error) => err.message);
    expect(failure).to.equal('save failed');
    expect(startedAt).to.be.at.least(opened);
    await writes.settled();
  });

  it('when writes keep coming due during back-to-back pauses, then each runs as soon as its pause ends, not a whole delay later', async () => {
    const w = recordingWrite();
    const writes = new DelayedWrites(w.write, DELAY_MS, unexpected);
    const pauseEnds: number[] = [];
    for (let pause = 0; pause < 4; pause += 1) {
      writes.request();
      await writes.pausedFor(async () => {
        await sleep(DELAY_MS * 2);
        pauseEnds.push(performance.now());
      });
      await runsReach(w.runs, pause + 1);
    }

    expect(w.runs).to.have.length(4);
    // Each write came due inside its pause and ran right after it: well within one delay.
    w.runs.forEach((ranAt, i) => expect(ranAt - pauseEnds[i]).to.be.below(DELAY_MS));
  });

  it('when paused work asks for a write or another pause, then it is refused rather than waiting for itself', async () => {
    const writes = new DelayedWrites(recordingWrite().write, DELAY_MS, unexpected);

    const refusals = await writes.pausedFor(async () => {
      const refused: string[] = [];
      for (const attempt of [() => writes.writeNow(), () => writes.pausedFor(async () => 1)]) {
        await attempt().then(() => undefined, (err: Error) => refused.push(err.message));
      }
      return refused;
    });

    expect(refusals).to.deep.equal(['DelayedWrites.writeNow called while paused', 'DelayedWrites.pausedFor called while paused']);
  });
});

