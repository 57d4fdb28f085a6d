import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../platform/errors.ts';

const SECRET_FILE = 'web-secret';
const MIN_LENGTH = 32;

/**
 * The secret CSRF tokens are signed with. TAILOR_SECRET when it is set; otherwise one generated on
 * the first start and kept in the data directory. A secret made up per process would break every open
 * form at each restart, and two instances behind one address would refuse each other's forms; kept in
 * the data directory, every instance sharing it (and every restart) agrees. Instances on separate
 * machines must set TAILOR_SECRET.
 */
export function resolveSiteSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, SECRET_FILE);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    if (!fs.existsSync(file)) createOnce(file);
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_LENGTH) throw new Error(`it holds fewer than ${MIN_LENGTH} characters`);
    return secret;
  } catch (error) {
    throw new StartupError(`Cannot read or create the site secret ${file} (set TAILOR_SECRET instead): ${(error as Error).message}`);
  }
}

/**
 * Writes the secret to a private temporary file, then links it into place: the link appears with its
 * whole content or not at all, so an instance starting at the same moment never reads half a secret,
 * and the second to link keeps the first one's secret.
 */
function createOnce(file: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(temporary);
  }
}
