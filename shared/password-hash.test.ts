import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hash.js';

describe('password hashes (issue 11)', () => {
  it('are self-describing scrypt strings with a random salt, and verify only their password', async () => {
    const [first, second] = await Promise.all([hashPassword('ci-secret-1'), hashPassword('ci-secret-1')]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('ci-secret-1');
    expect(isPasswordHash(first)).toBe(true);
    expect(await verifyPassword('ci-secret-1', first)).toBe(true);
    expect(await verifyPassword('ci-secret-1', second)).toBe(true);
    expect(await verifyPassword('ci-secret-2', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('are not mistaken for passwords, nor passwords for them', async () => {
    const hash = await hashPassword('x');
    for (const text of ['ci-secret-1', 'scrypt$', 'scrypt$16384$8$1$salt$hash', hash.replace('scrypt', 'bcrypt'), `${hash}\n`]) {
      expect(isPasswordHash(text), text).toBe(false);
      expect(await verifyPassword('x', text), text).toBe(false);
    }
  });

  it('refuses a stored cost that would take too much memory instead of stalling', async () => {
    const hash = (await hashPassword('x')).replace('$16384$', '$16777216$');
    expect(await verifyPassword('x', hash)).toBe(false);
  });
});
