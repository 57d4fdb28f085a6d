import type { Logger } from '../../platform/logger.ts';

/**
 * Runs the reminder pass on a fixed interval (hourly by default: reminders are counted in days,
 * so an hour late is on time). Passes never overlap; a failed pass is logged and the next one retries.
 */
export class ReminderTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private isStopped = false;

  constructor(
    private readonly runPass: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly intervalMs = 60 * 60 * 1000,
  ) {}

  /** Runs a pass now, then every interval. */
  start(): void {
    if (this.timer || this.isStopped) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the interval and waits for a pass in flight. */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.isStopped) return;
    this.running = this.running
      .then(() => this.runPass())
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error }, 'reminder pass failed'),
      );
  }
}
