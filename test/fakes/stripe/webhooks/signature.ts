import { createHmac } from 'node:crypto';
import { randomToken } from '../ids.ts';

/**
 * How a delivery is signed. `valid` is Stripe's scheme; the others are the ways a receiver must
 * refuse a delivery: a signature that does not match, one made with another secret, and one
 * older than the SDK's five-minute tolerance.
 */
export type SignatureMode = 'valid' | 'invalid' | 'wrong-secret' | 'expired';

const EXPIRED_BY_SECONDS = 600;

export function computeSignature(payload: string, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
}

/** `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed by whsec_…>` */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${computeSignature(payload, secret, timestamp)}`;
}

export function signatureHeader(
  payload: string,
  secret: string,
  mode: SignatureMode,
  nowSeconds: number,
): string {
  switch (mode) {
    case 'valid':
      return signPayload(payload, secret, nowSeconds);
    case 'invalid':
      return signPayload(`${payload} `, secret, nowSeconds);
    case 'wrong-secret':
      return signPayload(payload, `whsec_${randomToken(32)}`, nowSeconds);
    case 'expired':
      return signPayload(payload, secret, nowSeconds - EXPIRED_BY_SECONDS);
  }
}
