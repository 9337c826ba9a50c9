import type { Database } from '../../db/client.ts';
import { formatMoney, money } from '../../domain/money.ts';
import { accessQrAttachment } from './access-qr.ts';
import { html, type SafeHtml } from './html.ts';
import { orderStatusLabel, oneLine, paymentMethodLabel } from './labels.ts';
import { CELL, CELL_RIGHT, layoutHtml, layoutText } from './layout.ts';
import { orderUrl } from './links.ts';
import {
  loadOrderConfirmationView,
  type EmailOrderLine,
  type OrderConfirmationView,
} from './queries.ts';
import type { EmailLinks, RenderedEmail } from './types.ts';

/** MAIL-1/MAIL-2: the confirmation sent once an order is paid (D4.4). */
export async function renderOrderConfirmation(
  db: Database,
  orderId: string,
  links: EmailLinks,
): Promise<RenderedEmail> {
  return composeOrderConfirmation(await loadOrderConfirmationView(db, orderId), links);
}

export async function composeOrderConfirmation(
  view: OrderConfirmationView,
  links: EmailLinks,
): Promise<RenderedEmail> {
  const { conference, order } = view;
  const fmt = (amount: number) => formatMoney(money(amount), order.currency);
  const url = orderUrl(links, conference.slug, order.reference);
  const qr = view.accessCode ? await accessQrAttachment(conference.slug, view.accessCode) : null;
  const heading = 'Thank you for your order';
  return {
    to: view.buyer.email,
    subject: oneLine(`Your order ${order.reference} for ${conference.name}`),
    text: layoutText(conference.name, confirmationText(view, fmt, url)),
    html: layoutHtml({
      conferenceName: conference.name,
      heading,
      body: confirmationHtml(view, fmt, url, qr?.cid ?? null),
    }),
    attachments: qr ? [qr] : [],
  };
}

type Fmt = (amount: number) => string;

function discountNotes(line: EmailOrderLine, voucherCode: string, fmt: Fmt): string[] {
  const notes: string[] = [];
  if (line.conditionDiscount > 0)
    notes.push(`${line.conditionName || 'Discount'}: −${fmt(line.conditionDiscount)}`);
  if (line.voucherDiscount > 0)
    notes.push(
      `${voucherCode ? `Voucher ${voucherCode}` : 'Voucher'}: −${fmt(line.voucherDiscount)}`,
    );
  return notes;
}

function confirmationText(view: OrderConfirmationView, fmt: Fmt, url: string): string[] {
  const { order } = view;
  const lines = view.lines.flatMap((line) => [
    `${line.quantity} × ${line.description} at ${fmt(line.unitPrice)}: ${fmt(line.lineTotal)}`,
    ...discountNotes(line, order.voucherCode, fmt).map((note) => `    ${note}`),
  ]);
  const totals =
    order.discountAmount > 0
      ? [`Subtotal: ${fmt(order.subtotal)}`, `Discount: −${fmt(order.discountAmount)}`]
      : [];
  return [
    'Thank you for your order. It is confirmed.',
    '',
    `Order reference: ${order.reference}`,
    `Status: ${orderStatusLabel(order.status)}`,
    '',
    ...lines,
    '',
    ...totals,
    `Total: ${fmt(order.total)}`,
    ...(view.payments.length > 0
      ? [
          '',
          'Payments:',
          ...view.payments.map((p) => `  ${paymentMethodLabel(p.method)}: ${fmt(p.amount)}`),
        ]
      : []),
    ...(view.accessCode
      ? [
          '',
          `Your access code: ${view.accessCode}`,
          'Show it at the door; the HTML version of this email has it as a QR code.',
        ]
      : []),
    ...(billedTo(view).length > 0 ? ['', `Billed to: ${billedTo(view).join(', ')}`] : []),
    '',
    `Your order: ${url}`,
  ];
}

function billedTo(view: OrderConfirmationView): string[] {
  const { billingName, billingCompany, billingEmail } = view.order;
  return [billingName, billingCompany, billingEmail].filter((part) => part.trim() !== '');
}

function lineRowsHtml(view: OrderConfirmationView, fmt: Fmt): SafeHtml[] {
  return view.lines.map((line) => {
    const notes = discountNotes(line, view.order.voucherCode, fmt);
    return html`<tr>
      <td style="${CELL}">
        ${line.description}${notes.map((n) => html`<br /><small style="color:#16a34a">${n}</small>`)}
      </td>
      <td style="${CELL_RIGHT}">${line.quantity}</td>
      <td style="${CELL_RIGHT}">${fmt(line.unitPrice)}</td>
      <td style="${CELL_RIGHT}">${fmt(line.lineTotal)}</td>
    </tr>`;
  });
}

function totalRowsHtml(view: OrderConfirmationView, fmt: Fmt): SafeHtml {
  const { order } = view;
  const row = (label: string, value: string, bold = false) =>
    html`<tr>
      <td colspan="3" style="${CELL_RIGHT}">${label}</td>
      <td style="${CELL_RIGHT}${bold ? ';font-weight:bold' : ''}">${value}</td>
    </tr>`;
  return html`${order.discountAmount > 0 && [row('Subtotal', fmt(order.subtotal)), row('Discount', `−${fmt(order.discountAmount)}`)]}${row('Total', fmt(order.total), true)}`;
}

function confirmationHtml(
  view: OrderConfirmationView,
  fmt: Fmt,
  url: string,
  qrCid: string | null,
): SafeHtml {
  const { order } = view;
  const billing = billedTo(view);
  return html`<p>Your order is confirmed.</p>
    <p style="font-size:18px">
      Order reference:
      <strong style="background:#fef9c3;padding:2px 6px">${order.reference}</strong> <br /><small
        >Status: ${orderStatusLabel(order.status)}</small
      >
    </p>
    <table role="presentation" style="width:100%;border-collapse:collapse;font-size:14px">
      <tr>
        <th style="${CELL}">Item</th>
        <th style="${CELL_RIGHT}">Qty</th>
        <th style="${CELL_RIGHT}">Unit price</th>
        <th style="${CELL_RIGHT}">Total</th>
      </tr>
      ${lineRowsHtml(view, fmt)} ${totalRowsHtml(view, fmt)}
    </table>
    ${view.payments.length > 0 && html`<p><strong>Payments</strong><br />${view.payments.map((p) => html`${paymentMethodLabel(p.method)}: ${fmt(p.amount)}<br />`)}</p>`}
    ${
      view.accessCode &&
      html`<div
        style="text-align:center;margin:24px 0;padding:16px;border:1px solid #e4e4e7;border-radius:8px"
      >
        <p style="margin:0 0 8px">Your access code</p>
        <p style="font-size:24px;font-family:monospace;letter-spacing:0.2em;margin:0 0 12px">
          <strong>${view.accessCode}</strong>
        </p>
        ${qrCid && html`<img src="cid:${qrCid}" alt="QR code for access code ${view.accessCode}" width="200" height="200" />`}
        <p style="margin:8px 0 0;font-size:13px;color:#52525b">Show this code at the door.</p>
      </div>`
    }
    ${billing.length > 0 && html`<p><strong>Billed to</strong><br />${billing.map((part) => html`${part}<br />`)}</p>`}
    <p><a href="${url}" style="color:#2563eb">View your order</a></p>`;
}
