import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError } from '../config/env.ts';
import { bootstrapCommand } from './bootstrap.ts';
import { createAdminCommand } from './create-admin.ts';
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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'CliError')) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
