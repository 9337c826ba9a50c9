import { expandFields } from '../objects/expand.ts';
import { renderCharge } from '../objects/render.ts';
import { assertKnownParams, expandList } from '../params.ts';
import { getChargeOrThrow } from '../store.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['expand']);
  const { store } = ctx.account;
  const charge = getChargeOrThrow(store, pathParam(ctx, 'id'), { param: 'id' });
  return expandFields(store, renderCharge(store, charge), expandList(ctx.params));
}

export const chargeRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/v1/charges/:id', run: retrieve },
];
