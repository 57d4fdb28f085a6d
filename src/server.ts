import { createServer, type Server } from 'node:http';
import { loadConfig, type Config } from './platform/config.ts';
import { StartupError } from './platform/errors.ts';
import { createLogger } from './platform/logger.ts';
import { bootingResponder } from './web/booting-responder.ts';
import type { IssuedSignInLink } from './access/index.ts';
import type { RunningService } from './service.ts';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Start-up: config, listen at once (liveness answers while loading), then load the service
 * (catalogues, database, app, mail jobs) and hand it the requests. Shuts down cleanly on SIGTERM/SIGINT.
 *
 * `npm start` gives V8 a 64 MB young generation (`--max-semi-space-size=64`): whole-engagement reads
 * (a 40,000-task shortlist) create tens of thousands of short-lived objects at once, and with the
 * default the collector copied them again and again; a repeat shortlist took 2.6–2.8 s instead of
 * 1.7–1.8 s when the embedded store still kept its documents on this heap (BENCHMARKS.md). The flag
 * applies to the store's thread too.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const logger = createLogger(config.log.level);
  const server: Server = createServer(bootingResponder);
  let service: RunningService | undefined;

  // Once only: a failure during the stop (the store gone, say) must not start a second one.
  let stopping: Promise<void> | undefined;
  const stop = (exitCode: number) => (stopping ??= shutDown(exitCode));
  const shutDown = async (exitCode: number) => {
    logger.info({ exitCode }, 'shutting down');
    const force = setTimeout(() => process.exit(exitCode || 1), SHUTDOWN_GRACE_MS);
    force.unref();
    await closeServer(server);
    try {
      await service?.stop();
    } catch (error) {
      logger.error({ err: error }, 'stopping the service failed');
      process.exit(exitCode || 1);
    }
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection');
    void stop(1);
  });
  process.on('uncaughtException', (error) => {
    logger.error({ err: error }, 'uncaught exception');
    void stop(1);
  });

  try {
    await listen(server, config.http.port, config.http.host);
    logger.info({ url: config.http.publicUrl }, 'tailor listening; loading');
    const { startService } = await import('./service.ts');
    service = await startService(config, logger);
    server.off('request', bootingResponder);
    server.on('request', service.app);
    logger.info({ url: config.http.publicUrl }, 'tailor ready');
    printWelcome(config.http.publicUrl, service.signInLink, service.firstConsultantToken);
  } catch (error) {
    if (error instanceof StartupError) logger.error(error.message);
    else logger.error({ err: error }, 'start-up failed');
    await stop(1);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Printed plainly to stdout, not through the JSON log: a person reads it once, and log lines must never
 * hold credentials. The link expires in minutes and works once, so the scrollback is worthless soon after.
 */
function printWelcome(publicUrl: string, link: IssuedSignInLink | undefined, apiToken: string | undefined): void {
  const lines = ['', `Tailor is running at ${publicUrl}`];
  if (link) {
    const minutes = Math.round((link.expiresAt.getTime() - Date.now()) / 60_000);
    lines.push('', `Sign in as the administrator (works once, for ${minutes} minutes):`, `  ${publicUrl}${link.path}`);
  }
  if (apiToken) {
    lines.push('', `Administrator API token: ${apiToken} (shown once; keep it safe)`,
      `  curl -H "Authorization: Bearer <token>" ${publicUrl}/api/v1/engagements`, `  or paste it at ${publicUrl}/sign-in`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Stops accepting connections and waits for in-flight requests to finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

void main();
