import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './env.ts';

/** Encrypts secrets at rest (D6.1) with AES-256-GCM; the output carries its version and nonce. */
export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** Names the key without revealing it: the database records which key its secrets need. */
  readonly fingerprint: string;
}

const VERSION = 'v1';

export const SECRET_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

/** HMAC-SHA256(key, label), first 64 bits in hex: enough to tell keys apart, useless to attack. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('lanyard-key-fingerprint').digest('hex').slice(0, 16);
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    fingerprint: keyFingerprint(key),
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(
        ':',
      );
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) {
        throw new Error('not a sealed secret (unknown format)');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/**
 * The key comes from LANYARD_SECRET_KEY. Outside production a missing key is generated once into
 * the data directory, so a first `npm start` needs no setup and restarts can still decrypt.
 */
export function resolveSecretKey(config: Config): Buffer {
  if (config.LANYARD_SECRET_KEY) return Buffer.from(config.LANYARD_SECRET_KEY, 'hex');
  if (config.NODE_ENV === 'production') {
    throw new Error('LANYARD_SECRET_KEY is required in production');
  }
  const file = generatedKeyFile(config);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!SECRET_KEY_PATTERN.test(hex))
      throw new Error(`${file} does not hold a 64-hex-character key`);
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}

/** Where a development key is generated when LANYARD_SECRET_KEY is unset. */
export function generatedKeyFile(config: Config): string {
  return join(config.DATA_DIR, 'secret.key');
}

/** After `lanyard rotate-key` on a generated key: the file holds the new key (replaced whole). */
export function replaceGeneratedKey(config: Config, key: Buffer): void {
  const file = generatedKeyFile(config);
  writeFileSync(`${file}.new`, key.toString('hex') + '\n', { mode: 0o600 });
  renameSync(`${file}.new`, file);
}
