import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { createSecretBox } from '../../src/config/secret-box.ts';

describe('configuration', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LANYARD_SECRET_KEY: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(problems).toMatch(/^LANYARD_SECRET_KEY: must be 64 hexadecimal/m);
    // Secrets are never echoed back in full.
    expect(problems).not.toContain('mysql://x');
  });

  it('refuses production without a secret key (D6.1)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /LANYARD_SECRET_KEY: required in production/,
    );
  });
});

describe('secret box (AES-256-GCM, D6.1)', () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('round-trips and uses a fresh nonce each time', () => {
    const a = box.encrypt('sk_test_123');
    const b = box.encrypt('sk_test_123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk_test_123');
    expect(box.decrypt(a)).toBe('sk_test_123');
  });

  it('detects tampering and a wrong key', () => {
    const sealed = box.encrypt('whsec_abc');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64')].join(':');
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
  });
});
