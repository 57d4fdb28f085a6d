import { expect } from 'chai';
import { BackgroundRuns, type BackgroundRun } from '../../../src/shortlist/domain/background-runs.ts';

/** A run that waits until released, then says whether it was cancelled meanwhile. */
function heldRun() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const seen: boolean[] = [];
  const work = async (run: BackgroundRun) => {
    await released;
    seen.push(run.isCancelled);
  };
  return { work, release, seen };
}

describe('BackgroundRuns', () => {
  it('when a second run starts for the same engagement, then the first is cancelled and another engagement\'s is not', async () => {
    const runs = new BackgroundRuns();
    const [first, second, other] = [heldRun(), heldRun(), heldRun()];
    runs.start('e1', first.work);
    runs.start('e2', other.work);
    runs.start('e1', second.work);

    for (const run of [first, second, other]) run.release();
    await runs.idle();

    expect([first.seen, second.seen, other.seen]).to.deep.equal([[true], [false], [false]]);
  });

  it('when the service stops, then every run is cancelled, and idle waits for runs started while it waited', async () => {
    const runs = new BackgroundRuns();
    const [first, late] = [heldRun(), heldRun()];
    runs.start('e1', first.work);
    let idle = false;
    const waiting = runs.idle().then(() => (idle = true));
    runs.start('e2', late.work);

    runs.cancelAll();
    first.release();
    await new Promise((resolve) => setImmediate(resolve));
    const idleBeforeLate = idle;
    late.release();
    await waiting;

    expect(idleBeforeLate, 'still waiting for the late run').to.equal(false);
    expect([first.seen, late.seen]).to.deep.equal([[true], [true]]);
  });

  it('when one engagement\'s run is cancelled, then the others carry on', async () => {
    const runs = new BackgroundRuns();
    const [a, b] = [heldRun(), heldRun()];
    runs.start('e1', a.work);
    runs.start('e2', b.work);

    runs.cancel('e1');
    a.release();
    b.release();
    await runs.idle();

    expect([a.seen, b.seen]).to.deep.equal([[true], [false]]);
  });
});
