import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 192 random bits: far beyond guessing, short enough for a link. */
const TOKEN_BYTES = 24;

/** A fresh bearer token (base64url, 32 characters). It is shown once and only its hash is stored. */
export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The stored form of a token. A plain sha256 suffices: tokens are random, so there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two secrets in constant time (the administrator token comes from the environment). */
export function isSameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a), 'hex'), Buffer.from(hashToken(b), 'hex'));
}

/** Bearer tokens are base64url; anything else is rejected before a database lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{16,200}$/.test(value);
}
