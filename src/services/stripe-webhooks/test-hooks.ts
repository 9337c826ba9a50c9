/**
 * Test-only seams: make one handler run fail, to prove redelivery recovers (D4.7); or switch off
 * the event-level guard (row lock + processed flag) for the negative control, which shows the
 * "processed once" assertion can fail and that the state guards below still hold.
 */
export const webhookTestHooks: {
  beforeHandle?: ((eventType: string, eventId: string) => void | Promise<void>) | undefined;
  skipEventGuard?: boolean | undefined;
} = {};
