import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomToken(length: number): string {
  let token = '';
  for (const byte of randomBytes(length)) token += ALPHABET.charAt(byte % ALPHABET.length);
  return token;
}

export type IdPrefix = 'acct' | 'cus' | 'pi' | 'pm' | 'ch' | 're' | 'dp' | 'evt' | 'txn' | 'we';

/** Stripe ids are a type prefix, an underscore and 24 alphanumerics. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(24)}`;
}

export function newRequestId(): string {
  return `req_${randomToken(14)}`;
}
