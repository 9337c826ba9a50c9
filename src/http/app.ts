import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { createConsumptionKernel } from '../services/inventory/index.ts';
import type { AppDeps } from './deps.ts';
import { abusePlugin } from './plugins/abuse.ts';
import { accessPlugin } from './plugins/access.ts';
import { admissionPlugin } from './plugins/admission.ts';
import { authPlugin } from './plugins/auth.ts';
import { loggerConfig, type LoggerOptions } from './logging.ts';
import { errorsPlugin, replyToFrameworkError } from './plugins/errors.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { inputGuardPlugin } from './plugins/input-guard.ts';
import { accessQrRoutes } from './routes/access-qr.ts';
import { accountRoutes } from './routes/accounts.ts';
import { cartRoutes } from './routes/cart.ts';
import { conferenceQuestionRoutes } from './routes/conference-questions.ts';
import { conferenceRoutes } from './routes/conferences.ts';
import { healthRoutes } from './routes/health.ts';
import { manageAddonRoutes } from './routes/manage-addons.ts';
import { manageDiscountRoutes } from './routes/manage-discounts.ts';
import { manageTicketTypeRoutes } from './routes/manage-ticket-types.ts';
import { manageVoucherBatchRoutes } from './routes/manage-voucher-batches.ts';
import { manageVoucherRoutes } from './routes/manage-vouchers.ts';
import { manageAccessRoutes } from './routes/manage-access.ts';
import { manageGroupRoutes } from './routes/manage-groups.ts';
import { managePaymentRoutes } from './routes/manage-payments.ts';
import { orderRoutes } from './routes/orders.ts';
import { paymentRoutes } from './routes/payments.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhooks.ts';
import { testStripeRoutes } from './routes/test-stripe.ts';
import { webAppRoutes } from './routes/web-app.ts';

/** Cart and checkout: what a sale opening floods. */
const SHOPPING_ROUTE = /^\/api\/v1\/conferences\/[^/]+\/(cart|checkout)/;

export interface BuildAppOptions {
  logger?: LoggerOptions | false;
}

/** Builds the HTTP app without listening (tests use `inject`, the CLI calls `listen`). */
export async function buildApp(
  given: Omit<AppDeps, 'kernel'> & Partial<Pick<AppDeps, 'kernel'>>,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  // The composition root of the consumption kernel: one per database handle, unless given.
  const deps: AppDeps = {
    ...given,
    kernel:
      given.kernel ??
      createConsumptionKernel(given.db, {
        batchSize: given.config.CHECKOUT_BATCH_SIZE,
        inFlightPerKey: given.config.CHECKOUT_IN_FLIGHT_PER_KEY,
        localQueue: given.config.CHECKOUT_LOCAL_QUEUE,
      }),
  };
  const app = Fastify({
    logger: loggerConfig(options.logger ?? false),
    bodyLimit: 1_048_576,
    requestIdHeader: 'x-request-id',
    frameworkErrors: replyToFrameworkError,
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(inputGuardPlugin);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Lanyard API',
        description: 'Conference registration and ticketing',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(admissionPlugin, {
    limit: deps.config.ADMISSION_LIMIT || deps.config.DATABASE_POOL_SIZE * 2,
    maxWaitMs: deps.config.ADMISSION_MAX_WAIT_MS,
    classify: (request) => {
      const match = SHOPPING_ROUTE.exec(request.url);
      return match ? (match[1] === 'checkout' ? 'high' : 'normal') : null;
    },
  });
  await app.register(authPlugin);
  await app.register(abusePlugin);
  await app.register(accessPlugin);

  await app.register(healthRoutes);
  await app.register(accountRoutes);
  await app.register(conferenceRoutes);
  await app.register(conferenceQuestionRoutes);
  await app.register(cartRoutes);
  await app.register(orderRoutes);
  await app.register(accessQrRoutes);
  await app.register(manageTicketTypeRoutes);
  await app.register(manageAddonRoutes);
  await app.register(manageVoucherRoutes);
  await app.register(manageVoucherBatchRoutes);
  await app.register(manageDiscountRoutes);
  await app.register(paymentRoutes);
  await app.register(managePaymentRoutes);
  await app.register(manageAccessRoutes);
  await app.register(manageGroupRoutes);
  await app.register(stripeWebhookRoutes);
  if (deps.stripeStandIn) await app.register(testStripeRoutes(deps.stripeStandIn));
  await app.register(webAppRoutes);
  return app;
}
