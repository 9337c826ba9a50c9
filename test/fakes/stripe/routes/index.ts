import { chargeRoutes } from './charges.ts';
import { customerRoutes } from './customers.ts';
import { eventRoutes } from './events.ts';
import { paymentIntentRoutes } from './payment-intents.ts';
import { refundRoutes } from './refunds.ts';
import type { Route } from './route.ts';

export const ROUTES: readonly Route[] = [
  ...customerRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...eventRoutes,
];
