import { defineErrors } from '../../domain/errors.ts';

/**
 * The file cannot be applied. Every problem is collected before anything is written, so the
 * organiser fixes the whole file in one pass (BOOT-6); each entry names the key and the item.
 */
export class BootstrapConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The bootstrap file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'BootstrapConfigError';
  }
}

export const bootstrapErrors = defineErrors({
  // BOOT-7: creating over an existing conference would silently merge two setups.
  BOOTSTRAP_CONFERENCE_EXISTS: {
    status: 409,
    message: 'This conference already exists; run the bootstrap with --update to change it.',
  },
});
