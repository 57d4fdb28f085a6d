import { calculateObjectSize, serialize } from 'bson';
import type { Change } from '../engine/changes.ts';
import { frameRecord } from './record-format.ts';

/** A batch bigger than this is split over several records, marked `more`, replayed together or not at all. */
const MAX_RECORD_PAYLOAD = 4 * 1024 * 1024;

/** One committed batch as framed journal records (one record, unless it is very large). */
export function encodeBatch(seq: number, changes: Change[]): Buffer[] {
  if (changes.length === 1) return [frameRecord(serialize({ s: seq, c: changes }))];
  const records: Buffer[] = [];
  let chunk: Change[] = [];
  let size = 0;
  for (const change of changes) {
    const changeSize = calculateObjectSize(change);
    if (chunk.length > 0 && size + changeSize > MAX_RECORD_PAYLOAD) {
      records.push(frameRecord(serialize({ s: seq, c: chunk, more: true })));
      chunk = [];
      size = 0;
    }
    chunk.push(change);
    size += changeSize;
  }
  records.push(frameRecord(serialize({ s: seq, c: chunk })));
  return records;
}
