import { invalidParam } from '../errors.ts';
import { listEvents, type CreatedRange } from '../events/list.ts';
import { toList } from '../objects/render.ts';
import {
  assertKnownParams,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  type Params,
} from '../params.ts';
import { getEventOrThrow } from '../store.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

const LIST_PARAMS = [
  'created',
  'type',
  'types',
  'limit',
  'starting_after',
  'ending_before',
  'delivery_success',
  'expand',
];
const MAX_LIMIT = 100;

/** `created` is either an exact second or a range `created[gte]=…&created[lt]=…`. */
function readCreated(params: Params): CreatedRange {
  const range = optionalObject(params, 'created');
  if (!range) {
    const exact = optionalInteger(params, 'created');
    return exact === undefined ? {} : { gte: exact, lte: exact };
  }
  assertKnownParams(range, ['gt', 'gte', 'lt', 'lte'], 'created');
  const read = (bound: keyof CreatedRange) => optionalInteger(range, bound, `created[${bound}]`);
  const [gt, gte, lt, lte] = [read('gt'), read('gte'), read('lt'), read('lte')];
  return {
    ...(gt !== undefined ? { gt } : {}),
    ...(gte !== undefined ? { gte } : {}),
    ...(lt !== undefined ? { lt } : {}),
    ...(lte !== undefined ? { lte } : {}),
  };
}

function readLimit(params: Params): number {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > MAX_LIMIT) {
    throw invalidParam(
      `Invalid limit: must be between 1 and ${MAX_LIMIT}`,
      'limit',
      'parameter_invalid_integer',
    );
  }
  return limit;
}

function list(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, LIST_PARAMS);
  const type = optionalString(params, 'type');
  const types = optionalStringList(params, 'types') ?? [];
  if (type !== undefined && types.length > 0) {
    throw invalidParam('You may only specify one of these parameters: type, types.', 'types');
  }
  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  const page = listEvents(ctx.account.store, {
    created: readCreated(params),
    types: type !== undefined ? [type] : types,
    limit: readLimit(params),
    ...(startingAfter ? { startingAfter } : {}),
    ...(endingBefore ? { endingBefore } : {}),
  });
  return toList(page.data, '/v1/events', page.hasMore);
}

function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['expand']);
  return getEventOrThrow(ctx.account.store, pathParam(ctx, 'id'), { param: 'id' });
}

export const eventRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/v1/events', run: list },
  { method: 'GET', pattern: '/v1/events/:id', run: retrieve },
];
