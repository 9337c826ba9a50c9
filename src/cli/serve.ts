import { buildApp } from '../http/app.ts';
import { createMailer } from '../integrations/mail/index.ts';
import { scheduledTasks, startScheduler } from '../jobs/scheduler.ts';
import { describeDatabase, openRuntime } from './runtime.ts';
import { setUpStripe } from './stripe-accounts.ts';
import { bootstrapExampleIfEmpty } from '../services/bootstrap/index.ts';

export async function serve(): Promise<void> {
  const runtime = await openRuntime({ claimAs: 'server' });
  const { config, database, secretBox } = runtime;
  const now = () => new Date();
  if (config.BOOTSTRAP_EXAMPLE) {
    const created = await bootstrapExampleIfEmpty(database.db, now());
    if (created)
      console.log(`Created the example conference "${created.name}" (/${created.slug}).`);
  }
  let selfUrl = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  const stripe = await setUpStripe(runtime, () => selfUrl);
  const app = await buildApp(
    {
      db: database.db,
      dbKind: database.kind,
      config,
      secretBox,
      stripe: stripe.accounts,
      stripeStandIn: stripe.standIn,
      now,
    },
    { logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL } },
  );
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    dataDir: config.DATA_DIR,
    log: (line) => app.log.info(line),
  });
  // Links in emails; without PUBLIC_URL, the address this process is about to listen on.
  const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  const scheduler = startScheduler(
    database.db,
    {
      now,
      onError: (task, error) => app.log.error({ err: error, task }, 'scheduled task failed'),
    },
    scheduledTasks({ outbox: { mailer, links: { publicUrl } }, stripe: stripe.accounts }),
  );
  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received, shutting down`);
    await app.close();
    await scheduler.stop();
    mailer.close();
    await stripe.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  // Webhooks from the TEST MODE stand-in come back to the address actually bound (PORT may be 0).
  selfUrl = address;
  const base = config.PUBLIC_URL ?? address;
  console.log(`Lanyard is running at ${base}  (database: ${describeDatabase(config)})`);
  console.log(`  API docs:   ${base}/api/docs`);
  console.log(`  Mail:       ${mailer.destination}`);
  if (stripe.standIn)
    console.log(
      '  TEST MODE:  card payments go to the in-process Stripe stand-in; pay with card 4242 4242 4242 4242. No money moves.',
    );
}
