import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Webhook secrets at rest (team issue 14): AES-256-GCM under the platform's 32-byte key, a fresh
 * 96-bit nonce per value, and the secret's uuid as associated data, so a ciphertext copied onto
 * another secret's row does not decrypt. Stored as `v1:<nonce>:<tag>:<ciphertext>` in base64.
 */
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const FORMAT = 'v1';

/** A stored value this key cannot open: another platform's key, or a row changed by hand. */
export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

/** Encrypts a secret's value for its row. */
export function encryptSecretValue(key: Buffer, uuid: string, value: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce);
  cipher.setAAD(Buffer.from(uuid, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [FORMAT, nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64'))).join(':');
}

/** The value of a secret's row; throws {@link SecretDecryptionError} when this key cannot open it. */
export function decryptSecretValue(key: Buffer, uuid: string, stored: string): string {
  const [format, nonce, tag, ciphertext] = stored.split(':');
  if (format !== FORMAT || nonce === undefined || tag === undefined || ciphertext === undefined) {
    throw new SecretDecryptionError('its stored value is not in the format this broker writes');
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, 'base64'));
    decipher.setAAD(Buffer.from(uuid, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SecretDecryptionError('it was encrypted with another secrets key (restored from another platform?)', { cause: error });
  }
}
