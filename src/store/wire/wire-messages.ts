import { serialize } from 'bson';
import { decodeDocument, type Doc } from '../values/documents.ts';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1 << 0;
/** The sender expects no reply (w:0 writes, `endSessions`). */
export const MORE_TO_COME = 1 << 1;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A command as received: its body with any document sequences folded in (`documents`, `updates`...). */
export interface IncomingCommand {
  header: MessageHeader;
  body: Doc;
  /** True for a legacy OP_QUERY (answered with OP_REPLY). */
  isLegacy: boolean;
  expectsReply: boolean;
}

export function readHeader(message: Buffer): MessageHeader {
  return {
    length: message.readInt32LE(0),
    requestId: message.readInt32LE(4),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
}

/** Decodes an OP_MSG or OP_QUERY message; throws on anything else or on a malformed message. */
export function parseCommand(message: Buffer): IncomingCommand {
  const header = readHeader(message);
  if (header.opCode === OP_MSG) return parseOpMsg(message, header);
  if (header.opCode === OP_QUERY) return parseOpQuery(message, header);
  throw new Error(`unsupported wire opcode ${header.opCode}`);
}

function parseOpMsg(message: Buffer, header: MessageHeader): IncomingCommand {
  const flags = message.readUInt32LE(16);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = 20;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      body = decodeDocument(message.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const identifier = message.toString('utf8', offset + 4, nameEnd);
      const docs: Doc[] = [];
      for (let at = nameEnd + 1; at < sectionEnd; ) {
        const docSize = message.readInt32LE(at);
        docs.push(decodeDocument(message.subarray(at, at + docSize)));
        at += docSize;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new Error('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  return { header, body, isLegacy: false, expectsReply: (flags & MORE_TO_COME) === 0 };
}

function parseOpQuery(message: Buffer, header: MessageHeader): IncomingCommand {
  const nameEnd = message.indexOf(0, 20);
  const collectionName = message.toString('utf8', 20, nameEnd);
  const at = nameEnd + 1 + 8;
  const size = message.readInt32LE(at);
  let body = decodeDocument(message.subarray(at, at + size));
  // Old drivers wrap the command in `$query` alongside read preference.
  if (body.$query && typeof body.$query === 'object') body = body.$query as Doc;
  const db = collectionName.split('.')[0];
  return { header, body: { ...body, $db: db }, isLegacy: true, expectsReply: true };
}

let nextRequestId = 1;

/** Header and body in one allocation: the reply is copied once, after serialising. */
export function encodeOpMsg(responseTo: number, body: Doc): Buffer {
  const bson = serialize(body);
  const message = withHeader(21 + bson.length, responseTo, OP_MSG);
  message.writeUInt32LE(0, 16);
  message[20] = 0;
  message.set(bson, 21);
  return message;
}

export function encodeOpReply(responseTo: number, body: Doc): Buffer {
  const bson = serialize(body);
  const message = withHeader(36 + bson.length, responseTo, OP_REPLY);
  message.writeInt32LE(0, 16);
  message.writeBigInt64LE(0n, 20);
  message.writeInt32LE(0, 28);
  message.writeInt32LE(1, 32);
  message.set(bson, 36);
  return message;
}

/** A message of `length` bytes with its 16-byte header written (a fresh request id), the rest for the caller to fill. */
function withHeader(length: number, responseTo: number, opCode: number): Buffer {
  const message = Buffer.allocUnsafe(length);
  message.writeInt32LE(length, 0);
  message.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  message.writeInt32LE(responseTo, 8);
  message.writeInt32LE(opCode, 12);
  return message;
}
