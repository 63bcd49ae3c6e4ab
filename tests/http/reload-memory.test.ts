/**
 * A reload frees the library it replaces (issue 23: memory grows by no more than what was added): neither the
 * HTTP endpoint nor the gateway bot keeps its first library once a new one answers. Checked in a child process
 * with --expose-gc, on the built code, through a WeakRef to the first library.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/seeds.js';

const SCRIPT = `
const { createInteractionsServer } = await import(${JSON.stringify(join(ROOT, 'dist/src/http/server.js'))});
const { createGatewayBot } = await import(${JSON.stringify(join(ROOT, 'dist/src/discord/gateway.js'))});
const { COMMANDS } = await import(${JSON.stringify(join(ROOT, 'dist/commands/index.js'))});
const { openCorpus } = await import(${JSON.stringify(join(ROOT, 'dist/src/library/corpus-cache.js'))});
const { createLogger } = await import(${JSON.stringify(join(ROOT, 'dist/src/runtime/logger.js'))});
const logger = createLogger({ level: 'silent' });
const { search } = await import(${JSON.stringify(join(ROOT, 'dist/src/core/search.js'))});
const load = async () => (await openCorpus(${JSON.stringify(join(ROOT, 'seeds'))}, { useCache: false })).corpus;
// Made in functions: a top-level block's values may live on in the module's frame, which would prove nothing.
// Questions answered from the first library: what answers remember of its passages must not keep it alive.
const ask = (corpus) => {
  for (const q of ['grain deal', 'who mediated in Istanbul', 'when did the talks fail']) search(corpus.index, q);
};
async function http() {
  const first = await load();
  ask(first);
  const server = createInteractionsServer({ commands: COMMANDS, publicKey: new Uint8Array(32), corpus: first, logger });
  return { ref: new WeakRef(first), passages: [...first.index.passages.values()].map((p) => new WeakRef(p)), server };
}
async function gateway() {
  const first = await load();
  ask(first);
  const bot = createGatewayBot({ commands: COMMANDS, corpus: first, logger });
  return { ref: new WeakRef(first), passages: [...first.index.passages.values()].map((p) => new WeakRef(p)), bot };
}
const h = await http();
const g = await gateway();
const next = await load();
h.server.setCorpus(next);
g.bot.pipeline.setCorpus(next);
await new Promise((r) => setTimeout(r, 50));
globalThis.gc();
await new Promise((r) => setTimeout(r, 50));
globalThis.gc();
const gone = (x) => x.ref.deref() === undefined && x.passages.every((p) => p.deref() === undefined);
process.stdout.write(JSON.stringify({ http: gone(h), gateway: gone(g) }));
process.exit(0);
`;

describe('a reload', () => {
  it('frees the first library, on the HTTP endpoint and the gateway bot', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', SCRIPT], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ http: true, gateway: true });
  }, 120_000);
});
