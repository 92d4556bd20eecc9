import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt's cost (Node's defaults): 16 MiB and tens of milliseconds per hash. Slow on purpose; below
 * OWASP's N=2^17 so that each wrong password a client sends costs the platform 16 MiB, not 128.
 */
const COST = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Refuses stored costs that would take more memory than this (a hand-edited registry must not stall the platform). */
const MAX_MEMORY_BYTES = 64 * 2 ** 20;
const HASH = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]{22,}={0,2})\$([A-Za-z0-9+/]{43,}={0,2})$/;

/** Whether `text` is a hash as `hashPassword` writes it: `scrypt$N$r$p$salt$hash` (base64). */
export function isPasswordHash(text: string): boolean {
  return HASH.test(text);
}

/** A self-describing scrypt hash of `password` with a random salt (issue 11: no plain passwords on disk where a hash will do). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` is the one `hash` was made from; false for a hash that is not one of ours. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [, n, r, p, salt, key] = HASH.exec(hash) ?? [];
  if (n === undefined || r === undefined || p === undefined || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, cost).catch(() => undefined);
  return actual !== undefined && timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, length: number, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, { ...cost, maxmem: MAX_MEMORY_BYTES }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
