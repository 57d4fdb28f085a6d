import type { AccessComponent } from '../access/index.ts';
import type { EngagementsComponent } from '../engagements/index.ts';
import type { ReminderSource } from '../mail/index.ts';
import { summaryOf } from './mail-triggers.ts';

/**
 * Who the reminder pass should consider: everyone invited who has not submitted. Each reminder
 * carries a fresh personal link, issued in the same transaction as the reminder itself.
 */
export function reminderSource(components: () => { engagements: EngagementsComponent; access: AccessComponent }): ReminderSource {
  return {
    async listCandidates() {
      const awaiting = await components().engagements.listAwaitingIntake();
      return awaiting.map(({ engagement, person, stage }) => ({
        engagement: summaryOf(engagement),
        personId: person.id,
        recipient: { name: person.name, email: person.email },
        invitedAt: new Date(person.invitedAt),
        submittedAt: null,
        hasDraft: stage === 'started',
      }));
    },
    async issueLink(person, session) {
      // Checked, and fenced, in the reminder's transaction: the person may have been erased since they
      // were listed, or be erased meanwhile, and a reminder queued after the erasure would keep their
      // name and address for good.
      if (!(await components().engagements.fencePeople(session, person.engagementId, [person.personId])).has(person.personId)) return null;
      return components().access.issuePersonToken(session, person);
    },
  };
}
