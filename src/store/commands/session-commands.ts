import { StoreError } from '../errors.ts';
import type { CommandContext, CommandHandler } from './command-context.ts';

function requireTransaction(context: CommandContext) {
  if (!context.transaction) throw new StoreError('NoSuchTransaction', 'No transaction is open on this session', { labels: ['TransientTransactionError'] });
  return context.transaction;
}

/** Commits atomically; committing an already committed transaction again answers ok (the driver retries commits). */
const commitTransaction: CommandHandler = (context) => {
  const transaction = requireTransaction(context);
  if (transaction.state === 'committed') return { ok: 1 };
  context.recordCommit(transaction.commit());
  return { ok: 1 };
};

const abortTransaction: CommandHandler = (context) => {
  const transaction = requireTransaction(context);
  if (transaction.state === 'committed') throw new StoreError('IllegalOperation', `Transaction ${transaction.txnNumber} has been committed.`);
  transaction.assertActive();
  transaction.abort();
  return { ok: 1 };
};

const endSessions: CommandHandler = (context) => {
  const lsids = context.body[context.name];
  context.services.sessions.end(Array.isArray(lsids) ? lsids : []);
  return { ok: 1 };
};

export const sessionCommands: Record<string, CommandHandler> = {
  commitTransaction,
  abortTransaction,
  endSessions,
  killSessions: endSessions,
  refreshSessions: () => ({ ok: 1 }),
};
