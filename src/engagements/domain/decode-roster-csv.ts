import { TextDecoder } from 'node:util';
import { AppError, ValidationError } from '../../platform/errors.ts';

const NOT_UTF8 = 'The file is not UTF-8 text, so its names would be garbled. Save it as "CSV UTF-8" and upload it again.';

/**
 * A roster CSV's bytes as text, refusing bytes that are not text rather than turning them into U+FFFD:
 * a spreadsheet saved as Windows-1252 would otherwise add "René" as "Ren\uFFFD" and invite him so.
 * Without a declared charset the file is taken as UTF-8 (a leading byte order mark is dropped). A charset
 * the sender declares is honoured when TextDecoder knows it, since then the bytes are what the sender says.
 */
export function decodeRosterCsv(bytes: Uint8Array, charset = 'utf-8'): string {
  const decoder = decoderFor(charset);
  try {
    return decoder.decode(bytes);
  } catch {
    if (decoder.encoding === 'utf-8') throw new ValidationError(NOT_UTF8, [], 'csv-not-utf8');
    throw new ValidationError(`The file is not ${decoder.encoding} text as its Content-Type declares. Send it as UTF-8 (charset=utf-8), or with the charset it is written in.`, [], 'csv-not-in-charset');
  }
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch (error) {
    throw new AppError(415, 'unsupported-encoding', `The charset "${charset}" is not one we can read. Send the CSV as UTF-8 (charset=utf-8).`, {}, { cause: error });
  }
}
