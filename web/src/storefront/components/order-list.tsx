import type { OrderSummary } from '../api/shapes.ts';
import { formatDateTime } from '../../shared/format/dates.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { ORDER_STATUS_WORDS } from '../../shared/format/labels.ts';
import { paths } from '../../shared/routes/paths.ts';
import { Link } from 'react-router';

export function OrderStatusBadge({ status }: { status: OrderSummary['status'] }) {
  return <span className={`badge badge-${status}`}>{ORDER_STATUS_WORDS[status]}</span>;
}

export function OrderList({ slug, orders }: { slug: string; orders: readonly OrderSummary[] }) {
  return (
    <ul className="order-list">
      {orders.map((order) => (
        <li key={order.id} className="order-row">
          <Link to={paths.order(slug, order.reference)} className="order-reference">
            Order {order.reference}
          </Link>
          <span className="muted">{formatDateTime(order.createdAt)}</span>
          <OrderStatusBadge status={order.status} />
          <span className="amount">{formatMoney(order.total, order.currency)}</span>
        </li>
      ))}
    </ul>
  );
}
