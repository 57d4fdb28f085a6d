import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';

const pack = promisify(gzip);
const unpack = promisify(gunzip);

/**
 * JSON, gzipped at the fastest level: the shortlist's large parts repeat their keys and words, so
 * even that shrinks them many times, and a computation waits for it.
 */
export async function packJson(value: unknown): Promise<Buffer> {
  return pack(Buffer.from(JSON.stringify(value)), { level: constants.Z_BEST_SPEED });
}

/** The value of `packJson`, from what a read gives (a Buffer, or the driver's Binary in a lean read). */
export async function unpackJson<T>(stored: unknown): Promise<T> {
  return JSON.parse((await unpack(binaryOf(stored))).toString('utf8')) as T;
}

function binaryOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { buffer?: Uint8Array };
  if (binary?.buffer instanceof Uint8Array) return Buffer.from(binary.buffer.buffer, binary.buffer.byteOffset, binary.buffer.byteLength);
  throw new Error('shortlist: a stored packed part is not binary');
}
