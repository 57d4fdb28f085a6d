import fs from 'node:fs/promises';
import path from 'node:path';

/** A mail as its .eml copy is named. */
export interface MailFileRef {
  id: string;
  kind: string;
}

/**
 * Where the .eml transport writes a mail: `<outboxDir>/<kind>-<outboxId>.eml`. Named by outbox id,
 * so a retried delivery overwrites the same file, and an erasure can find it again from the row.
 */
export function mailFilePath(outboxDir: string, mail: MailFileRef): string {
  return path.join(outboxDir, `${mail.kind}-${mail.id}.eml`);
}

/**
 * Removes the .eml copies of these mails where one was written (an erasure: the copy holds the
 * person's name, address, link or task words). Answers how many there were. A file that is not there
 * was never written (SMTP, or not sent yet); any other failure is thrown.
 */
export async function removeMailFiles(outboxDir: string, mails: readonly MailFileRef[]): Promise<number> {
  let removed = 0;
  for (const mail of mails) {
    try {
      await fs.unlink(mailFilePath(outboxDir, mail));
      removed += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}
