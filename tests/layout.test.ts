/**
 * The source tree's shape: no folder imports one that imports it back. Each folder of `src/` (and each file
 * directly in it) is one node, `commands/` another; an import between two nodes is an edge. A cycle between
 * folders means neither can be read, tested or moved without the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/seeds.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `src/discord/gateway.ts` → `src/discord`; `src/start.ts` → `src/start.ts`; anything under `commands/` → `commands`. */
function nodeOf(file: string): string | null {
  const [top, second, third] = relative(ROOT, file).split('/');
  if (top === 'commands') return 'commands';
  if (top !== 'src' || !second) return null;
  return third === undefined ? `src/${second.replace(/\.js$/, '.ts')}` : `src/${second}`;
}

/** Every edge between nodes: from → the nodes it imports, with one importing file for each, to name in a failure. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of [...files(join(ROOT, 'src')), ...files(join(ROOT, 'commands'))]) {
    const from = nodeOf(file);
    if (!from) continue;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = nodeOf(resolve(dirname(file), spec as string));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, relative(ROOT, file));
      graph.set(from, edges);
    }
  }
  return graph;
}

/**
 * Each cycle through a folder as the path that closes it (`a → b → a`), found from every edge of a folder back
 * to it. Two files of `src/` that import each other are not a folder cycle.
 */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Set<string>();
  const pathBack = (from: string, to: string, seen: Set<string>): string[] | null => {
    if (from === to) return [to];
    if (seen.has(from)) return null;
    seen.add(from);
    for (const next of graph.get(from)?.keys() ?? []) {
      const rest = pathBack(next, to, seen);
      if (rest) return [from, ...rest];
    }
    return null;
  };
  for (const [from, edges] of graph) {
    if (from.endsWith('.ts')) continue;
    for (const [to, via] of edges) {
      const back = pathBack(to, from, new Set());
      if (back) found.add(`${from} → ${back.join(' → ')} (first edge: ${via})`);
    }
  }
  return [...found].sort();
}

describe('the folders of src/ and commands/', () => {
  it('import each other without a cycle', () => {
    const graph = folderGraph();
    // The check sees the imports it is meant to: the gateway is wired to the interaction pipeline.
    expect(graph.get('src/discord')?.has('src/interactions')).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });

  it('would report a cycle', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
    ]);
    expect(cycles(graph)).toContain('a → b → c → a (first edge: a/x.ts)');
  });
});
