import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Connection } from 'mongoose';
import type { Logger } from '../../platform/logger.ts';
import type { MailTransport } from '../data-access/mail-transport.ts';
import { createOutboxRepository, type OutboxRepository } from '../data-access/outbox-repository.ts';
import { deliverNextMail, type DeliveryOutcome } from '../domain/deliver-next-mail.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../domain/retry-policy.ts';

export interface OutboxWorkerOptions {
  connection: Connection;
  /** Owned by the worker from here on: `stop()` closes it. */
  transport: MailTransport;
  logger: Logger;
  now?: () => Date;
  policy?: Partial<RetryPolicy>;
  /** Pause between passes when the outbox is empty; a nudge skips it. */
  pollIntervalMs?: number;
  /** Lease name; defaults to host, pid and a random suffix, unique per worker. */
  owner?: string;
}

const DEFAULT_POLL_INTERVAL_MS = 2_000;

/**
 * Sends queued mail, one at a time. Each pass claims due mails with a lease until none is left,
 * so any number of workers (in one process or in several Tailor instances on one database)
 * can run side by side without sending the same mail twice while their leases hold.
 */
export class OutboxWorker {
  readonly owner: string;
  private readonly outbox: OutboxRepository;
  private readonly policy: RetryPolicy;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private isStarted = false;
  private isStopped = false;
  private isNudgeQueued = false;
  private current: Promise<DeliveryOutcome[]> = Promise.resolve([]);

  constructor(private readonly options: OutboxWorkerOptions) {
    this.outbox = createOutboxRepository(options.connection);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.logger = options.logger.child({ component: 'mail', worker: this.owner });
  }

  /** Starts polling; the first pass runs at once. */
  start(): void {
    if (this.isStarted || this.isStopped) return;
    this.isStarted = true;
    this.logger.info({ owner: this.owner, transport: this.options.transport.name }, 'outbox worker started');
    this.nudge();
  }

  /** Runs a pass now instead of waiting for the next poll (e.g. right after a transaction that queued mail committed). */
  nudge(): void {
    if (!this.isStarted || this.isStopped || this.isNudgeQueued) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    // Many nudges while a pass runs coalesce into one more pass after it.
    this.isNudgeQueued = true;
    this.enqueuePass(() => {
      this.isNudgeQueued = false;
    })
      .catch((error: unknown) => this.logger.error({ err: error, owner: this.owner }, 'outbox pass failed'))
      .finally(() => this.scheduleNext());
  }

  /**
   * Sends every mail due now and resolves with what happened to each. Passes never overlap within
   * one worker: a drain asked for during a pass runs right after it.
   */
  drain(): Promise<DeliveryOutcome[]> {
    return this.enqueuePass();
  }

  /** Stops polling, waits for the attempt in flight to be recorded, and closes the transport. */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    clearTimeout(this.timer);
    await this.current;
    this.options.transport.close();
    this.logger.info({ owner: this.owner }, 'outbox worker stopped');
  }

  private enqueuePass(onStart?: () => void): Promise<DeliveryOutcome[]> {
    const next = this.current.then(() => {
      onStart?.();
      return this.pass();
    });
    // The chain only orders passes; each caller sees (and handles) its own pass's failure.
    this.current = next.then(
      () => [],
      () => [],
    );
    return next;
  }

  private async pass(): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    const deps = { outbox: this.outbox, transport: this.options.transport, policy: this.policy, owner: this.owner, now: this.now, logger: this.logger };
    while (!this.isStopped) {
      const outcome = await deliverNextMail(deps);
      if (!outcome) break;
      outcomes.push(outcome);
    }
    return outcomes;
  }

  private scheduleNext(): void {
    if (this.isStopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.nudge();
    }, this.pollIntervalMs);
    // The HTTP server keeps the process alive; a pending poll alone should not.
    this.timer.unref();
  }
}
