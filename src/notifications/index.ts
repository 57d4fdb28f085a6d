/**
 * notifications: which business events send which mail. The glue between the components that
 * raise events (engagements, intake, curriculum) and the mail component, which imports none of them.
 */

/** The hooks that queue invitation, manager-request, department-complete and brief mail in their event's transaction. */
export { mailTriggers, type TriggerDeps } from './mail-triggers.ts';
/** The reminder pass's view of who was invited and has not submitted. */
export { reminderSource } from './reminder-source.ts';
