import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { accessQrUrl, cancelOrder } from '../api/orders.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import type { OrderDetail } from '../api/shapes.ts';
import { ExpiryNote } from '../components/cart-expiry.tsx';
import { OrderStatusBadge } from '../components/order-list.tsx';
import { Empty, ErrorNote, Loading, Notice } from '../../shared/components/status.tsx';
import { formatDateTime } from '../../shared/format/dates.ts';
import { formatMoney } from '../../shared/format/money.ts';
import {
  paymentMethodWords,
  paymentStatusWords,
  refundStatusWords,
} from '../../shared/format/labels.ts';
import { useAction } from '../../shared/hooks/use-action.ts';
import { useBuyerOrder } from '../hooks/use-buyer-order.ts';
import { paths } from '../../shared/routes/paths.ts';
import { useSignedIn } from '../../shared/session/require-sign-in.tsx';
import { useConference } from './conference-layout.tsx';

function AccessCode({ slug, order }: { slug: string; order: OrderDetail }) {
  if (!order.accessCode) return null;
  return (
    <section className="card access" aria-labelledby="access-title">
      <h2 id="access-title">Your ticket for the door</h2>
      <img
        src={accessQrUrl(slug, order.reference)}
        width={220}
        height={220}
        alt={`QR code for access code ${order.accessCode}`}
        className="qr"
      />
      <p>
        Access code{' '}
        <strong className="access-code" data-testid="access-code">
          {order.accessCode}
        </strong>
      </p>
      <p className="muted">Show the QR code or say the access code at registration.</p>
    </section>
  );
}

interface CancelOrderProps {
  slug: string;
  order: OrderDetail;
  onCancelled: (order: OrderDetail) => void;
}

function CancelOrder({ slug, order, onCancelled }: CancelOrderProps) {
  const [asking, setAsking] = useState(false);
  const action = useAction();
  if (!asking)
    return (
      <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
        Cancel order
      </button>
    );
  return (
    <div className="confirm-box" role="group" aria-labelledby="cancel-question">
      <p id="cancel-question">
        Cancel order {order.reference}? The tickets are released and you cannot undo this.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          disabled={action.pending}
          onClick={() =>
            void action.run(async () => onCancelled(await cancelOrder(slug, order.reference)))
          }
        >
          {action.pending ? 'Cancelling…' : 'Yes, cancel the order'}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
          Keep the order
        </button>
      </div>
      <ErrorNote error={action.error} />
    </div>
  );
}

