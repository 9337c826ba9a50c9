import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every `.ts` file under `root`, as paths relative to it with forward slashes. */
export function tsFilesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return found.sort();
}

export function readSource(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/** 1-based line of an offset, for messages a reader can jump to. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

const TABLES = '(orders|payments|refunds)';

/** Where a file writes a status of an order, payment or refund, or inserts one of them. */
export interface StatusWrite {
  file: string;
  line: number;
  table: string;
  kind: 'update' | 'insert' | 'sql';
}

/**
 * Issue 15.3: finds every write of `status` on orders, payments or refunds (a Drizzle
 * `.update(table)…set({ … status … })`, a raw `UPDATE table … SET … status =`) and every insert
 * into those tables, so a test can hold them to their one owner each.
 */
export function findStatusWrites(root: string): StatusWrite[] {
  const writes: StatusWrite[] = [];
  for (const file of tsFilesUnder(root)) {
    const text = readSource(root, file);
    for (const m of text.matchAll(new RegExp(`\\.update\\(\\s*${TABLES}\\s*\\)`, 'g'))) {
      // The chained call up to its end: `.set({...})` comes before `.where(` or the statement's end.
      const rest = text.slice(m.index);
      const end = rest.search(/\.where\(|;\s*\n/);
      const chain = end === -1 ? rest : rest.slice(0, end);
      if (/\bstatus\b\s*[:,}]/.test(chain))
        writes.push({ file, line: lineOf(text, m.index), table: m[1] ?? '', kind: 'update' });
    }
    for (const m of text.matchAll(new RegExp(`\\.insert\\(\\s*${TABLES}\\s*\\)`, 'g')))
      writes.push({ file, line: lineOf(text, m.index), table: m[1] ?? '', kind: 'insert' });
    const rawUpdate = new RegExp(
      `UPDATE\\s+(?:\\$\\{\\s*)?${TABLES}\\b[^;\`]*?\\bSET\\b[^;\`]*?\\bstatus\\s*=`,
      'gi',
    );
    for (const m of text.matchAll(rawUpdate))
      writes.push({ file, line: lineOf(text, m.index), table: m[1] ?? '', kind: 'sql' });
  }
  return writes;
}

/** `import … from '../<module>/…'` between service modules, as an edge list. */
export function serviceImportGraph(servicesRoot: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of tsFilesUnder(servicesRoot)) {
    const module = file.split('/')[0] ?? '';
    // A file at the top of services/ (none today) would be its own module.
    const edges = graph.get(module) ?? new Set<string>();
    graph.set(module, edges);
    const text = readSource(servicesRoot, file);
    const depth = file.split('/').length - 1;
    for (const m of text.matchAll(/\bfrom\s+['"]((?:\.\.\/)+)([^'"]+)['"]/g)) {
      const ups = (m[1] ?? '').length / 3;
      // Up exactly to services/: the next path segment names the imported module.
      if (ups !== depth) continue;
      const target = (m[2] ?? '').split('/')[0] ?? '';
      if (target && target !== module) edges.add(target);
    }
  }
  return graph;
}

/** One cycle of the graph, as a path that ends where it starts; null when it has none. */
export function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}
