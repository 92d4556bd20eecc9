import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in logs, diffs and secret scanners (issue 11): "pbs_" and 32 random bytes, base64url. */
const TOKEN_SHAPE = /^pbs_[A-Za-z0-9_-]{43}$/;

/** A new token secret, shown once to whoever creates it. */
export function generateTokenSecret(): string {
  return `pbs_${randomBytes(32).toString('base64url')}`;
}

/**
 * What the registry keeps of a token: its SHA-256, hex. A fast hash is right here (unlike for
 * passwords): the secret has 256 random bits, so no guessing attack gains from a slow hash, and
 * the gateway hashes on every request.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a presented value can be one of our tokens at all (saves hashing garbage). */
export function looksLikeTokenSecret(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
