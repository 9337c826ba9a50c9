import { describe, expect, it } from 'vitest';
import {
  accessQrContent,
  composeOrderConfirmation,
  composePaymentFailed,
  composeRefundNotice,
  escapeHtml,
  html,
  type OrderConfirmationView,
  type OrderEmailHeader,
  type RefundNoticeView,
} from '../../src/services/emails/index.ts';

const links = { publicUrl: 'https://tickets.example.org/' };
const EVIL = `<script>alert("x")</script> & 'friends'`;

function header(overrides: Partial<OrderEmailHeader['order']> = {}): OrderEmailHeader {
  return {
    conference: { name: `PyCon <b>2027</b>`, slug: 'pycon-2027' },
    buyer: { email: 'ada@example.org', name: 'Ada' },
    order: {
      id: '6f1c0a43-5d0e-4c1b-9d5e-1f2a3b4c5d6e',
      reference: 'ORD-ABCD2345',
      status: 'paid',
      currency: 'USD',
      subtotal: 82_000,
      discountAmount: 12_000,
      total: 70_000,
      voucherCode: '',
      billingName: EVIL,
      billingEmail: 'billing@example.org',
      billingCompany: 'ACME & Sons',
      ...overrides,
    },
  };
}

function confirmation(overrides: Partial<OrderConfirmationView> = {}): OrderConfirmationView {
  return {
    ...header(),
    lines: [
      {
        description: `Individual "${EVIL}"`,
        quantity: 2,
        unitPrice: 40_000,
        conditionName: 'Early <bird>',
        conditionDiscount: 12_000,
        voucherDiscount: 0,
        lineTotal: 68_000,
      },
      {
        description: 'T-shirt',
        quantity: 1,
        unitPrice: 2_000,
        conditionName: '',
        conditionDiscount: 0,
        voucherDiscount: 0,
        lineTotal: 2_000,
      },
    ],
    payments: [{ method: 'stripe', amount: 70_000 }],
    accessCode: 'QRST6789',
    ...overrides,
  };
}

/** Every tag in the output must be one the template wrote, never one from the data. */
function expectNoInjectedMarkup(body: string): void {
  expect(body).not.toContain('<script');
  expect(body).not.toContain('<b>2027');
  expect(body).not.toContain('<bird>');
  expect(body).toContain(
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;',
  );
}

