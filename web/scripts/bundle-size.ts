import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The storefront's budget: the gzipped JavaScript a buyer's browser downloads before the first
 * page draws (issue #5). Chunks loaded on demand (the manage and desk areas, Stripe's form) are
 * listed but not counted: a buyer never downloads the organiser's pages.
 */
export const JS_BUDGET_BYTES = 200 * 1024;

/** What the bundler says about one JavaScript file it wrote. */
export interface BuiltChunk {
  /** Relative to the build folder, e.g. `assets/index-abc123.js`. */
  fileName: string;
  isEntry: boolean;
  /** Chunks it imports statically: they load with it. */
  imports: readonly string[];
}

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Downloaded with the first page (the entry and what it imports statically). */
  initial: boolean;
}

/** The entry chunks and every chunk they import statically, transitively. */
export function initialChunks(chunks: readonly BuiltChunk[]): Set<string> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return initial;
}

/** Raw and gzip sizes of every chunk, the initial ones first, largest first. */
export function measureJavaScript(distDir: string, chunks: readonly BuiltChunk[]): AssetSize[] {
  const initial = initialChunks(chunks);
  return chunks
    .map((chunk) => {
      const content = readFileSync(join(distDir, chunk.fileName));
      return {
        file: chunk.fileName.replace(/^assets\//, ''),
        bytes: content.length,
        gzipBytes: gzipSync(content, { level: 9 }).length,
        initial: initial.has(chunk.fileName),
      };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** What the budget counts: the storefront's initial JavaScript, gzipped. */
export function initialBytes(sizes: readonly AssetSize[]): number {
  return sizes.filter((s) => s.initial).reduce((sum, s) => sum + s.gzipBytes, 0);
}

/** One line per file and the totals, as the build prints it. */
export function describeSizes(sizes: readonly AssetSize[]): string {
  const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
  const rows = sizes.map(
    (s) =>
      `  ${s.file.padEnd(40)} ${kib(s.bytes).padStart(10)}  ${kib(s.gzipBytes).padStart(9)} gz` +
      (s.initial ? '  initial' : '  on demand'),
  );
  return [
    ...rows,
    `  Storefront initial JavaScript: ${kib(initialBytes(sizes))} gzipped (budget ${kib(JS_BUDGET_BYTES)})`,
    `  All JavaScript, on-demand chunks included: ${kib(total)} gzipped`,
  ].join('\n');
}
