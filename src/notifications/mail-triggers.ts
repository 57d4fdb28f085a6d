import type { ClientSession } from 'mongoose';
import type { AccessComponent } from '../access/index.ts';
import type { CurriculumHooks } from '../curriculum/index.ts';
import type { Engagement, EngagementHooks, EngagementsComponent, Invitation } from '../engagements/index.ts';
import type { IntakeHooks, IntakeSubmitted } from '../intake/index.ts';
import type { EngagementSummary, Mail } from '../mail/index.ts';
import type { Logger } from '../platform/logger.ts';

export interface TriggerDeps {
  mail: Mail;
  /** Late-bound: the components are built with these hooks already in hand. */
  components: () => { engagements: EngagementsComponent; access: AccessComponent };
  logger: Logger;
}

// Addresses of the `.invalid` top-level domain never receive mail (RFC 2606): the built-in
// administrator has one, so a notice to it would only ever fail.
const UNDELIVERABLE = /\.invalid$/i;

/**
 * The business events that cause mail, each queued inside the transaction of its event so the
 * mail and the change commit (or roll back) together.
 */
export function mailTriggers(deps: TriggerDeps): EngagementHooks & IntakeHooks & CurriculumHooks {
  const { mail } = deps;
  const logger = deps.logger.child({ component: 'notifications' });

  return {
    async onPeopleInvited(session, invitations) {
      const { engagements, access } = deps.components();
      // An upload invites thousands at once, all of one engagement: its consultant is looked up once.
      const senders = new Map<string, Promise<{ engagement: Engagement; consultantName?: string }>>();
      const senderOf = (engagementId: string) => {
        let sender = senders.get(engagementId);
        if (!sender) {
          sender = mustFindEngagement(engagements, engagementId).then(async (engagement) => ({ engagement, consultantName: (await access.findConsultant(engagement.consultantId))?.name }));
          senders.set(engagementId, sender);
        }
        return sender;
      };
      const mails = [];
      for (const invitation of invitations) {
        const { engagement, consultantName } = await senderOf(invitation.engagementId);
        mails.push(invitationMail(engagement, invitation, consultantName));
      }
      await mail.queueInvitations(mails, session);
    },

    async onPersonErased(session, erased, afterCommit) {
      // Mail not sent yet would still reach them after the erasure, and the rest keeps their name,
      // address, personal link or task words: all of it goes with the person, in the same transaction.
      const { deleted, blanked, mails } = await mail.eraseMailOf(session, erased);
      const ids = { engagementId: erased.engagementId, personId: erased.personId };
      logger.info({ ...ids, deleted, blanked }, 'mail of erased person removed');
      // The .eml copies (written without SMTP) cannot join the transaction: they go once it has
      // committed, so an erasure that rolls back leaves the mail exactly as it was.
      afterCommit(async () => {
        const filesRemoved = await mail.removeMailFiles(mails);
        if (filesRemoved > 0) logger.info({ ...ids, filesRemoved }, 'mail files of erased person removed');
      });
    },

    async onIntakeSubmitted(session, event) {
      // An amendment comes before the manager's review, so the request already sent still stands.
      if (event.amended) return;
      const { engagements } = deps.components();
      const engagement = await mustFindEngagement(engagements, event.engagementId);
      await queueManagerRequest(session, engagements, engagement, event);
      await queueDepartmentCompleteIfLast(session, engagements, engagement, event);
    },

    async onReportReviewed() {
      // Nothing to send: the review itself is what the consultant's status page shows.
    },

    async onBriefPublished(session, brief) {
      // The brief names the engagement as curriculum sees it; whether its mail may go out is decided here.
      const { engagements, access } = deps.components();
      const engagement = await mustFindEngagement(engagements, brief.engagement.id);
      // A fresh personal link, as for a manager's request: by publication the invitation's browser session
      // (a week) is long over, and the brief page alone would only ask the person to sign in.
      const link = await access.issuePersonToken(session, { personId: brief.personId, engagementId: engagement.id });
      await mail.queueBrief({
        ...brief,
        engagement: { ...brief.engagement, ...(engagement.isDemo ? { isDemo: true } : {}) },
        briefPath: `/i/${link.token}`,
      }, session);
    },
  };

  async function queueManagerRequest(session: ClientSession, engagements: EngagementsComponent, engagement: Engagement, event: IntakeSubmitted) {
    if (!event.managerEmail) return;
    const [manager, report] = await Promise.all([
      engagements.findPersonByEmail(engagement.id, event.managerEmail),
      engagements.findPerson(engagement.id, event.personId),
    ]);
    if (!manager || !report) {
      logger.warn({ engagementId: engagement.id, personId: event.personId }, 'manager not on the roster; review request not sent');
      return;
    }
    // A fresh personal link, issued with the request, so the manager lands on the review signed in.
    const { access } = deps.components();
    const link = await access.issuePersonToken(session, { personId: manager.id, engagementId: engagement.id });
    await mail.queueManagerRequest({
      engagement: summaryOf(engagement),
      managerId: manager.id,
      recipient: { name: manager.name, email: manager.email },
      report: { personId: report.id, name: report.name },
      submittedAt: event.submittedAt,
      taskCount: event.taskCount,
      reviewPath: `/i/${link.token}`,
    }, session);
  }

  async function queueDepartmentCompleteIfLast(session: ClientSession, engagements: EngagementsComponent, engagement: Engagement, event: IntakeSubmitted) {
    const person = await engagements.findPerson(engagement.id, event.personId);
    if (!person) return;
    // First a write every submission of the engagement makes: of two submissions at once, the
    // later now waits for the earlier to commit, so it sees it below and neither misses the other.
    await engagements.noteIntakeSubmitted(session, engagement.id);
    // Counted as committed: this submission is not in it yet, so it is the last one when everyone
    // else of the department on the roster has already submitted.
    const progress = await engagements.departmentProgress(engagement.id, person.department);
    if (progress.submitted + 1 !== progress.onRoster) return;
    const { access } = deps.components();
    const consultant = await access.findConsultant(engagement.consultantId);
    if (!consultant || UNDELIVERABLE.test(consultant.email)) return;
    await mail.queueDepartmentComplete({
      engagement: summaryOf(engagement),
      recipient: { name: consultant.name, email: consultant.email },
      department: person.department,
      submittedCount: progress.onRoster,
      completedAt: event.submittedAt,
      statusPath: `/consultant/engagements/${engagement.id}`,
    }, session);
  }
}

function invitationMail(engagement: Engagement, invitation: Invitation, consultantName: string | undefined) {
  return {
    engagement: summaryOf(engagement),
    personId: invitation.personId,
    recipient: { name: invitation.name, email: invitation.email },
    role: invitation.role,
    hasManager: invitation.hasManager,
    token: invitation.token,
    tokenIssuedAt: new Date(invitation.issuedAt),
    expiresAt: new Date(invitation.expiresAt),
    ...(consultantName ? { consultantName } : {}),
  };
}

/** What a mail shows of an engagement. */
export function summaryOf(engagement: Engagement): EngagementSummary {
  return { id: engagement.id, name: engagement.name, client: engagement.client, timeZone: engagement.timeZone, ...(engagement.isDemo ? { isDemo: true } : {}) };
}

async function mustFindEngagement(engagements: EngagementsComponent, engagementId: string): Promise<Engagement> {
  const engagement = await engagements.findEngagement(engagementId);
  // The event was raised for this engagement inside its own transaction: absence is a bug.
  if (!engagement) throw new Error(`engagement ${engagementId} vanished while its event was handled`);
  return engagement;
}
