import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The storefront's budget: gzipped JavaScript of the production build (issue #5). */
export const JS_BUDGET_BYTES = 200 * 1024;

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Raw and gzip sizes of every `.js` file under `dist/assets`, largest first. */
export function measureJavaScript(distDir: string): AssetSize[] {
  const assets = join(distDir, 'assets');
  return readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** One line per file and the total, as the build prints it. */
export function describeSizes(sizes: readonly AssetSize[]): string {
  const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
  const rows = sizes.map(
    (s) =>
      `  ${s.file.padEnd(40)} ${kib(s.bytes).padStart(10)}  ${kib(s.gzipBytes).padStart(9)} gz`,
  );
  return [
    ...rows,
    `  JavaScript total: ${kib(total)} gzipped (budget ${kib(JS_BUDGET_BYTES)})`,
  ].join('\n');
}
