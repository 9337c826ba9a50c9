import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listConferences } from '../../shared/api/conferences.ts';
import { listOrders } from '../api/orders.ts';
import { storefrontKeys } from '../api/query-keys.ts';
import { OrderList } from '../components/order-list.tsx';
import { Empty, ErrorNote, Loading } from '../../shared/components/status.tsx';
import { paths } from '../../shared/routes/paths.ts';
import { useSignedIn } from '../../shared/session/require-sign-in.tsx';

async function ordersByConference() {
  const conferences = await listConferences();
  const orders = await Promise.all(conferences.map((c) => listOrders(c.slug)));
  return conferences
    .map((conference, i) => ({ conference, orders: orders[i] ?? [] }))
    .filter((entry) => entry.orders.length > 0);
}

export function AccountPage() {
  const user = useSignedIn();
  const orders = useQuery({
    queryKey: storefrontKeys.accountOrders(user.id),
    queryFn: ordersByConference,
  });
  const name = `${user.firstName} ${user.lastName}`.trim();
  return (
    <section className="page">
      <h1>Your account</h1>
      <dl className="facts">
        {name && (
          <>
            <dt>Name</dt>
            <dd>{name}</dd>
          </>
        )}
        <dt>Email</dt>
        <dd>{user.email}</dd>
      </dl>
      <h2>Your orders</h2>
      <ErrorNote error={orders.error} onRetry={() => void orders.refetch()} />
      {orders.isPending && <Loading what="your orders" />}
      {orders.data?.length === 0 && (
        <Empty>
          <p>
            You have no orders yet. <Link to={paths.home()}>Find a conference</Link>
          </p>
        </Empty>
      )}
      {orders.data?.map(({ conference, orders: list }) => (
        <section key={conference.id} className="account-conference">
          <h3>{conference.name}</h3>
          <OrderList slug={conference.slug} orders={list} />
        </section>
      ))}
    </section>
  );
}
