import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the test SMTP server received it, parsed. */
export interface ReceivedMail {
  envelopeTo: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback for the mail tests. A message is parsed and stored before the
 * server answers 250, so once the sender's call resolves the message is here: no polling, no sleeps.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  /** Recipients answered with this SMTP error at RCPT TO (e.g. 550 for a permanent refusal, 451 for a transient one). */
  readonly refusals = new Map<string, { responseCode: number; message: string }>();
  /** When set, every login is answered with this error (e.g. 535 for a wrong password); otherwise logins are accepted. */
  loginRefusal: { responseCode: number; message: string } | undefined;
  private server: SMTPServer | undefined;

  /** Listens on 127.0.0.1 (port 0 picks a free port). Resolves with the port. */
  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      // AUTH over plain loopback, for tests whose SMTP_URL carries a user and password.
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onAuth: (auth, _session, callback) => {
        if (this.loginRefusal) return callback(Object.assign(new Error(this.loginRefusal.message), { responseCode: this.loginRefusal.responseCode }));
        callback(null, { user: auth.username });
      },
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refusals.get(address.address.toLowerCase());
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream, (error, parsed) => {
          if (error) return callback(error);
          this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.server.address() as AddressInfo).port;
  }

  /** smtp://127.0.0.1:<port> (with a login when given), for SMTP_URL. */
  static url(port: number, login?: { user: string; pass: string }): string {
    return login ? `smtp://${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`;
  }

  /** Messages received for an address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A loopback port that was free a moment ago and has nothing listening on it now: "SMTP is down". */
export async function closedPort(): Promise<number> {
  const probe = new SmtpTestServer();
  const port = await probe.start();
  await probe.stop();
  return port;
}
