/** What a token may do: reads (and the verifier's pacts-for-verification query), or everything. */
export type TokenScope = 'read-only' | 'read-write';

export const TOKEN_SCOPES: readonly TokenScope[] = ['read-only', 'read-write'];

/** A tenant's CI token as the registry keeps it (issue 11): the secret's hash, never the secret. */
export interface StoredToken {
  id: string;
  name: string;
  scope: TokenScope;
  /** SHA-256 of the secret, hex. */
  sha256: string;
  createdAt: string;
  expiresAt: string | null;
  /** Written to the registry at most once per flush interval; the store knows fresher values. */
  lastUsedAt: string | null;
}

/** A token as the API shows it: everything but the hash. */
export type TokenView = Omit<StoredToken, 'sha256'>;
