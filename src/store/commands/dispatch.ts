import { DirectAccess } from '../engine/data-access.ts';
import { errorReply, StoreError } from '../errors.ts';
import type { Transaction } from '../transactions/transaction.ts';
import type { Doc } from '../values/documents.ts';
import type { IncomingCommand } from '../wire/wire-messages.ts';
import { aggregateCommands } from './aggregate-command.ts';
import { catalogCommands } from './catalog-commands.ts';
import type { CommandHandler, StoreServices } from './command-context.ts';
import { toStoreError } from './dispatch-errors.ts';
import { findAndModifyCommands } from './find-and-modify-command.ts';
import { findCommands } from './find-commands.ts';
import { handshakeCommands } from './handshake-commands.ts';
import { indexCommands } from './index-commands.ts';
import { sessionCommands } from './session-commands.ts';
import { updateCommands } from './update-command.ts';
import { writeCommands } from './write-commands.ts';

const HANDLERS = new Map<string, CommandHandler>(
  Object.entries({
    ...handshakeCommands,
    ...writeCommands,
    ...updateCommands,
    ...findCommands,
    ...findAndModifyCommands,
    ...aggregateCommands,
    ...indexCommands,
    ...catalogCommands,
    ...sessionCommands,
  }),
);

/** Waits until the journal holds everything up to a position on disk. */
export interface DurabilityGate {
  waitDurable(position: number): Promise<void>;
}

/**
 * Runs one command: finds its handler, gives it committed data or its transaction's view,
 * turns failures into mongod-shaped replies, and holds the reply until the writes it made
 * are durable (a reply is the acknowledgement).
 */
export class CommandDispatcher {
  constructor(
    private readonly services: StoreServices,
    private readonly journal: DurabilityGate,
  ) {}

  async run(command: IncomingCommand, connectionId: number): Promise<Doc> {
    const { body } = command;
    const name = Object.keys(body)[0] ?? '';
    const handler = HANDLERS.get(name);
    if (!handler) return errorReply(new StoreError('CommandNotFound', `no such command: '${name}'`));
    const db = typeof body.$db === 'string' ? body.$db : 'admin';
    let position = 0;
    const recordCommit = (at: number) => {
      position = Math.max(position, at);
    };
    let transaction: Transaction | undefined;
    let reply: Doc;
    try {
      const resolved = this.services.sessions.resolve(body, name, new DirectAccess(this.services.engine, recordCommit));
      transaction = resolved.transaction;
      reply = await handler({ name, db, body, data: resolved.data, services: this.services, connectionId, transaction, recordCommit });
    } catch (error) {
      reply = this.failure(error, name);
    }
    // As on mongod, a failed statement aborts the transaction it belongs to.
    if (transaction && (reply.ok !== 1 || reply.writeErrors) && name !== 'abortTransaction') transaction.abort();
    if (position > 0) {
      try {
        await this.journal.waitDurable(position);
      } catch (error) {
        this.services.logger.error({ err: error, command: name }, 'journal write failed');
        return errorReply(new StoreError('InternalError', 'The write could not be made durable (journal write failed)'));
      }
    }
    return reply;
  }

  private failure(error: unknown, command: string): Doc {
    try {
      return errorReply(toStoreError(error));
    } catch (bug) {
      this.services.logger.error({ err: bug, command }, 'command failed unexpectedly');
      return errorReply(new StoreError('InternalError', `Internal error in the embedded store while running '${command}'`));
    }
  }
}
