import { authenticationError } from './errors.ts';
import type { Params } from './params.ts';

/** The key a request authenticates with, and whether it came as Stripe.js's `key` parameter. */
export interface Credential {
  key: string;
  fromParams: boolean;
}

const MISSING_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

export const PUBLISHABLE_KEY_REFUSED =
  'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.';

/** Bearer is what the SDK sends; Basic (`key:`) is what curl examples use; Stripe.js posts `key`. */
export function readCredential(authorization: string | undefined, params: Params): Credential {
  if (authorization) {
    const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
    if (scheme.toLowerCase() === 'bearer' && value) return { key: value, fromParams: false };
    if (scheme.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const key = decoded.split(':')[0] ?? '';
      if (key) return { key, fromParams: false };
    }
    throw authenticationError(MISSING_KEY);
  }
  const key = params['key'];
  if (typeof key === 'string' && key !== '') return { key, fromParams: true };
  throw authenticationError(MISSING_KEY);
}

export function maskKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  const prefix = key.slice(0, key.indexOf('_', 3) + 1 || 3);
  return `${prefix}${'*'.repeat(key.length - prefix.length - 4)}${key.slice(-4)}`;
}

export function invalidKey(key: string) {
  return authenticationError(`Invalid API Key provided: ${maskKey(key)}`);
}
