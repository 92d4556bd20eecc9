import { randomBytes } from 'node:crypto';

/** The webhook secrets' key (team issue 14) is 32 bytes for AES-256-GCM; read by both configs, so it lives in shared/. */
const KEY_BYTES = 32;

/** The key from its base64 text (`PACTSAFS_SECRETS_KEY`, the key file); throws a sentence naming `source` when it is not 32 bytes. */
export function parseSecretsKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES) {
    throw new Error(`${source} must be ${KEY_BYTES} random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`).`);
  }
  return key;
}

/** A new random key as base64 text. */
export function generateSecretsKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
