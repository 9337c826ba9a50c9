import type { Database } from '../../db/client.ts';
import { formatMoney, money } from '../../domain/money.ts';
import { html } from './html.ts';
import { oneLine } from './labels.ts';
import { layoutHtml, layoutText } from './layout.ts';
import { orderUrl } from './links.ts';
import { loadOrderHeader, type OrderEmailHeader } from './queries.ts';
import type { EmailLinks, RenderedEmail } from './types.ts';

/**
 * HOOK-11: a card payment failed and the order still waits for money. Once the order is paid or
 * cancelled the news is stale, so it renders to null and nothing is sent.
 */
export async function renderPaymentFailed(
  db: Database,
  input: { orderId: string; message: string },
  links: EmailLinks,
): Promise<RenderedEmail | null> {
  return composePaymentFailed(await loadOrderHeader(db, input.orderId), input.message, links);
}

export function composePaymentFailed(
  view: OrderEmailHeader,
  message: string,
  links: EmailLinks,
): RenderedEmail | null {
  const { conference, order } = view;
  if (order.status !== 'pending') return null;
  const total = formatMoney(money(order.total), order.currency);
  const url = orderUrl(links, conference.slug, order.reference);
  const reason = message.trim() || 'The payment was declined.';
  const text = [
    `The payment of ${total} for order ${order.reference} did not go through.`,
    '',
    `What the card issuer said: ${reason}`,
    '',
    'Your order is still waiting for payment. You can try again with the same or another card:',
    url,
  ];
  const body = html`<p>
      The payment of <strong>${total}</strong> for order <strong>${order.reference}</strong> did not
      go through.
    </p>
    <p style="padding:12px;background:#fef2f2;border-radius:6px">${reason}</p>
    <p>Your order is still waiting for payment. You can try again with the same or another card.</p>
    <p>
      <a
        href="${url}"
        style="display:inline-block;padding:10px 18px;background:#2563eb;color:#ffffff;border-radius:6px;text-decoration:none"
        >Try the payment again</a
      >
    </p>`;
  return {
    to: view.buyer.email,
    subject: oneLine(`Payment for order ${order.reference} did not go through`),
    text: layoutText(conference.name, text),
    html: layoutHtml({ conferenceName: conference.name, heading: 'Payment failed', body }),
    attachments: [],
  };
}
