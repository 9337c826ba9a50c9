/**
 * What went wrong at a payment provider, in Lanyard's terms, so services decide without knowing
 * the SDK's error classes:
 * - `declined`: the card was refused;
 * - `not_found`: an id names nothing in this account (`param` says which field);
 * - `invalid_request`: the provider refuses the request as asked (e.g. already refunded);
 * - `idempotency_conflict`: a key was reused with other parameters;
 * - `forbidden` / `unauthenticated`: the account's keys may not do this / are not valid;
 * - `unavailable`: network, timeouts, the provider's 5xx or rate limits: trying later may work.
 */
export type GatewayErrorKind =
  | 'declined'
  | 'not_found'
  | 'invalid_request'
  | 'idempotency_conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'unavailable';

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly provider: string,
    /** The request field the provider blamed, if it named one. */
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export function isGatewayError(error: unknown, kind?: GatewayErrorKind): error is GatewayError {
  return error instanceof GatewayError && (kind === undefined || error.kind === kind);
}

/** A refusal the provider will repeat on retry, unlike an outage or bad keys (which may heal). */
export function isFinalRefusal(error: unknown): error is GatewayError {
  return (
    isGatewayError(error) &&
    ['declined', 'not_found', 'invalid_request', 'forbidden'].includes(error.kind)
  );
}
