import { createHash } from 'node:crypto';

/** How long a worker may hold a mail, and how failed attempts are spaced out and capped. */
export interface RetryPolicy {
  /** Attempts (claims) before a mail is marked failed; a crash mid-send counts as an attempt too. */
  maxAttempts: number;
  /** Delay after the first failed attempt; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed mail stays leased; longer than the transport's own timeouts together. */
  leaseMs: number;
}

/** About three hours of trying (30 s, 1 min, 2 min, ... capped at an hour) before a mail is given up. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  leaseMs: 120_000,
});

const JITTER = 0.2;
const MAX_ERROR_LENGTH = 500;

/**
 * Delay before the next attempt after `attempts` failed ones: exponential, capped, with ±20 % jitter.
 * The jitter is derived from the mail id rather than Math.random, so many mails failing together
 * spread out, while the same mail and attempt always get the same delay (tests can predict it).
 */
export function backoffDelayMs(policy: RetryPolicy, attempts: number, mailId: string): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempts - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  const digest = createHash('sha256').update(`${mailId}:${attempts}`).digest();
  const unit = digest.readUInt32BE(0) / 0xffffffff; // 0..1
  return Math.round(capped * (1 - JITTER + 2 * JITTER * unit));
}

/** The longest delay `backoffDelayMs` can give after `attempts` failures. */
export function maxBackoffDelayMs(policy: RetryPolicy, attempts: number): number {
  return Math.ceil(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1)) * (1 + JITTER));
}

// Refused before any recipient was named (greeting, login, our own sender): the answer would be the
// same for every mail in the outbox, so it is an outage or a setting to fix, never this mail's fault.
const SERVER_WIDE_COMMAND = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH\b|MAIL FROM)/i;
// A recipient refused with an enhanced status code of class 7 (RFC 3463: security or policy), such as
// "554 5.7.1 Relay access denied" or a login the relay requires, is most often our setup, which would
// refuse every mail alike; mailbox problems are 5.1.x and 5.2.x. Some servers use 5.7.1 for one
// recipient's own policy too: such a mail waits its retries out (about three hours) before it fails,
// where a relay setting fixed within them loses no mail. At DATA, 5.7.x judges the message (spam,
// content): sending it again cannot help.
const POLICY_REFUSAL = /^\d{3}[ -]5\.7\.\d{1,3}\b/;

/**
 * A failure retrying cannot fix: the SMTP server refused this recipient or message for good (5xx,
 * e.g. 550 mailbox unknown) or the message itself is unusable. Connection errors, 4xx replies and
 * server-wide refusals (a 535 bad login, a 554 greeting, a 530 or 553 on our sender, a 5.7.x policy
 * refusal such as relaying denied) are worth another try: once the setting is fixed, the mail goes.
 */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown; command?: unknown; response?: unknown };
  if (e?.code === 'EAUTH' || (typeof e?.command === 'string' && SERVER_WIDE_COMMAND.test(e.command))) return false;
  if (e?.command === 'RCPT TO' && typeof e?.response === 'string' && POLICY_REFUSAL.test(e.response)) return false;
  if (typeof e?.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e?.code === 'EENVELOPE' || e?.code === 'EMESSAGE';
}

/** What to do after a failed attempt. */
export type RetryDecision = { retry: true; nextAttemptAt: Date } | { retry: false };

/** Retry later with backoff, or give up when the failure is permanent or attempts are used up. */
export function decideAfterFailure(policy: RetryPolicy, mail: { id: string; attempts: number }, error: unknown, now: Date): RetryDecision {
  if (isPermanentFailure(error) || mail.attempts >= policy.maxAttempts) return { retry: false };
  return { retry: true, nextAttemptAt: new Date(now.getTime() + backoffDelayMs(policy, mail.attempts, mail.id)) };
}

/** The error as the consultant will read it: code, SMTP reply, message; one line, bounded. */
export function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const parts: string[] = [];
  const message = typeof e?.message === 'string' ? e.message : undefined;
  const reply = typeof e?.response === 'string' ? e.response : typeof e?.responseCode === 'number' ? String(e.responseCode) : undefined;
  if (typeof e?.code === 'string') parts.push(e.code);
  // nodemailer usually quotes the server's reply in its message; say it once.
  if (reply && !(message && message.includes(reply))) parts.push(reply);
  if (message) parts.push(message);
  const text = (parts.length ? parts.join(': ') : String(error)).replace(/\s+/g, ' ').trim();
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
