import { readFile } from 'node:fs/promises';
import { isDomainError } from '../domain/errors.ts';
import { OPERATOR } from '../services/access/index.ts';
import {
  applyBootstrap,
  BOOTSTRAP_KINDS,
  BootstrapConfigError,
  parseBootstrapConfig,
  type BootstrapConfig,
  type BootstrapResult,
} from '../services/bootstrap/index.ts';
import { CliError } from './cli-error.ts';
import { openRuntime } from './runtime.ts';

export interface BootstrapOptions {
  config: string;
  update: boolean;
  dryRun: boolean;
}

async function readConfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT') throw new CliError(`Bootstrap file not found: ${path}`);
    throw new CliError(
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function explainProblems(path: string, error: BootstrapConfigError): CliError {
  const lines = error.problems.map((problem) => `  - ${problem}`);
  const count = `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}`;
  return new CliError([`${path} has ${count}; nothing was written:`, ...lines].join('\n'));
}

function parseConfigFile(path: string, text: string): BootstrapConfig {
  try {
    return parseBootstrapConfig(text);
  } catch (error) {
    if (error instanceof BootstrapConfigError) throw explainProblems(path, error);
    throw error;
  }
}

function headline(result: BootstrapResult): string {
  const created = result.counts.conference.created > 0;
  const changed = result.changes.length;
  const outcome = created
    ? 'created'
    : changed > 0
      ? `updated (${changed} change${changed === 1 ? '' : 's'})`
      : 'unchanged';
  if (!result.dryRun) return `Conference ${result.slug} ${outcome}.`;
  return `Conference ${result.slug} would be ${outcome === 'unchanged' ? 'left unchanged' : outcome}.`;
}

/** The readable report of a run: counts per kind, then each change, then notices. */
export function formatBootstrapSummary(result: BootstrapResult): string {
  const lines = [headline(result), '', '              created  updated  unchanged'];
  for (const kind of BOOTSTRAP_KINDS) {
    const c = result.counts[kind];
    lines.push(
      `  ${kind.padEnd(11)}${String(c.created).padStart(8)}${String(c.updated).padStart(9)}${String(c.unchanged).padStart(11)}`,
    );
  }
  if (result.changes.length > 0) lines.push('', 'Changes:');
  for (const change of result.changes) {
    const mark = change.change === 'created' ? '+' : '~';
    const fields = change.fields.length > 0 ? ` (${change.fields.join(', ')})` : '';
    lines.push(`  ${mark} ${change.kind} ${change.key}${fields}`);
  }
  if (result.notices.length > 0)
    lines.push('', 'Notices:', ...result.notices.map((n) => `  - ${n}`));
  if (result.dryRun) lines.push('', 'dry run: nothing was written');
  return lines.join('\n');
}

/** `lanyard bootstrap --config FILE [--update] [--dry-run]` (BOOT-6, BOOT-7). */
export async function bootstrapCommand(options: BootstrapOptions): Promise<void> {
  const text = await readConfigFile(options.config);
  const config = parseConfigFile(options.config, text);
  const runtime = await openRuntime();
  try {
    const result = await applyBootstrap(runtime.database.db, config, {
      update: options.update,
      dryRun: options.dryRun,
      now: new Date(),
      actor: OPERATOR,
    });
    console.log(formatBootstrapSummary(result));
  } catch (error) {
    if (error instanceof BootstrapConfigError) throw explainProblems(options.config, error);
    if (isDomainError(error)) throw new CliError(error.message);
    throw error;
  } finally {
    await runtime.close();
  }
}
