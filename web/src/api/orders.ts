import { conferencePath } from './catalog.ts';
import { apiRequest } from './client.ts';
import type { CheckoutRequest, Credit, OrderDetail, OrderSummary } from './types.ts';

export const orderPath = (slug: string, reference: string) =>
  `${conferencePath(slug)}/orders/${encodeURIComponent(reference)}`;

/** The same key for a repeated submit returns the same order instead of a second one (D4.2). */
export function placeOrder(
  slug: string,
  request: CheckoutRequest,
  idempotencyKey: string,
): Promise<OrderDetail> {
  return apiRequest<OrderDetail>('POST', `${conferencePath(slug)}/checkout`, {
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export async function listOrders(slug: string): Promise<OrderSummary[]> {
  return (await apiRequest<{ orders: OrderSummary[] }>('GET', `${conferencePath(slug)}/orders`))
    .orders;
}

export function getOrder(slug: string, reference: string): Promise<OrderDetail> {
  return apiRequest<OrderDetail>('GET', orderPath(slug, reference));
}

export function cancelOrder(slug: string, reference: string): Promise<OrderDetail> {
  return apiRequest<OrderDetail>('POST', `${orderPath(slug, reference)}/cancel`);
}

export async function listCredits(slug: string): Promise<Credit[]> {
  return (await apiRequest<{ credits: Credit[] }>('GET', `${conferencePath(slug)}/credits`))
    .credits;
}

/** The access code's QR code, drawn by the server (an SVG image URL). */
export function accessQrUrl(slug: string, reference: string): string {
  return `${orderPath(slug, reference)}/access-qr.svg`;
}
