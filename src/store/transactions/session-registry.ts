import type { StorageEngine } from '../engine/storage-engine.ts';
import { StoreError } from '../errors.ts';
import { isPlainObject, type Doc } from '../values/documents.ts';
import { Transaction } from './transaction.ts';
import { UniqueKeyClaims } from './unique-key-claims.ts';

/** mongod's defaults: a transaction may live 60 s, an idle session 30 min. */
const TRANSACTION_LIFETIME_MS = 60_000;
const SESSION_IDLE_MS = 30 * 60_000;

interface Session {
  txnNumber: number;
  transaction: Transaction | undefined;
  lastUsed: number;
}

/**
 * Logical sessions (`lsid`) and their transactions. A command carrying `autocommit: false`
 * belongs to the session's transaction number `txnNumber`; `startTransaction: true` opens it.
 * Anything else runs directly on committed data.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly reaper: NodeJS.Timeout;
  /** Shared by all transactions: who holds which unique key until commit or abort. */
  private readonly claims = new UniqueKeyClaims();

  constructor(private readonly engine: StorageEngine) {
    this.reaper = setInterval(() => this.reap(Date.now()), 5_000);
    this.reaper.unref();
  }

  /** The transaction a command belongs to, or undefined when it runs on committed data. */
  resolve(body: Doc, command: string): Transaction | undefined {
    if (body.autocommit !== false) return undefined;
    const key = sessionKey(body.lsid);
    if (!key) throw new StoreError('InvalidOptions', 'A transaction command needs an lsid');
    const txnNumber = Number(body.txnNumber);
    if (!Number.isSafeInteger(txnNumber)) throw new StoreError('InvalidOptions', 'A transaction command needs a txnNumber');
    const session = this.sessions.get(key) ?? { txnNumber: -1, transaction: undefined, lastUsed: 0 };
    this.sessions.set(key, session);
    session.lastUsed = Date.now();
    if (txnNumber < session.txnNumber) {
      throw new StoreError('TransactionTooOld', `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.txnNumber} has already started.`);
    }
    if (body.startTransaction === true) {
      if (txnNumber === session.txnNumber && session.transaction) {
        throw new StoreError('ConflictingOperationInProgress', `Transaction ${txnNumber} has already been started on this session.`);
      }
      session.transaction?.abort();
      session.txnNumber = txnNumber;
      session.transaction = new Transaction(this.engine, txnNumber, this.claims);
    } else if (txnNumber !== session.txnNumber || !session.transaction) {
      throw new StoreError('NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, { labels: ['TransientTransactionError'] });
    }
    const transaction = session.transaction!;
    transaction.lastUsed = Date.now();
    const isFinishing = command === 'commitTransaction' || command === 'abortTransaction';
    if (!isFinishing) transaction.assertActive();
    return transaction;
  }

  /** `endSessions`/`killSessions`: their open transactions are aborted. */
  end(lsids: unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKey(lsid);
      if (!key) continue;
      this.sessions.get(key)?.transaction?.abort();
      this.sessions.delete(key);
    }
  }

  close(): void {
    clearInterval(this.reaper);
    for (const session of this.sessions.values()) session.transaction?.abort();
    this.sessions.clear();
  }

  /** Aborts transactions past their lifetime (they hold old versions in memory) and forgets idle sessions. */
  private reap(now: number): void {
    for (const [key, session] of this.sessions) {
      const transaction = session.transaction;
      if (transaction?.state === 'active' && now - transaction.lastUsed > TRANSACTION_LIFETIME_MS) transaction.abort();
      if (now - session.lastUsed > SESSION_IDLE_MS) {
        transaction?.abort();
        this.sessions.delete(key);
      }
    }
  }
}

function sessionKey(lsid: unknown): string | undefined {
  if (!isPlainObject(lsid) || lsid.id === undefined) return undefined;
  const id = lsid.id as { toString(encoding?: string): string };
  return id.toString('hex');
}
