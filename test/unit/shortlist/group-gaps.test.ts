import { expect } from 'chai';
import { groupGapTasks, type GapTask } from '../../../src/shortlist/domain/group-gaps.ts';

const tasks = (...texts: string[]): GapTask[] => texts.map((text, i) => ({ taskId: `t${i}`, text, hoursPerWeek: i + 1 }));

describe('groupGapTasks', () => {
  it('when gap tasks share their distinctive words, then they form one theme named by those words', () => {
    const input = tasks('Water the office plants', 'Book train tickets for the team', 'Water the plants in reception', 'Repot the office plants');

    const themes = groupGapTasks(input);

    expect(themes[0].taskIds).to.deep.equal(['t0', 't2', 't3']);
    expect(themes[0].terms).to.include('plants');
    expect(themes[0].theme).to.match(/^plants/);
    expect(themes[0].taskHours).to.equal(1 + 3 + 4);
    expect(themes[1]).to.deep.include({ taskIds: ['t1'] });
  });

  it('when tasks share only one common word, then they stay apart', () => {
    const themes = groupGapTasks(tasks('Book meeting rooms for the board', 'Book train tickets for the team'));

    expect(themes.map((t) => t.taskIds)).to.have.deep.members([['t0'], ['t1']]);
  });

  it('when a theme is named, then it uses the words most of its tasks share, as the tasks wrote them', () => {
    const themes = groupGapTasks(tasks('Order coffee and snacks for the kitchen', 'Restock the kitchen with coffee'));

    expect(themes).to.have.length(1);
    expect(themes[0].terms).to.have.members(['coffee', 'kitchen']);
  });

  it('when a task has no content words, then it is kept in a theme of its own rather than dropped', () => {
    const themes = groupGapTasks(tasks('Water the office plants', 'the and of it'));

    expect(themes.find((t) => t.taskIds.includes('t1'))).to.deep.include({ theme: '(no distinctive words)', terms: [] });
  });

  it('when the same tasks come in another order, then the themes hold the same tasks', () => {
    const input = tasks('Water the office plants', 'Order coffee for the kitchen', 'Water the plants in reception', 'Restock the kitchen with coffee', 'Plan the summer party');
    const shuffled = [input[3], input[0], input[4], input[2], input[1]];

    const themesOf = (list: GapTask[]) => groupGapTasks(list).map((t) => [...t.taskIds].sort().join(',')).sort();

    expect(themesOf(shuffled)).to.deep.equal(themesOf(input));
    expect(groupGapTasks(input)).to.deep.equal(groupGapTasks(input));
  });

  it('when there are no gap tasks, then there are no themes', () => {
    expect(groupGapTasks([])).to.deep.equal([]);
  });
});
