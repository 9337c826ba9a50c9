import { invalidParam } from '../errors.ts';
import { expandFields } from '../objects/expand.ts';
import { toList } from '../objects/render.ts';
import { createRefund } from '../operations/refunds.ts';
import {
  applyMetadata,
  assertKnownParams,
  expandList,
  optionalEnum,
  optionalInteger,
  optionalMetadata,
  optionalPositiveInteger,
  optionalString,
} from '../params.ts';
import { getRefundOrThrow } from '../store.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

const CREATE_PARAMS = [
  'payment_intent',
  'charge',
  'amount',
  'reason',
  'metadata',
  'instructions_email',
  'expand',
];

function create(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, CREATE_PARAMS);
  const paymentIntent = optionalString(params, 'payment_intent');
  const charge = optionalString(params, 'charge');
  const amount = optionalPositiveInteger(params, 'amount');
  const refund = createRefund(ctx, {
    ...(paymentIntent ? { paymentIntent } : {}),
    ...(charge ? { charge } : {}),
    ...(amount !== undefined ? { amount } : {}),
    reason:
      optionalEnum(params, 'reason', [
        'duplicate',
        'fraudulent',
        'requested_by_customer',
      ] as const) ?? null,
    metadata: applyMetadata({}, optionalMetadata(params)),
  });
  return expandFields(ctx.account.store, refund, expandList(params));
}

function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['expand']);
  const refund = getRefundOrThrow(ctx.account.store, pathParam(ctx, 'id'), { param: 'id' });
  return expandFields(ctx.account.store, refund, expandList(ctx.params));
}

/**
 * `GET /v1/refunds?charge=…`: how a `charge.refunded` handler learns which refunds the charge has
 * since the charge stopped carrying them (API 2022-11-15). Newest first; `starting_after` pages.
 */
function list(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, ['charge', 'payment_intent', 'limit', 'starting_after', 'expand']);
  const charge = optionalString(params, 'charge');
  const paymentIntent = optionalString(params, 'payment_intent');
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidParam(
      'Invalid limit: must be between 1 and 100',
      'limit',
      'parameter_invalid_integer',
    );
  }
  const { store } = ctx.account;
  const newestFirst = [...store.refunds.values()]
    .filter((refund) => charge === undefined || refund.charge === charge)
    .filter((refund) => paymentIntent === undefined || refund.payment_intent === paymentIntent)
    .reverse();
  const startingAfter = optionalString(params, 'starting_after');
  let from = 0;
  if (startingAfter !== undefined) {
    getRefundOrThrow(store, startingAfter, { param: 'starting_after', status: 400 });
    from = newestFirst.findIndex((refund) => refund.id === startingAfter) + 1;
  }
  const rest = newestFirst.slice(from);
  return toList(structuredClone(rest.slice(0, limit)), '/v1/refunds', rest.length > limit);
}

export const refundRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/v1/refunds', run: list },
  { method: 'POST', pattern: '/v1/refunds', run: create },
  { method: 'GET', pattern: '/v1/refunds/:id', run: retrieve },
];
