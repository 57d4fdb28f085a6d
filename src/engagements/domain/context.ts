import type { ClientSession, Connection } from 'mongoose';
import type { AccessComponent } from '../../access/index.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Engagement } from './engagement.ts';
import type { IntakeRecordsPort } from './intake-port.ts';

/** A person just given an invitation link, as the outbox needs it to send the invitation. */
export interface Invitation {
  engagementId: string;
  personId: string;
  name: string;
  email: string;
  token: string;
  inviteUrl: string;
  /** When the token was issued: a re-issued link is a new invitation, a retried request is not. */
  issuedAt: string;
  expiresAt: string;
  /** `both` when someone names this person as their manager: they answer and they review. */
  role: 'participant' | 'both';
  /** Whether this person names a manager, who will confirm their tasks. */
  hasManager: boolean;
}

/** A person being erased, as the components holding copies of their data need it to find them. */
export interface ErasedPerson {
  engagementId: string;
  personId: string;
  /** Their address before the erasure: the roster entry no longer has it once the transaction commits. */
  email: string;
}

/**
 * Hooks run inside the transaction of the change that causes them, so whatever they write
 * (an outbox entry for the invitation mail) commits or rolls back with it. Defaults are no-ops.
 */
export interface EngagementHooks {
  /** New people were added, or a consultant re-issued someone's link. */
  onPeopleInvited(session: ClientSession, invitations: Invitation[]): Promise<void>;
  /**
   * A person is being erased: whatever else holds their data erases it here, or the erasure rolls back.
   * What cannot join the transaction (files) goes to `afterCommit`, to run once the erasure has committed.
   */
  onPersonErased(session: ClientSession, erased: ErasedPerson, afterCommit: AfterCommit): Promise<void>;
}

/** Hands over work that cannot join a transaction: it runs once the transaction has committed, never if it rolls back. */
export type AfterCommit = (work: () => Promise<void>) => void;

export const NO_ENGAGEMENT_HOOKS: EngagementHooks = { onPeopleInvited: async () => {}, onPersonErased: async () => {} };

/** What the engagement use cases work with. */
export interface EngagementsContext {
  connection: Connection;
  access: Pick<AccessComponent, 'issuePersonToken' | 'issuePersonTokens' | 'revokeTokens'>;
  intakeRecords: IntakeRecordsPort;
  isTrainingModule: (moduleId: string) => boolean;
  publicUrl: string;
  now: () => Date;
  hooks: EngagementHooks;
  /** Called once a change of the engagement's training modules or a department's spelling has committed (the shortlist matches its tasks again). */
  onMatchingChanged: (engagement: Engagement) => void;
  logger: Logger;
}

/** The personal link a token opens. */
export function inviteUrlFor(publicUrl: string, token: string): string {
  return `${publicUrl}/i/${token}`;
}
