import { expandFields } from '../objects/expand.ts';
import { renderCharge, renderChargeWithRefunds } from '../objects/render.ts';
import { assertKnownParams, expandList } from '../params.ts';
import { getChargeOrThrow } from '../store.ts';
import { pathParam, type Route, type RouteContext } from './route.ts';

/** `expand[]=refunds` is the only way to see a charge's refunds on it (API 2022-11-15). */
function retrieve(ctx: RouteContext): object {
  assertKnownParams(ctx.params, ['expand']);
  const { store } = ctx.account;
  const charge = getChargeOrThrow(store, pathParam(ctx, 'id'), { param: 'id' });
  const expand = expandList(ctx.params);
  const rendered = expand.includes('refunds')
    ? renderChargeWithRefunds(store, charge)
    : renderCharge(charge);
  return expandFields(
    store,
    rendered,
    expand.filter((field) => field !== 'refunds'),
  );
}

export const chargeRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/v1/charges/:id', run: retrieve },
];
