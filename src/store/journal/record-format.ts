import { crc32 } from 'node:zlib';

/**
 * Files are a magic header then records: `[u32 length][u32 crc32][payload]` (little endian),
 * the payload being one BSON document. A record whose length runs past the end of the file or
 * whose checksum does not match is where the intact part of the file ends: the tail of a write
 * cut short by a crash, or damage.
 */
export const JOURNAL_MAGIC = Buffer.from('TAILORJ1');
export const SNAPSHOT_MAGIC = Buffer.from('TAILORS1');
const HEADER_BYTES = 8;
/** No record is this large; a length beyond it is garbage, not a record. */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export function frameRecord(payload: Uint8Array): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

export interface ScanResult {
  payloads: Buffer[];
  /** Byte offset just past the last intact record. */
  intactEnd: number;
  /** Why reading stopped before the end of the file, if it did. */
  problem: string | undefined;
}

/** Reads every intact record of a file's contents, stopping at the first damaged one. */
export function scanRecords(contents: Buffer, magic: Buffer): ScanResult {
  if (contents.length < magic.length) {
    return { payloads: [], intactEnd: 0, problem: contents.length === 0 ? undefined : 'file shorter than its header' };
  }
  if (!contents.subarray(0, magic.length).equals(magic)) {
    return { payloads: [], intactEnd: 0, problem: 'unrecognised file header' };
  }
  const payloads: Buffer[] = [];
  let offset = magic.length;
  while (offset < contents.length) {
    if (contents.length - offset < HEADER_BYTES) return { payloads, intactEnd: offset, problem: 'record header cut short' };
    const length = contents.readUInt32LE(offset);
    const checksum = contents.readUInt32LE(offset + 4);
    if (length < 5 || length > MAX_RECORD_BYTES) return { payloads, intactEnd: offset, problem: `invalid record length ${length}` };
    const end = offset + HEADER_BYTES + length;
    if (end > contents.length) return { payloads, intactEnd: offset, problem: 'record cut short' };
    const payload = contents.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) return { payloads, intactEnd: offset, problem: 'record checksum mismatch' };
    payloads.push(payload);
    offset = end;
  }
  return { payloads, intactEnd: offset, problem: undefined };
}
