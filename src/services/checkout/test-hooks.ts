/**
 * A seam for concurrency tests only (STYLE §10): races are forced with a pause between counting
 * and writing, released by a barrier, never with sleeps. Empty in production.
 */
export const checkoutTestHooks: { afterRecount?: (() => Promise<void>) | undefined } = {};
