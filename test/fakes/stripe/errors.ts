import type { FakePaymentIntent, FakePaymentMethod } from './types.ts';

export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/** The `error` member of a Stripe error response, as the SDK's error classes read it. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: FakePaymentIntent;
  payment_method?: FakePaymentMethod;
  request_log_url?: string;
}

/**
 * An error the stand-in answers with. `validation` marks a request rejected before it started
 * executing: Stripe saves no idempotent result for those, so a corrected retry with the same key
 * is allowed.
 */
export class FakeStripeError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  readonly validation: boolean;

  constructor(status: number, body: StripeErrorBody, validation = false) {
    super(body.message);
    this.name = 'FakeStripeError';
    this.status = status;
    this.body = body;
    this.validation = validation;
  }
}

interface ErrorDetails {
  code?: string;
  param?: string;
  status?: number;
  validation?: boolean;
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(message: string, details: ErrorDetails = {}): FakeStripeError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (details.code) {
    body.code = details.code;
    body.doc_url = docUrl(details.code);
  }
  if (details.param) body.param = details.param;
  return new FakeStripeError(details.status ?? 400, body, details.validation ?? false);
}

/** A parameter failed validation: nothing ran, so nothing is saved under the idempotency key. */
export function invalidParam(message: string, param: string, code?: string): FakeStripeError {
  return invalidRequest(message, { param, validation: true, ...(code ? { code } : {}) });
}

export function missingParam(param: string): FakeStripeError {
  return invalidParam(`Missing required param: ${param}.`, param, 'parameter_missing');
}

export function resourceMissing(
  kind: string,
  id: string,
  param: string,
  status = 404,
): FakeStripeError {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param, status });
}

export function unexpectedState(message: string, param?: string): FakeStripeError {
  return invalidRequest(message, {
    code: 'payment_intent_unexpected_state',
    ...(param ? { param } : {}),
  });
}

export function idempotencyError(message: string): FakeStripeError {
  return new FakeStripeError(400, { type: 'idempotency_error', message });
}

/** Stripe answers bad credentials with 401 and type invalid_request_error; the SDK maps 401 to StripeAuthenticationError. */
export function authenticationError(message: string): FakeStripeError {
  return new FakeStripeError(401, { type: 'invalid_request_error', message });
}

export function unrecognizedUrl(method: string, path: string): FakeStripeError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}

export interface CardErrorDetails {
  code: string;
  declineCode: string | null;
  message: string;
  charge: string;
  paymentIntent: FakePaymentIntent;
  paymentMethod: FakePaymentMethod;
}

export function cardError(details: CardErrorDetails): FakeStripeError {
  const body: StripeErrorBody = {
    type: 'card_error',
    code: details.code,
    message: details.message,
    doc_url: docUrl(details.code),
    charge: details.charge,
    payment_intent: details.paymentIntent,
    payment_method: details.paymentMethod,
  };
  if (details.declineCode) body.decline_code = details.declineCode;
  return new FakeStripeError(402, body);
}

export function internalError(cause: unknown): FakeStripeError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  // A fake that hides its own bug behind a generic 500 wastes the reader's time; say what broke.
  return new FakeStripeError(500, { type: 'api_error', message: `Fake Stripe failed: ${reason}` });
}

export function errorResponseBody(error: FakeStripeError): { error: StripeErrorBody } {
  return { error: error.body };
}