function OrderLines({ order }: { order: OrderDetail }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const automaticDiscount = order.lines.reduce((sum, line) => sum + line.conditionDiscount, 0);
  const voucherDiscount = order.lines.reduce((sum, line) => sum + line.voucherDiscount, 0);
  return (
    <div className="table-scroll">
      <table className="lines-table">
        <caption className="visually-hidden">Items in order {order.reference}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Discounts</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">{line.description}</th>
              <td>
                {line.quantity}
                {line.cancelledQuantity > 0 && (
                  <span className="muted"> ({line.cancelledQuantity} cancelled)</span>
                )}
              </td>
              <td>{money(line.unitPrice)}</td>
              <td>
                {line.conditionDiscount > 0 && (
                  <span className="discount-line">
                    {line.conditionName}: −{money(line.conditionDiscount)}
                  </span>
                )}
                {line.voucherDiscount > 0 && (
                  <span className="discount-line">
                    Voucher {order.voucherCode}: −{money(line.voucherDiscount)}
                  </span>
                )}
                {line.conditionDiscount === 0 && line.voucherDiscount === 0 && '—'}
              </td>
              <td>{money(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="breakdown">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(order.subtotal)}</dd>
        </div>
        {automaticDiscount > 0 && (
          <div>
            <dt>Automatic discounts</dt>
            <dd>−{money(automaticDiscount)}</dd>
          </div>
        )}
        {voucherDiscount > 0 && (
          <div>
            <dt>Voucher {order.voucherCode}</dt>
            <dd>−{money(voucherDiscount)}</dd>
          </div>
        )}
        <div className="breakdown-total">
          <dt>Total</dt>
          <dd>{money(order.total)}</dd>
        </div>
      </dl>
    </div>
  );
}

function MoneyMovements({ order }: { order: OrderDetail }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <>
      <h2>Payments</h2>
      {order.payments.length === 0 ? (
        <p className="muted">No payments yet.</p>
      ) : (
        <ul className="movements">
          {order.payments.map((p) => (
            <li key={p.id}>
              {paymentMethodWords(p.method)} · {money(p.amount)} · {paymentStatusWords(p.status)} ·{' '}
              <span className="muted">{formatDateTime(p.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {order.refunds.length > 0 && (
        <>
          <h2>Refunds</h2>
          <ul className="movements">
            {order.refunds.map((r) => (
              <li key={r.id}>
                {money(r.amount)} to {r.destination === 'card' ? 'your card' : 'store credit'} ·{' '}
                {refundStatusWords(r.status)}
                {r.reason ? ` · ${r.reason}` : ''} ·{' '}
                <span className="muted">{formatDateTime(r.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function OrderView({
  slug,
  order,
  onChange,
}: {
  slug: string;
  order: OrderDetail;
  onChange: (o: OrderDetail) => void;
}) {
  const [search] = useSearchParams();
  const justConfirmed = search.get('confirmed') === '1';
  return (
    <>
      {justConfirmed && order.status === 'paid' && (
        <Notice tone="success">
          <strong>Thank you — your order is confirmed.</strong> A confirmation email is on its way
          to {order.billingEmail}.
        </Notice>
      )}
      <p className="order-meta">
        <OrderStatusBadge status={order.status} />{' '}
        <span className="muted">Placed {formatDateTime(order.createdAt)}</span>
        {order.paidAt && <span className="muted"> · Paid {formatDateTime(order.paidAt)}</span>}
      </p>
      {order.status === 'pending' && (
        <div className="note note-info">
          <p>This order is awaiting payment.</p>
          {order.holdExpiresAt && (
            <ExpiryNote expiresAt={order.holdExpiresAt} what="your tickets" />
          )}
          <div className="actions">
            <Link to={paths.pay(slug, order.reference)} className="button">
              Pay now
            </Link>
            {order.cancellable && <CancelOrder slug={slug} order={order} onCancelled={onChange} />}
          </div>
          {!order.cancellable && (
            <p className="muted">
              A payment was received for this order. To cancel it, please contact the organiser.
            </p>
          )}
        </div>
      )}
      {order.status === 'cancelled' && (
        <Notice>This order is cancelled. Nothing is owed and its tickets were released.</Notice>
      )}
      <AccessCode slug={slug} order={order} />
      <h2>Items</h2>
      <OrderLines order={order} />
      <MoneyMovements order={order} />
      <h2>Billing</h2>
      <p>
        {order.billingName}
        {order.billingCompany ? `, ${order.billingCompany}` : ''}
        <br />
        {order.billingEmail}
      </p>
    </>
  );
}

export function OrderPage() {
  const { slug } = useConference();
  const reference = useParams()['reference'] ?? '';
  const user = useSignedIn();
  const queryClient = useQueryClient();
  const order = useBuyerOrder(slug, reference);
  // A cancelled order released its tickets and changed the buyer's order lists.
  const onChange = (changed: OrderDetail) => {
    queryClient.setQueryData(storefrontKeys.order(user.id, slug, reference), changed);
    for (const key of [
      storefrontKeys.orders(user.id, slug),
      storefrontKeys.accountOrders(user.id),
      storefrontKeys.allTicketTypes(user.id, slug),
    ])
      void queryClient.invalidateQueries({ queryKey: key });
  };
  return (
    <section className="page">
      <h1>Order {reference}</h1>
      <ErrorNote
        error={order.error}
        onRetry={order.error?.status === 404 ? undefined : () => void order.refetch()}
      />
      {!order.data && !order.error && <Loading what="your order" />}
      {order.data && <OrderView slug={slug} order={order.data} onChange={onChange} />}
      {order.error?.status === 404 && (
        <Empty>
          <p>Orders are only shown to the account that placed them.</p>
        </Empty>
      )}
      <p>
        <Link to={paths.orders(slug)}>All my orders</Link>
      </p>
    </section>
  );
}
