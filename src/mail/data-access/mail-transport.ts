import fs from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { Logger } from '../../platform/logger.ts';
import { mailFilePath, removeMailFiles } from './mail-files.ts';

/** One mail as handed to a transport. */
export interface OutgoingMail {
  outboxId: string;
  kind: string;
  messageId: string;
  to: { name: string; email: string };
  subject: string;
  html: string;
  text: string;
}

/** Delivers a mail somewhere; `note` records where (SMTP reply line or file path). */
export interface MailTransport {
  readonly name: 'smtp' | 'eml-file';
  send(mail: OutgoingMail, signal?: AbortSignal): Promise<{ note: string }>;
  /**
   * Takes back a mail just delivered whose outbox row is gone (its person was erased while it was
   * being sent), where the transport can: a file can be removed, an SMTP delivery cannot be recalled.
   */
  withdraw?(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** What a transport needs from config.mail. */
export interface TransportConfig {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

// Kept well inside the worker's lease (2 minutes) so an attempt ends before another worker may take the mail.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 45_000 };

/** SMTP when `SMTP_URL` is set; otherwise .eml files under the data directory, so nothing is sent by accident. */
export function createMailTransport(config: TransportConfig, logger: Logger): MailTransport {
  return config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.from) : createEmlFileTransport(config.outboxDir, config.from, logger);
}

/** Sends through an SMTP server, one connection per mail (the outbox sends one at a time). */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  return {
    name: 'smtp',
    async send(mail, signal) {
      const info = await transporter.sendMail({ ...toMessage(mail, from), signal });
      return { note: String(info.response ?? 'accepted') };
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Writes each mail as `<outboxDir>/<kind>-<outboxId>.eml`, a file any mail client opens.
 * The name is the outbox id (`mailFilePath`), so a retried delivery overwrites the same file instead of adding one;
 * writing to a temporary name and renaming means a crash never leaves half a message behind.
 */
export function createEmlFileTransport(outboxDir: string, from: string, logger: Logger): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'eml-file',
    async send(mail) {
      const info = await composer.sendMail(toMessage(mail, from));
      if (!Buffer.isBuffer(info.message)) throw new Error('The stream transport did not return a buffer');
      await fs.mkdir(outboxDir, { recursive: true });
      const file = mailFilePath(outboxDir, { id: mail.outboxId, kind: mail.kind });
      const partial = `${file}.${process.pid}.tmp`;
      await fs.writeFile(partial, info.message);
      await fs.rename(partial, file);
      logger.info({ outboxId: mail.outboxId, kind: mail.kind, path: file }, 'mail written to file (no SMTP_URL)');
      return { note: file };
    },
    async withdraw(mail) {
      await removeMailFiles(outboxDir, [{ id: mail.outboxId, kind: mail.kind }]);
    },
    close() {
      composer.close();
    },
  };
}

function toMessage(mail: OutgoingMail, from: string) {
  return {
    from,
    to: { name: mail.to.name, address: mail.to.email },
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: {
      // Tells auto-responders not to answer (RFC 3834), and support where a message came from.
      'Auto-Submitted': 'auto-generated',
      'X-Tailor-Outbox-Id': mail.outboxId,
    },
  };
}
