import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listOrders } from '../api/orders.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import { OrderList } from '../components/order-list.tsx';
import { Empty, ErrorNote, Loading } from '../../shared/components/status.tsx';
import { paths } from '../../shared/routes/paths.ts';
import { useSession } from '../../shared/session/session.tsx';
import { useConference } from './conference-layout.tsx';

export function OrdersPage() {
  const conference = useConference();
  const userId = useSession().me?.user.id ?? null;
  const orders = useQuery({
    queryKey: storefrontKeys.orders(userId, conference.slug),
    queryFn: () => listOrders(conference.slug),
  });
  return (
    <section className="page">
      <h1>My orders</h1>
      <ErrorNote error={orders.error} onRetry={() => void orders.refetch()} />
      {orders.isPending && <Loading what="your orders" />}
      {orders.data?.length === 0 && (
        <Empty>
          <p>You have not ordered anything for {conference.name} yet.</p>
          <p>
            <Link to={paths.conference(conference.slug)} className="button">
              See tickets
            </Link>
          </p>
        </Empty>
      )}
      {orders.data && orders.data.length > 0 && (
        <OrderList slug={conference.slug} orders={orders.data} />
      )}
    </section>
  );
}
