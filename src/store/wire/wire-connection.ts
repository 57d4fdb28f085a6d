import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Doc } from '../values/documents.ts';
import { encodeOpMsg, encodeOpReply, parseCommand, readHeader, type IncomingCommand } from './wire-messages.ts';

/** Anything bigger is not a MongoDB message (mongod's limit is 48 MB). */
const MAX_MESSAGE_BYTES = 48_000_000 + 16 * 1024 * 1024;

export type CommandRunner = (command: IncomingCommand, connectionId: number) => Doc | Promise<Doc>;

/**
 * One client socket: cuts the byte stream into messages and runs them one at a time, in
 * order (a driver never sends the next command on a connection before the reply), writing
 * each reply as OP_MSG, or OP_REPLY for the legacy handshake.
 */
export class WireConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private isBusy = false;

  constructor(
    private readonly socket: Socket,
    readonly id: number,
    private readonly run: CommandRunner,
    private readonly logger: Logger,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) => this.logger.debug({ err: error, connectionId: id }, 'client connection error'));
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (!this.isBusy) void this.drain();
  }

  /**
   * Takes the next complete message off the buffer, if there is one. Chunks are joined only once
   * the whole message is in: joining on every chunk copied a 10 MB insert some 150 times.
   */
  private nextMessage(): Buffer | undefined {
    if (this.buffered < 4) return undefined;
    const length = this.messageLength();
    if (length < 16 || length > MAX_MESSAGE_BYTES) {
      this.logger.warn({ connectionId: this.id, length }, 'invalid message length, closing connection');
      this.close();
      return undefined;
    }
    if (this.buffered < length) return undefined;
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    const data = this.chunks[0];
    const message = data.subarray(0, length);
    const rest = data.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }

  /** The length the next message's header announces (its first 4 bytes, which may span chunks). */
  private messageLength(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32LE(0);
    const header = Buffer.alloc(4);
    let filled = 0;
    for (const chunk of this.chunks) {
      filled += chunk.copy(header, filled, 0, Math.min(chunk.length, 4 - filled));
      if (filled === 4) break;
    }
    return header.readInt32LE(0);
  }

  /**
   * Runs the buffered messages in order. Replies known at once (reads, pings) are written in
   * the same turn; the loop only awaits a reply that waits for the journal.
   */
  private async drain(): Promise<void> {
    this.isBusy = true;
    try {
      for (let message = this.nextMessage(); message; message = this.nextMessage()) {
        const command = this.parse(message);
        if (!command) return;
        const reply = this.run(command, this.id);
        this.reply(command, reply instanceof Promise ? await reply : reply);
        if (this.socket.destroyed) return;
      }
    } finally {
      this.isBusy = false;
    }
  }

  private parse(message: Buffer): IncomingCommand | undefined {
    try {
      return parseCommand(message);
    } catch (error) {
      this.logger.warn({ err: error, connectionId: this.id, opCode: readHeader(message).opCode }, 'unreadable message, closing connection');
      this.close();
      return undefined;
    }
  }

  private reply(command: IncomingCommand, reply: Doc): void {
    if (!command.expectsReply || this.socket.destroyed) return;
    const encode = command.isLegacy ? encodeOpReply : encodeOpMsg;
    this.socket.write(encode(command.header.requestId, reply));
  }
}
