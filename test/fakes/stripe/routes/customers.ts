import { expandFields } from '../objects/expand.ts';
import { createCustomer } from '../operations/customers.ts';
import {
  applyMetadata,
  assertKnownParams,
  expandList,
  optionalMetadata,
  optionalNullableString,
} from '../params.ts';
import { getCustomerOrThrow } from '../store.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

const CREATE_PARAMS = ['email', 'name', 'description', 'phone', 'metadata', 'expand'];

function create(ctx: RouteContext): object {
  const { params } = ctx;
  assertKnownParams(params, CREATE_PARAMS);
  const customer = createCustomer(ctx, {
    email: optionalNullableString(params, 'email') ?? null,
    name: optionalNullableString(params, 'name') ?? null,
    description: optionalNullableString(params, 'description') ?? null,
    phone: optionalNullableString(params, 'phone') ?? null,
    metadata: applyMetadata({}, optionalMetadata(params)),
  });
  return expandFields(ctx.account.store, customer, expandList(params));
}

function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['expand']);
  const customer = getCustomerOrThrow(ctx.account.store, pathParam(ctx, 'id'), { param: 'id' });
  return expandFields(ctx.account.store, customer, expandList(ctx.params));
}

export const customerRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/v1/customers', run: create },
  { method: 'GET', pattern: '/v1/customers/:id', run: retrieve },
];
