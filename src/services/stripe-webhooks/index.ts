export { webhookErrors } from './errors.ts';
export { processStoredEvent, storeStripeEvent, type ProcessResult } from './process-event.ts';
export { receiveStripeWebhook, type IncomingWebhook } from './receive.ts';
export { reconcileStripeEvents, replayStripeEvent, type ReconcileReport } from './replay.ts';
export { webhookTestHooks } from './test-hooks.ts';
