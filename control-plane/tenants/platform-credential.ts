import { randomBytes } from 'node:crypto';
import type { BasicCredential } from '../../broker/index.js';

/**
 * The read/write user with which the platform itself (readiness probe, dashboard counts, the
 * gateway's token-authorised requests) reaches embedded brokers, whose tenants' passwords are
 * stored only as hashes (issue 11). Made afresh at each process start, kept in memory only: the
 * embedded brokers live in this process too, so nothing else ever needs it.
 */
export const PLATFORM_CREDENTIAL: Readonly<BasicCredential> = Object.freeze({
  username: 'pactsafs-platform',
  password: randomBytes(32).toString('base64url'),
});
