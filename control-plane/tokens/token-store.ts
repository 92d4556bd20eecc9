import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Registry, TenantRecord } from '../tenants/registry.js';
import type { StoredToken, TokenView } from './stored-token.js';
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from './token-secret.js';
import type { TokenRequest } from './token-request.js';

export interface TokenStoreOptions {
  registry: Pick<Registry, 'find' | 'save'>;
  logger: Logger;
  /** How often, at most, last-use times are written to the registry. */
  flushEveryMs: number;
  now?: () => Date;
}

/** What a presented token is worth for a tenant. */
export type TokenCheck =
  | { valid: true; token: StoredToken }
  /** `unknown` covers revoked tokens and other tenants' tokens: the registry keeps neither for this tenant. */
  | { valid: false; problem: 'unknown' }
  | { valid: false; problem: 'expired'; token: StoredToken };

/**
 * The tenants' CI tokens (issue 11), kept on their registry records so that removing a tenant
 * removes them. Checking a token (every gateway request that carries one) does no I/O: last-use
 * times are collected in memory and written at most every `flushEveryMs`.
 */
export class TokenStore {
  private readonly lastUsed = new Map<string, { tenant: string; id: string; at: string }>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: TokenStoreOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** A tenant's tokens, oldest first, with the freshest last-use times; no secrets or hashes. */
  list(tenant: string): TokenView[] {
    return this.tenant(tenant).tokens?.map((token) => this.view(tenant, token)) ?? [];
  }

  /** Makes a token; the answer's `token` is the only time its secret is shown. */
  async create(tenant: string, request: TokenRequest): Promise<TokenView & { token: string }> {
    const record = this.tenant(tenant);
    if (record.tokens?.some((token) => token.name === request.name)) {
      throw new ConflictError(`Tenant "${tenant}" already has a token named "${request.name}"; revoke it first or choose another name.`);
    }
    const secret = generateTokenSecret();
    const stored: StoredToken = {
      id: randomBytes(8).toString('hex'),
      ...request,
      sha256: hashTokenSecret(secret),
      createdAt: this.now().toISOString(),
      lastUsedAt: null,
    };
    record.tokens = [...(record.tokens ?? []), stored];
    await this.options.registry.save(record);
    return { ...this.view(tenant, stored), token: secret };
  }

  /** Deletes a token: from now on the gateway refuses it. */
  async revoke(tenant: string, id: string): Promise<void> {
    const record = this.tenant(tenant);
    if (!record.tokens?.some((token) => token.id === id)) throw new NotFoundError(`Tenant "${tenant}" has no token with id "${id}".`);
    record.tokens = record.tokens.filter((token) => token.id !== id);
    this.lastUsed.delete(`${tenant}/${id}`);
    await this.options.registry.save(record);
  }

  /** Checks a presented secret against one tenant's tokens and notes its use. No I/O. */
  check(tenant: string, secret: string): TokenCheck {
    if (!looksLikeTokenSecret(secret)) return { valid: false, problem: 'unknown' };
    // Comparing hashes of a 256-bit secret leaks nothing usable through timing.
    const sha256 = hashTokenSecret(secret);
    const token = this.options.registry.find(tenant)?.tokens?.find((candidate) => candidate.sha256 === sha256);
    if (!token) return { valid: false, problem: 'unknown' };
    const now = this.now();
    if (token.expiresAt !== null && new Date(token.expiresAt) <= now) return { valid: false, problem: 'expired', token };
    this.lastUsed.set(`${tenant}/${token.id}`, { tenant, id: token.id, at: now.toISOString() });
    this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushEveryMs).unref();
    return { valid: true, token };
  }

  /** Writes the collected last-use times to the registry (also at shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const changed = new Set<TenantRecord>();
    for (const { tenant, id, at } of this.lastUsed.values()) {
      const record = this.options.registry.find(tenant);
      const token = record?.tokens?.find((candidate) => candidate.id === id);
      if (!record || !token) continue; // revoked, or its tenant removed, meanwhile
      token.lastUsedAt = at;
      changed.add(record);
    }
    this.lastUsed.clear();
    try {
      for (const record of changed) await this.options.registry.save(record);
    } catch (error) {
      this.options.logger.error('could not write the tokens\' last-use times', { error });
    }
  }

  private tenant(name: string): TenantRecord {
    const record = this.options.registry.find(name);
    if (!record) throw new NotFoundError(`There is no tenant named "${name}".`);
    return record;
  }

  private view(tenant: string, { sha256: _hash, ...token }: StoredToken): TokenView {
    return { ...token, lastUsedAt: this.lastUsed.get(`${tenant}/${token.id}`)?.at ?? token.lastUsedAt };
  }
}
