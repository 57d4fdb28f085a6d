import { DateTime } from 'luxon';
import type { Engagement, EngagementInput, RosterEntry } from '../engagements/index.ts';
import type { ReviewInput, Subject } from '../intake/index.ts';
import type { ShortlistReviewInput, ShortlistView } from '../shortlist/index.ts';
import { demoAnswers } from './demo-answers.ts';
import type { DemoContext } from './demo-context.ts';
import { DEMO_ENGAGEMENT, DEMO_MILESTONES, DEMO_PEOPLE, type DemoPerson } from './demo-people.ts';
import { deleteEverything } from './remove-demo.ts';

/** The demo approves, per cohort, the training modules ranked this high; the consultant can change it all. */
const APPROVED_RANKS = 2;

/**
 * Creates the demo engagement the way a consultant and the client's people would, through the same
 * use cases and schema checks as the API: the engagement, the roster (invitations queued, and withheld
 * because the engagement is a demo), every intake answered and submitted, every report reviewed by
 * their manager, the shortlist computed with its top training modules approved, and a draft curriculum.
 * If any step fails, what was made so far is removed again, so no half-made demo is left behind.
 */
export async function createDemoEngagement(ctx: DemoContext, consultantId: string): Promise<Engagement> {
  const today = DateTime.fromJSDate(ctx.now()).setZone(DEMO_ENGAGEMENT.timeZone).startOf('day');
  const addDays = (days: number) => today.plus({ days }).toISODate()!;
  const input = ctx.schemas.assert<EngagementInput>('engagement-create', {
    ...DEMO_ENGAGEMENT,
    milestones: DEMO_MILESTONES.map((m) => ({ department: m.department, workflow: m.workflow, goLive: addDays(m.inDays) })),
  });
  // First and outside the clean-up: a second demo is refused here (409 demo-exists) before anything is made,
  // and the clean-up below must never remove the demo that already exists.
  const engagement = await ctx.engagements.createEngagement(consultantId, input, { isDemo: true });
  try {
    const people = await addRoster(ctx, consultantId, engagement.id);
    await answerIntakes(ctx, consultantId, engagement.id, people, addDays);
    await reviewReports(ctx, engagement.id, people);
    const shortlist = await ctx.shortlist.computeShortlist(consultantId, engagement.id);
    if (await approveTopModules(ctx, consultantId, shortlist)) await ctx.curriculum.generateCurriculum(consultantId, engagement.id);
  } catch (error) {
    await deleteEverything(ctx, engagement);
    throw error;
  }
  ctx.logger.info({ engagementId: engagement.id, peopleCount: DEMO_PEOPLE.length }, 'demo engagement created');
  return engagement;
}

/** The roster, managers first; returns each sample person with their id. */
async function addRoster(ctx: DemoContext, consultantId: string, engagementId: string): Promise<Array<DemoPerson & { id: string }>> {
  const entries = DEMO_PEOPLE.map(({ name, email, department, roleLevel, managerEmail }) => ({ name, email, department, roleLevel, ...(managerEmail ? { managerEmail } : {}) }));
  const { people } = ctx.schemas.assert<{ people: RosterEntry[] }>('people-add', { people: entries });
  const added = await ctx.engagements.addPeople(consultantId, engagementId, people);
  const idOf = new Map(added.people.map((p) => [p.email, p.id]));
  return DEMO_PEOPLE.map((person) => ({ ...person, id: idOf.get(person.email)! }));
}

/** Each person's intake, answered against the bank they are given and submitted, as a consultant conducting the interview would. */
async function answerIntakes(ctx: DemoContext, consultantId: string, engagementId: string, people: Array<DemoPerson & { id: string }>, addDays: (days: number) => string): Promise<void> {
  const author = { kind: 'consultant' as const, id: consultantId };
  for (const person of people) {
    const subject: Subject = { engagementId, personId: person.id };
    const intake = await ctx.intake.getIntake(subject);
    const draft = ctx.schemas.assert<{ answers: Record<string, unknown>; version: number }>('intake-draft', { answers: demoAnswers(intake.bank, person, addDays), version: intake.version });
    const saved = await ctx.intake.saveDraft(subject, author, draft);
    await ctx.intake.submitIntake(subject, author, { version: saved.version });
  }
}

/** Each manager reviews their reports as the sample says: confirm, reword or reject, and add what was missed. */
async function reviewReports(ctx: DemoContext, engagementId: string, people: Array<DemoPerson & { id: string }>): Promise<void> {
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const manager of people.filter((p) => people.some((r) => r.managerEmail === p.email))) {
    const subject: Subject = { engagementId, personId: manager.id };
    for (const report of await ctx.intake.listMyReports(subject)) {
      const sample = byId.get(report.personId);
      if (!sample) continue;
      const decisions = report.tasks.filter((t) => t.source === 'participant').map((task) => {
        const review = sample.tasks.find((t) => t.text === task.text)?.review ?? { decision: 'confirm' as const, priority: 3 };
        return { taskId: task.id, ...review };
      });
      const input = ctx.schemas.assert<ReviewInput>('manager-review', { tasks: decisions, ...(sample.addedByManager ? { addedTasks: sample.addedByManager } : {}) });
      await ctx.intake.reviewReport(subject, report.personId, input);
    }
  }
}

/** Approves each cohort's top-ranked training modules, then the shortlist when every cohort has one. */
async function approveTopModules(ctx: DemoContext, consultantId: string, shortlist: ShortlistView): Promise<boolean> {
  const cohorts = shortlist.cohorts
    .map((cohort) => ({ id: cohort.id, modules: cohort.modules.filter((m) => m.rank !== null && m.rank <= APPROVED_RANKS).map((m) => ({ moduleId: m.moduleId, decision: 'approve' as const })) }))
    .filter((cohort) => cohort.modules.length > 0);
  const isComplete = cohorts.length === shortlist.cohorts.length && cohorts.length > 0;
  if (cohorts.length === 0) return false;
  const input = ctx.schemas.assert<ShortlistReviewInput>('shortlist-review', { cohorts, ...(isComplete ? { status: 'approved' } : {}) });
  await ctx.shortlist.reviewShortlist(consultantId, shortlist.engagementId, input);
  return isComplete;
}
