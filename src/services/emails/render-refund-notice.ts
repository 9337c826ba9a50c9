import type { Database } from '../../db/client.ts';
import { formatMoney, money } from '../../domain/money.ts';
import { html } from './html.ts';
import { orderStatusLabel, oneLine } from './labels.ts';
import { layoutHtml, layoutText } from './layout.ts';
import { orderUrl } from './links.ts';
import { loadRefundNoticeView, type RefundNoticeView } from './queries.ts';
import type { EmailLinks, RenderedEmail } from './types.ts';

/**
 * MAIL-1/MAIL-2: tells the buyer a refund (REF-1, D4.6) went to their card or became store credit.
 * A refund that failed announces nothing, so it renders to null.
 */
export async function renderRefundNotice(
  db: Database,
  refundId: string,
  links: EmailLinks,
): Promise<RenderedEmail | null> {
  return composeRefundNotice(await loadRefundNoticeView(db, refundId), links);
}

function destinationSentence(view: RefundNoticeView): string {
  if (view.refund.destination === 'credit')
    return `It is now store credit with ${view.conference.name}, and your next order can use it.`;
  return 'It goes back to the card you paid with; refunds usually take 5–10 business days to appear.';
}

export function composeRefundNotice(
  view: RefundNoticeView,
  links: EmailLinks,
): RenderedEmail | null {
  const { conference, order, refund } = view;
  if (refund.status === 'failed') return null;
  const amount = formatMoney(money(refund.amount), order.currency);
  const url = orderUrl(links, conference.slug, order.reference);
  const cancelled = view.cancelledLines.map((l) => `${l.quantity} × ${l.description}`);
  const status = orderStatusLabel(order.status);
  const text = [
    `We refunded ${amount} for order ${order.reference}.`,
    destinationSentence(view),
    ...(refund.reason.trim() ? ['', `Reason: ${refund.reason.trim()}`] : []),
    ...(cancelled.length > 0 ? ['', 'Cancelled:', ...cancelled.map((c) => `  ${c}`)] : []),
    '',
    `Your order is now: ${status}`,
    '',
    'Questions? Reply to this email or contact the organisers.',
    `Your order: ${url}`,
  ];
  const body = html`<p>
      Order <strong>${order.reference}</strong>: refund of
      <strong style="color:#dc2626">${amount}</strong>
    </p>
    <p>${destinationSentence(view)}</p>
    ${refund.reason.trim() && html`<p><strong>Reason:</strong> ${refund.reason.trim()}</p>`}
    ${
      cancelled.length > 0 &&
      html`<p><strong>Cancelled</strong><br />${cancelled.map((c) => html`${c}<br />`)}</p>`
    }
    <p>Your order is now: <strong>${status}</strong></p>
    <p>Questions? Reply to this email or contact the organisers.</p>
    <p><a href="${url}" style="color:#2563eb">View your order</a></p>`;
  return {
    to: view.buyer.email,
    subject: oneLine(`Refund processed for order ${order.reference}`),
    text: layoutText(conference.name, text),
    html: layoutHtml({ conferenceName: conference.name, heading: 'Refund processed', body }),
    attachments: [],
  };
}