describe('html tag', () => {
  it('escapes interpolated strings and keeps nested html fragments', () => {
    const inner = html`<em>${'a < b'}</em>`;
    expect(
      html`<p title="${`"quoted"`}">${inner}${[inner, inner]}${null}${false}${3}</p>`.value,
    ).toBe(
      '<p title="&quot;quoted&quot;"><em>a &lt; b</em><em>a &lt; b</em><em>a &lt; b</em>3</p>',
    );
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('order confirmation (MAIL-1, MAIL-2)', () => {
  it('escapes every buyer- or organiser-provided string in the HTML', async () => {
    const email = await composeOrderConfirmation(confirmation(), links);
    expectNoInjectedMarkup(email.html);
    expect(email.html).toContain('PyCon &lt;b&gt;2027&lt;/b&gt;');
    expect(email.html).toContain('Early &lt;bird&gt;');
    expect(email.html).toContain('ACME &amp; Sons');
  });

  it('formats money in the order currency and shows subtotal and discount only when discounted', async () => {
    const email = await composeOrderConfirmation(confirmation(), links);
    for (const shown of ['$400.00', '$680.00', '$820.00', '−$120.00', '$700.00', '$20.00'])
      expect(email.text).toContain(shown);
    expect(email.html).toContain('$820.00');
    const plain = await composeOrderConfirmation(
      {
        ...confirmation(),
        ...header({ discountAmount: 0, subtotal: 70_000 }),
      },
      links,
    );
    expect(plain.text).not.toContain('Subtotal');
    expect(plain.html).not.toContain('Subtotal');
  });

  it('D1.1 zero-decimal currencies show no minor unit', async () => {
    const view = confirmation({
      ...header({ currency: 'JPY', subtotal: 5_000, discountAmount: 0, total: 5_000 }),
      lines: [
        {
          description: 'Ticket',
          quantity: 1,
          unitPrice: 5_000,
          conditionName: '',
          conditionDiscount: 0,
          voucherDiscount: 0,
          lineTotal: 5_000,
        },
      ],
      payments: [],
    });
    const email = await composeOrderConfirmation(view, links);
    expect(email.text).toContain('Total: ¥5,000');
    expect(email.text).not.toContain('¥50.00');
  });

  it('D1.3 attaches the access code as an inline PNG the HTML shows by cid, and links the order', async () => {
    const email = await composeOrderConfirmation(confirmation(), links);
    expect(email.subject).toBe('Your order ORD-ABCD2345 for PyCon <b>2027</b>');
    expect(email.to).toBe('ada@example.org');
    const [qr] = email.attachments;
    expect(qr).toMatchObject({ contentType: 'image/png', cid: 'access-code-QRST6789@lanyard' });
    expect(qr?.content.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(email.html).toContain('src="cid:access-code-QRST6789@lanyard"');
    expect(accessQrContent('pycon-2027', 'QRST6789')).toBe('pycon-2027:QRST6789');
    const url = 'https://tickets.example.org/conferences/pycon-2027/orders/ORD-ABCD2345';
    expect(email.text).toContain(url);
    expect(email.html).toContain(`href="${url}"`);
  });

  it('without an active attendee there is no code and no image', async () => {
    const email = await composeOrderConfirmation(confirmation({ accessCode: null }), links);
    expect(email.attachments).toEqual([]);
    expect(email.html).not.toContain('cid:');
  });

  it('keeps a newline in a conference name out of the subject header', async () => {
    const view = confirmation();
    view.conference = { ...view.conference, name: 'Evil\r\nBcc: victim@example.org' };
    const email = await composeOrderConfirmation(view, links);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe('refund notice (MAIL-1, D4.6)', () => {
  function refund(overrides: Partial<RefundNoticeView['refund']> = {}): RefundNoticeView {
    return {
      ...header({ status: 'partially_refunded' }),
      refund: {
        id: 'b8e0f7b4-7a3a-4a47-9d93-2f1f3f0c9a11',
        amount: 40_000,
        destination: 'card',
        status: 'succeeded',
        reason: `Can't come <i>sorry</i>`,
        ...overrides,
      },
      cancelledLines: [{ description: `Individual ${EVIL}`, quantity: 1 }],
    };
  }

  it('says how much, where it went, which lines were cancelled and the new order status', () => {
    const email = composeRefundNotice(refund(), links);
    expect(email?.subject).toBe('Refund processed for order ORD-ABCD2345');
    expect(email?.text).toContain('$400.00');
    expect(email?.text).toContain('card you paid with');
    expect(email?.text).toContain(`1 × Individual ${EVIL}`);
    expect(email?.text).toContain('Partially refunded');
    expectNoInjectedMarkup(email?.html ?? '');
    expect(email?.html).toContain('Can&#39;t come &lt;i&gt;sorry&lt;/i&gt;');
  });

  it('store credit says so; a failed refund sends nothing', () => {
    expect(composeRefundNotice(refund({ destination: 'credit' }), links)?.text).toContain(
      'store credit',
    );
    expect(composeRefundNotice(refund({ status: 'failed' }), links)).toBeNull();
  });
});

describe('payment failed (HOOK-11)', () => {
  it('shows the order, the escaped failure message and a link to pay again', () => {
    const email = composePaymentFailed(
      header({ status: 'pending', currency: 'EUR', total: 12_345 }),
      `Your card was declined <img src=x onerror=alert(1)>`,
      links,
    );
    expect(email?.text).toContain('€123.45');
    expect(email?.text).toContain('ORD-ABCD2345');
    expect(email?.html).not.toContain('<img src=x');
    expect(email?.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email?.html).toContain(
      'href="https://tickets.example.org/conferences/pycon-2027/orders/ORD-ABCD2345"',
    );
  });

  it('sends nothing once the order is no longer waiting for payment', () => {
    expect(composePaymentFailed(header({ status: 'paid' }), 'declined', links)).toBeNull();
  });
});
