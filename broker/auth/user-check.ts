import { createHash, timingSafeEqual } from 'node:crypto';
import { isPasswordHash, verifyPassword } from '../../shared/password-hash.js';

/** A user who may sign in with basic auth: the password in plain text, or as a hash from `hashPassword`. */
export interface BasicCredential {
  username: string;
  password: string;
}

/** Whether a decoded `user:password` (as sent) is this user's. */
export type UserCheck = (sent: string) => boolean | Promise<boolean>;

/** The check for one user, or undefined when a part is blank (that user does not exist). */
export function userCheck(user: Partial<BasicCredential>): UserCheck | undefined {
  const { username, password } = user;
  if (!username?.trim() || !password?.trim()) return undefined;
  if (isPasswordHash(password)) return hashedUserCheck(username, password);
  const expected = digest(`${username}:${password}`);
  return (sent) => timingSafeEqual(expected, digest(sent));
}

/**
 * Embedded brokers get only a hash of a tenant's password (issue 11). scrypt is slow on purpose, so
 * a `user:password` that verified once is remembered by its SHA-256 and then compared as a plain one.
 */
function hashedUserCheck(username: string, hash: string): UserCheck {
  const expectedName = digest(username);
  let verified: Buffer | undefined;
  return async (sent) => {
    const given = digest(sent);
    if (verified !== undefined && timingSafeEqual(verified, given)) return true;
    const colon = sent.indexOf(':');
    // User names are not secret (the tenant resource shows them); only a right one costs a hash.
    if (!timingSafeEqual(expectedName, digest(sent.slice(0, colon))) || !(await verifyPassword(sent.slice(colon + 1), hash))) return false;
    verified = given;
    return true;
  };
}

/** Equal-length digests, so that comparisons take the same time whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
