import { expect } from 'chai';
import { findLoops, managerLoopProblems } from '../../../src/engagements/domain/manager-loops.ts';
import type { RosterEntry } from '../../../src/engagements/domain/roster-rules.ts';

const person = (email: string, managerEmail?: string): RosterEntry => ({ name: email, email, department: 'Finance', roleLevel: 'contributor', ...(managerEmail ? { managerEmail } : {}) });
const at = (i: number) => ({ pointer: `/people/${i}`, line: i + 2 });

describe('findLoops', () => {
  it('when every chain ends at someone without a manager, then there is no loop, however long the chains', () => {
    const managerOf = new Map(Array.from({ length: 1000 }, (_, i) => [`p${i}`, `p${i + 1}`] as [string, string]));

    expect(findLoops(managerOf, [...managerOf.keys()])).to.deep.equal([]);
  });

  it('when several starts lead into the same loop, then it is found once, as the people along it', () => {
    const managerOf = new Map([['a', 'b'], ['b', 'c'], ['c', 'b'], ['d', 'c']]);

    expect(findLoops(managerOf, ['a', 'd', 'c'])).to.deep.equal([['b', 'c']]);
  });

  it('when two separate loops are reachable, then both are found', () => {
    const managerOf = new Map([['a', 'b'], ['b', 'a'], ['x', 'y'], ['y', 'z'], ['z', 'x']]);

    expect(findLoops(managerOf, ['a', 'z'])).to.deep.equal([['a', 'b'], ['z', 'x', 'y']]);
  });
});

describe('managerLoopProblems', () => {
  it('when the upload swaps a pair, then one problem is reported, at the first of them, with the chain from there', () => {
    const problems = managerLoopProblems([person('ann', 'bo'), person('bo', 'ann')], new Map(), at);

    expect(problems).to.deep.equal([{ pointer: '/people/0/managerEmail', line: 2, message: 'Line 2: This makes a loop of managers (ann → bo → ann): someone in it must report to a person outside it.' }]);
  });

  it('when the upload removes the manager that closed a loop on the roster, then there is no problem', () => {
    expect(managerLoopProblems([person('ann')], new Map([['ann', 'bo'], ['bo', 'ann']]), at)).to.deep.equal([]);
  });

  it('when an upload without a manager column re-lists people of a loop already on the roster, then it is not blocked: it changes no manager', () => {
    const onRoster = new Map([['ann', 'bo'], ['bo', 'ann']]);

    expect(managerLoopProblems([person('ann'), person('bo')], onRoster, at, { keepManagers: true })).to.deep.equal([]);
    expect(managerLoopProblems([person('ann')], onRoster, at)).to.deep.equal([]);
  });

  it('when an upload only leads into a loop already on the roster, or names the same managers again, then it is not blocked by it', () => {
    const onRoster = new Map([['x', 'y'], ['y', 'x']]);

    expect(managerLoopProblems([person('new', 'x')], onRoster, at)).to.deep.equal([]);
    expect(managerLoopProblems([person('x', 'y')], onRoster, at)).to.deep.equal([]);
  });

  it('when the upload changes one link of a longer loop, then the problem is reported at that link', () => {
    const problems = managerLoopProblems([person('ann', 'bo'), person('cy', 'ann')], new Map([['bo', 'cy']]), at);

    expect(problems.map((p) => p.pointer)).to.deep.equal(['/people/0/managerEmail']);
    expect(problems[0].message).to.contain('(ann → bo → cy → ann)');
  });
});
