import { DirectAccess, type DataAccess } from '../engine/data-access.ts';
import { errorReply, StoreError } from '../errors.ts';
import type { Transaction } from '../transactions/transaction.ts';
import type { Doc } from '../values/documents.ts';
import type { IncomingCommand } from '../wire/wire-messages.ts';
import { aggregateCommands } from './aggregate-command.ts';
import { catalogCommands } from './catalog-commands.ts';
import type { CommandContext, CommandHandler, StoreServices } from './command-context.ts';
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

/** One command being run: what its handler sees, plus the journal position its reply waits for. */
class CommandRun implements CommandContext {
  data: DataAccess;
  transaction: Transaction | undefined = undefined;
  /** The last journal position this command's writes reached (0: it wrote nothing). */
  position = 0;

  constructor(
    readonly name: string,
    readonly db: string,
    readonly body: Doc,
    readonly services: StoreServices,
    readonly connectionId: number,
  ) {
    this.data = new DirectAccess(services.engine, this);
  }

  recordCommit(position: number): void {
    if (position > this.position) this.position = position;
  }
}

/**
 * Runs one command: finds its handler, gives it committed data or its transaction's view,
 * turns failures into mongod-shaped replies, and holds the reply until the writes it made
 * are durable (a reply is the acknowledgement). A command that wrote nothing and whose
 * handler answered at once is answered synchronously: reads and pings skip the promise
 * machinery.
 */
export class CommandDispatcher {
  constructor(
    private readonly services: StoreServices,
    private readonly journal: DurabilityGate,
  ) {}

  run(command: IncomingCommand, connectionId: number): Doc | Promise<Doc> {
    const { body } = command;
    const name = firstKey(body);
    const handler = HANDLERS.get(name);
    if (!handler) return errorReply(new StoreError('CommandNotFound', `no such command: '${name}'`));
    const run = new CommandRun(name, typeof body.$db === 'string' ? body.$db : 'admin', body, this.services, connectionId);
    let reply: Doc | Promise<Doc>;
    try {
      run.transaction = this.services.sessions.resolve(body, name);
      if (run.transaction) run.data = run.transaction.access();
      reply = handler(run);
    } catch (error) {
      reply = this.failure(error, name);
    }
    if (reply instanceof Promise) {
      return reply.then(
        (done) => this.finish(run, done),
        (error: unknown) => this.finish(run, this.failure(error, name)),
      );
    }
    return this.finish(run, reply);
  }

  private finish(run: CommandRun, reply: Doc): Doc | Promise<Doc> {
    // As on mongod, a failed statement aborts the transaction it belongs to.
    if (run.transaction && (reply.ok !== 1 || reply.writeErrors) && run.name !== 'abortTransaction') run.transaction.abort();
    if (run.position === 0) return reply;
    return this.journal.waitDurable(run.position).then(
      () => reply,
      (error: unknown) => {
        this.services.logger.error({ err: error, command: run.name }, 'journal write failed');
        return errorReply(new StoreError('InternalError', 'The write could not be made durable (journal write failed)'));
      },
    );
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

/** The command name is the body's first field; read without building the list of all keys. */
function firstKey(body: Doc): string {
  for (const key in body) return key;
  return '';
}
