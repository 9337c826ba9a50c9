import { z } from 'zod';
import { OPERATOR } from '../services/access/index.ts';
import { assertPasswordStrong, upsertAdmin } from '../services/accounts/index.ts';
import { CliError } from './cli-error.ts';
import { openRuntime } from './runtime.ts';

const input = z.object({
  email: z.email('--email must be an email address'),
  password: z
    .string('--password (or LANYARD_ADMIN_PASSWORD) is required')
    .min(8, '--password must be at least 8 characters'),
});

export async function createAdminCommand(options: {
  email?: string;
  password?: string;
}): Promise<void> {
  const parsed = input.safeParse(options);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('\n'));
  // Before the database opens, so a weak password fails at once (upsertAdmin checks it too).
  assertPasswordStrong(parsed.data.password, [parsed.data.email]);
  const runtime = await openRuntime();
  try {
    // D6.4: the operator's change of who is a superuser is audited like any other.
    const admin = await upsertAdmin(runtime.database.db, {
      ...parsed.data,
      actor: OPERATOR,
      now: new Date(),
    });
    console.log(`Superuser ${admin.email} is ready.`);
  } finally {
    await runtime.close();
  }
}
