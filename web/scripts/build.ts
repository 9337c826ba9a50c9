/**
 * Builds the web app into web/dist, writes gzip variants for the server to send, prints the
 * gzipped JavaScript sizes and fails when the storefront's initial JavaScript is over budget.
 *
 *   tsx web/scripts/build.ts             always build (npm run build:web)
 *   tsx web/scripts/build.ts --if-stale  build only when an input changed (npm start)
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import {
  describeSizes,
  initialBytes,
  JS_BUDGET_BYTES,
  kib,
  measureJavaScript,
  type BuiltChunk,
} from './bundle-size.ts';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = join(WEB_DIR, '..');
const DIST_DIR = join(WEB_DIR, 'dist');
const STAMP_FILE = join(DIST_DIR, '.build-hash');
/** Everything the bundle is made from; `src/domain` for money, labels and the page table. */
const INPUTS = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'src/domain',
  'package-lock.json',
];
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(path, entry))
    .filter((file) => statSync(file).isFile())
    .sort();
}

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of filesUnder(join(REPO_DIR, input))) {
      hash.update(relative(REPO_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

function writeGzipVariants(): void {
  for (const file of filesUnder(DIST_DIR).filter((f) => COMPRESSIBLE.test(f))) {
    writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  }
}

function isUpToDate(hash: string): boolean {
  return (
    existsSync(join(DIST_DIR, 'index.html')) &&
    existsSync(STAMP_FILE) &&
    readFileSync(STAMP_FILE, 'utf8') === hash
  );
}

/** The JavaScript chunks of a build, as the bundler describes them. */
function chunksOf(result: Awaited<ReturnType<typeof build>>): BuiltChunk[] {
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((output) =>
    output.output.flatMap((item) =>
      item.type === 'chunk'
        ? [{ fileName: item.fileName, isEntry: item.isEntry, imports: item.imports }]
        : [],
    ),
  );
}

async function main(): Promise<void> {
  const hash = inputsHash();
  if (process.argv.includes('--if-stale') && isUpToDate(hash)) {
    console.log('Web app: web/dist is up to date.');
    return;
  }
  const started = performance.now();
  // A caller's NODE_ENV (vitest sets `test`) would make Vite bundle React's development build.
  process.env['NODE_ENV'] = 'production';
  const result = await build({
    configFile: join(WEB_DIR, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
  });
  writeGzipVariants();
  const sizes = measureJavaScript(DIST_DIR, chunksOf(result));
  const total = initialBytes(sizes);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Web app built into web/dist in ${seconds} s:\n${describeSizes(sizes)}`);
  if (total > JS_BUDGET_BYTES) {
    console.error(
      `The storefront's initial JavaScript is ${kib(total)} gzipped, over the ${kib(JS_BUDGET_BYTES)} budget.`,
    );
    process.exitCode = 1;
    return;
  }
  // Stamped only within budget, so the next `npm start` builds (and fails) again.
  writeFileSync(STAMP_FILE, hash);
}

await main();
