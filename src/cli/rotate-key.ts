import {
  createSecretBox,
  replaceGeneratedKey,
  SECRET_KEY_PATTERN,
  generatedKeyFile,
} from '../config/secret-box.ts';
import { OPERATOR } from '../services/access/index.ts';
import { rotateSecretKey } from '../services/secret-key/index.ts';
import { CliError } from './cli-error.ts';
import { openRuntime } from './runtime.ts';

/**
 * `lanyard rotate-key --new-key HEX` (D6.1): re-encrypts every stored secret from the current key
 * (LANYARD_SECRET_KEY, or the generated development key) to the new one in one transaction.
 */
export async function rotateKeyCommand(options: { newKey?: string }): Promise<void> {
  const hex = options.newKey?.trim() ?? '';
  if (!SECRET_KEY_PATTERN.test(hex))
    throw new CliError(
      '--new-key (or LANYARD_NEW_SECRET_KEY) must be 64 hexadecimal characters; e.g. `openssl rand -hex 32`',
    );
  const newKey = Buffer.from(hex, 'hex');
  const runtime = await openRuntime();
  try {
    const next = createSecretBox(newKey);
    if (next.fingerprint === runtime.secretBox.fingerprint)
      throw new CliError('The new key is the current key; nothing to rotate.');
    const report = await rotateSecretKey(
      runtime.database.db,
      runtime.secretBox,
      next,
      new Date(),
      OPERATOR,
    );
    const total = Object.values(report.reencrypted).reduce((sum, n) => sum + n, 0);
    console.log(`Re-encrypted ${total} secret(s) with the key of fingerprint ${next.fingerprint}.`);
    for (const [column, count] of Object.entries(report.reencrypted))
      console.log(`  ${column}: ${count}`);
    if (runtime.config.LANYARD_SECRET_KEY) {
      console.log(
        'Now set LANYARD_SECRET_KEY to the new key for every process on this database and restart ' +
          'them; a process still holding the old key refuses to start.',
      );
    } else {
      replaceGeneratedKey(runtime.config, newKey);
      console.log(`The development key in ${generatedKeyFile(runtime.config)} is now the new key.`);
    }
  } finally {
    await runtime.close();
  }
}
