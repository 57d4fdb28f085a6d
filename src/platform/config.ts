import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './errors.ts';

/** The repository root: catalogues (`schemas/`, `question-banks/`, `modules/`) are read relative to it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Config {
  /** `trustProxy` as Express takes it: off, every hop, a number of hops, or the proxies' addresses. */
  readonly http: { port: number; host: string; publicUrl: string; trustProxy: TrustProxy; bodyLimit: string };
  readonly log: { level: string };
  readonly mongo: { uri: string | undefined; dataDir: string };
  readonly access: { adminToken: string | undefined; inviteTtlDays: number };
  /** `secret` signs the pages' CSRF tokens; when unset, one is generated once in the data directory. */
  readonly web: { secret: string | undefined };
  readonly mail: { smtpUrl: string | undefined; from: string; reminderDays: number[]; outboxDir: string };
  readonly matching: { minScore: number | undefined };
  readonly curriculum: { maxSessionsPerWeek: number; concernThreshold: number };
  readonly paths: { root: string; schemas: string; questionBanks: string; modules: string };
}

type Env = Record<string, string | undefined>;

export type TrustProxy = boolean | number | string[];

/** Names Express knows for address ranges, usable in TRUST_PROXY beside addresses and subnets. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Reads the environment once. Every problem is collected so a bad deployment
 * hears about all of them at once, each naming its variable.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const publicUrl = read.url('PUBLIC_URL', `http://localhost:${port}`).replace(/\/+$/, '');
  const dataDir = path.resolve(read.string('TAILOR_DATA_DIR', './data'));
  const adminToken = read.optional('TAILOR_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    problems.push('TAILOR_ADMIN_TOKEN must be at least 24 characters (it is a credential).');
  }
  const webSecret = read.optional('TAILOR_SECRET');
  if (webSecret !== undefined && webSecret.length < 32) {
    problems.push('TAILOR_SECRET must be at least 32 characters (it signs form tokens).');
  }
  const mongoUri = read.optional('MONGODB_URI');
  if (mongoUri !== undefined && !/^mongodb(\+srv)?:\/\//.test(mongoUri)) {
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://.');
  }
  const smtpUrl = read.optional('SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push('SMTP_URL must start with smtp:// or smtps://.');
  }
  const minScore = read.optionalNumber('MATCH_MIN_SCORE', 0, 1);

  const config: Config = {
    http: {
      port,
      host,
      publicUrl,
      trustProxy: read.trustProxy('TRUST_PROXY'),
      bodyLimit: '1mb',
    },
    log: { level: read.oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) },
    mongo: { uri: mongoUri, dataDir },
    access: { adminToken, inviteTtlDays: read.integer('INVITE_TTL_DAYS', 30, 1, 365) },
    web: { secret: webSecret },
    mail: {
      smtpUrl,
      from: read.string('MAIL_FROM', 'Tailor <tailor@localhost>'),
      reminderDays: read.integerList('REMINDER_DAYS', [3, 7], 1, 60),
      outboxDir: path.join(dataDir, 'outbox'),
    },
    matching: { minScore },
    curriculum: {
      maxSessionsPerWeek: read.integer('MAX_SESSIONS_PER_WEEK', 2, 1, 10),
      concernThreshold: read.number('CONCERN_THRESHOLD', 3.5, 1, 5),
    },
    paths: {
      root: PROJECT_ROOT,
      schemas: path.join(PROJECT_ROOT, 'schemas'),
      questionBanks: path.join(PROJECT_ROOT, 'question-banks'),
      modules: path.resolve(read.string('TAILOR_MODULES_DIR', path.join(PROJECT_ROOT, 'modules'))),
    },
  };
  if (problems.length > 0) throw new StartupError('Invalid configuration:', problems);
  return deepFreeze(config);
}

class EnvReader {
  constructor(private readonly env: Env, private readonly problems: string[]) {}

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    return this.optionalNumber(name, min, max) ?? fallback;
  }

  optionalNumber(name: string, min: number, max: number): number | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problems.push(`${name} must be a number between ${min} and ${max} (got "${raw}").`);
      return undefined;
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.number(name, fallback, min, max);
    if (!Number.isInteger(value)) {
      this.problems.push(`${name} must be a whole number (got "${this.optional(name)}").`);
      return fallback;
    }
    return value;
  }

  integerList(name: string, fallback: number[], min: number, max: number): number[] {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const values = raw.split(',').map((part) => Number(part.trim()));
    if (values.some((v) => !Number.isInteger(v) || v < min || v > max)) {
      this.problems.push(`${name} must be a comma-separated list of whole numbers between ${min} and ${max} (got "${raw}").`);
      return fallback;
    }
    return [...new Set(values)].sort((a, b) => a - b);
  }

  /**
   * `false` (default), `true` (every hop: only behind a proxy that overwrites X-Forwarded-For),
   * a number of hops (`1`: the one proxy in front), or a comma-separated list of the proxies'
   * addresses, subnets (CIDR) or loopback / linklocal / uniquelocal. Anything narrower than `true`
   * keeps a client from choosing its own address by sending X-Forwarded-For.
   */
  trustProxy(name: string): TrustProxy {
    const raw = this.optional(name);
    if (raw === undefined || ['false', 'no'].includes(raw.toLowerCase())) return false;
    if (['true', 'yes'].includes(raw.toLowerCase())) return true;
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops <= 10) return hops === 0 ? false : hops;
    }
    const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
    const isProxyEntry = (entry: string) => {
      if (PROXY_RANGE_NAMES.includes(entry)) return true;
      const [address, prefix, ...rest] = entry.split('/');
      const version = isIP(address);
      if (version === 0 || rest.length > 0) return false;
      return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
    };
    if (entries.length > 0 && entries.every(isProxyEntry)) return entries;
    this.problems.push(`${name} must be true, false, a number of proxy hops (0-10) or a comma-separated list of proxy addresses, subnets or ${PROXY_RANGE_NAMES.join(' / ')} (got "${raw}").`);
    return false;
  }

  oneOf(name: string, fallback: string, allowed: string[]): string {
    const value = this.string(name, fallback);
    if (!allowed.includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}").`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    } catch {
      this.problems.push(`${name} must be an http(s) URL (got "${value}").`);
      return fallback;
    }
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
