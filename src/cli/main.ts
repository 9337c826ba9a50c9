import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError } from '../config/env.ts';
import { DataDirInUseError } from '../db/data-dir-owner.ts';
import { SecretKeyMismatchError } from '../db/secret-key.ts';
import { isDomainError } from '../domain/errors.ts';
import { grantCommand } from './access.ts';
import { bootstrapCommand } from './bootstrap.ts';
import { createAdminCommand } from './create-admin.ts';
import { doctorCommand, stripeReconcileCommand, stripeReplayCommand } from './money.ts';
import { pretalxConnectCommand, pretalxSyncCommand } from './pretalx.ts';
import { rotateKeyCommand } from './rotate-key.ts';
import { describeDatabase, openRuntime } from './runtime.ts';
import { serve } from './serve.ts';

// A .env file in the working directory is read if present; real environment variables win.
if (existsSync('.env')) process.loadEnvFile('.env');

const program = new Command('lanyard').description('Lanyard conference registration and ticketing');

program.command('serve').description('run the HTTP server (migrates first)').action(serve);

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const runtime = await openRuntime();
    console.log(`Migrations applied to ${describeDatabase(runtime.config)}.`);
    await runtime.close();
  });

program
  .command('bootstrap')
  .description('create or update a conference and its sales setup from a TOML file')
  .requiredOption('--config <file>', 'TOML file describing the conference')
  .option('--update', 'update a conference that already exists', false)
  .option('--dry-run', 'validate and preview without writing', false)
  .action(bootstrapCommand);

program
  .command('create-admin')
  .description('create a superuser, or promote an existing account and reset its password')
  .requiredOption('--email <email>', 'email address')
  .addOption(
    new Option('--password <password>', 'password (or set LANYARD_ADMIN_PASSWORD)').env(
      'LANYARD_ADMIN_PASSWORD',
    ),
  )
  .action(createAdminCommand);

program
  .command('grant')
  .description(
    'grant a role in one conference to an account (roles: organizer, registration-manager, finance, checkin-staff, reports-viewer, read-only, …)',
  )
  .argument('<email>', 'the account’s email address')
  .argument('<conference>', 'conference slug')
  .argument('<role>', 'role key')
  .action(grantCommand);

program
  .command('doctor')
  .description('check that every order’s payments and refunds match its status and totals')
  .option('--conference <slug>', 'only this conference')
  .action(doctorCommand);

program
  .command('rotate-key')
  .description(
    're-encrypt every stored secret with a new LANYARD_SECRET_KEY (stop the servers first, restart them with the new key)',
  )
  .addOption(
    new Option(
      '--new-key <hex>',
      'the new key, 64 hex characters (or set LANYARD_NEW_SECRET_KEY)',
    ).env('LANYARD_NEW_SECRET_KEY'),
  )
  .action(rotateKeyCommand);

const stripe = program.command('stripe').description('Stripe webhook events');
stripe
  .command('replay')
  .description('process a stored Stripe event again (its transitions are guarded, so this is safe)')
  .argument('<event-id>', 'Stripe event id, evt_…')
  .action(stripeReplayCommand);
stripe
  .command('reconcile')
  .description('list recent events from Stripe and process any that were missed or failed')
  .requiredOption('--conference <slug>', 'conference whose Stripe account to read')
  .option('--since <window>', 'how far back, e.g. 30m, 12h, 3d', '3d')
  .action(stripeReconcileCommand);

const pretalx = program.command('pretalx').description('speakers and talks from Pretalx');
pretalx
  .command('sync')
  .description('import the conference’s Pretalx speakers and talks, and link speakers to accounts')
  .requiredOption('--conference <slug>', 'conference to sync')
  .action(pretalxSyncCommand);
pretalx
  .command('connect')
  .description('store the conference’s Pretalx event slug and organiser API token (encrypted)')
  .requiredOption('--conference <slug>', 'conference to connect')
  .requiredOption('--event <slug>', 'the event slug in its Pretalx address')
  .addOption(
    new Option('--token <token>', 'organiser API token (or set PRETALX_TOKEN)').env(
      'PRETALX_TOKEN',
    ),
  )
  .action(pretalxConnectCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof SecretKeyMismatchError ||
    isDomainError(error) ||
    (error instanceof Error && error.name === 'CliError')
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
