/** Test-only seam: lets a test make one handler run fail, to prove redelivery recovers (D4.7). */
export const webhookTestHooks: {
  beforeHandle?: ((eventType: string, eventId: string) => void | Promise<void>) | undefined;
} = {};
