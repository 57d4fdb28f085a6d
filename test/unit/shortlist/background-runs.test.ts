import { expect } from 'chai';
import { BackgroundRuns, type BackgroundRun } from '../../../src/shortlist/domain/background-runs.ts';

/** A run that, once its turn comes, says so and waits until released, then says whether it was cancelled meanwhile. */
function heldRun(name: string, log: string[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const seen: boolean[] = [];
  const work = async (run: BackgroundRun) => {
    log.push(name);
    await released;
    seen.push(run.isCancelled);
  };
  return { work, release, seen };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('BackgroundRuns', () => {
  it('when runs are started, then they go one at a time in the order started', async () => {
    const runs = new BackgroundRuns();
    const log: string[] = [];
    const [a, b] = [heldRun('a', log), heldRun('b', log)];
    runs.start('e1', 'f', a.work);
    runs.start('e2', 'f', b.work);

    await turn();
    const startedBeforeRelease = [...log];
    a.release();
    b.release();
    await runs.idle();

    expect(startedBeforeRelease).to.deep.equal(['a']);
    expect(log).to.deep.equal(['a', 'b']);
  });

  it('when a second run starts for the same engagement, then the first is cancelled and another engagement\'s is not', async () => {
    const runs = new BackgroundRuns();
    const log: string[] = [];
    const [first, other, second] = [heldRun('first', log), heldRun('other', log), heldRun('second', log)];
    runs.start('e1', 'f1', first.work);
    await turn(); // under way
    runs.start('e2', 'f1', other.work);
    runs.start('e1', 'f2', second.work);

    for (const run of [first, other, second]) run.release();
    await runs.idle();

    expect([first.seen, other.seen, second.seen]).to.deep.equal([[true], [false], [false]]);
  });

  it('when a computation cancels under other modules than the run\'s, then the run carries on; under its own, it stops', async () => {
    const runs = new BackgroundRuns();
    const log: string[] = [];
    const [a, b] = [heldRun('a', log), heldRun('b', log)];
    runs.start('e1', 'new', a.work);
    await turn(); // under way
    runs.start('e2', 'new', b.work);

    runs.cancel('e1', 'old');
    runs.cancel('e2', 'new');
    a.release();
    b.release();
    await runs.idle();

    expect(a.seen).to.deep.equal([false]);
    expect(log, 'cancelled before its turn: never started').to.deep.equal(['a']);
  });

  it('when the service stops, then every run is cancelled, and idle waits for runs started while it waited', async () => {
    const runs = new BackgroundRuns();
    const log: string[] = [];
    const [first, late] = [heldRun('first', log), heldRun('late', log)];
    runs.start('e1', 'f', first.work);
    await turn(); // under way
    let idle = false;
    const waiting = runs.idle().then(() => (idle = true));
    runs.start('e2', 'f', late.work);

    runs.cancelAll();
    await turn();
    const idleBeforeRelease = idle;
    first.release();
    late.release();
    await waiting;

    expect(idleBeforeRelease, 'still waiting for the first run').to.equal(false);
    expect(first.seen).to.deep.equal([true]);
    expect(log, 'the late run, cancelled before its turn, never started').to.deep.equal(['first']);
  });
});
