import { api, unwrap } from '../../shared/api/client.ts';
import type { CheckoutRequest, Credit, OrderDetail, OrderSummary } from './shapes.ts';

const orderParams = (slug: string, reference: string) => ({
  params: { path: { slug, reference } },
});

/** The same key for a repeated submit returns the same order instead of a second one (D4.2). */
export function placeOrder(
  slug: string,
  request: CheckoutRequest,
  idempotencyKey: string,
): Promise<OrderDetail> {
  return unwrap(
    api.POST('/api/v1/conferences/{slug}/checkout', {
      params: { path: { slug }, header: { 'idempotency-key': idempotencyKey } },
      body: request,
    }),
  );
}

export async function listOrders(slug: string): Promise<OrderSummary[]> {
  return (
    await unwrap(api.GET('/api/v1/conferences/{slug}/orders', { params: { path: { slug } } }))
  ).orders;
}

export function getOrder(slug: string, reference: string): Promise<OrderDetail> {
  return unwrap(
    api.GET('/api/v1/conferences/{slug}/orders/{reference}', orderParams(slug, reference)),
  );
}

export function cancelOrder(slug: string, reference: string): Promise<OrderDetail> {
  return unwrap(
    api.POST('/api/v1/conferences/{slug}/orders/{reference}/cancel', orderParams(slug, reference)),
  );
}

export async function listCredits(slug: string): Promise<Credit[]> {
  return (
    await unwrap(api.GET('/api/v1/conferences/{slug}/credits', { params: { path: { slug } } }))
  ).credits;
}

/** The access code's QR code, drawn by the server (an SVG image URL). */
export function accessQrUrl(slug: string, reference: string): string {
  const path = `/api/v1/conferences/${encodeURIComponent(slug)}/orders/${encodeURIComponent(reference)}`;
  return `${path}/access-qr.svg`;
}
