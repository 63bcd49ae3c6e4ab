/** `talks search`: cited excerpts for a question, or one JSON answer per input line with --stdin. */
import { DEFAULT_LIMIT, MAX_LIMIT, search } from '../../src/core/search.js';
import type { SearchIndex } from '../../src/core/search-index.js';
import { EXIT, JSON_OPTION, parseLimit, UsageError, type CliCall, type CliCommand } from '../../src/cli/command.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import { searchJson } from '../../src/render/json.js';

async function searchStdin(index: SearchIndex, call: CliCall, limit: number, sourceId: string | undefined): Promise<number> {
  // Loaded here: only --stdin reads lines.
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: call.io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const answer = search(index, withoutMentions(line), { limit, ...(sourceId ? { sourceId } : {}) });
    call.io.stdout.write(`${JSON.stringify(searchJson(answer, call.readerUrl))}\n`);
  }
  return EXIT.ok;
}

export const searchCli: CliCommand = {
  name: 'search',
  summary: 'cited excerpts, best first',
  words: { name: 'question', required: true, quoted: true },
  options: {
    limit: { type: 'string', value: 'N', help: `how many results (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT})` },
    json: JSON_OPTION('{"query", "results": [{"id", "score", "excerpt", "highlights", "citation"}]}'),
    stdin: { type: 'boolean', help: 'read one query per line; write one JSON object per line (JSONL), flushed per line' },
    source: { type: 'string', value: 'ID', help: 'only passages from this source (see talks sources)' },
  },
  usage: [{ args: '--stdin [--json]', summary: 'one query per input line → one JSON object per line' }],
  details: 'Colour is used on a terminal unless NO_COLOR is set.\nExit codes: 0 results, 1 nothing found, 2 bad usage or input.',
  examples: ['talks search "Who tried to mediate in March 2022?"', 'talks search "grain deal" --limit 3 --json'],
  async run(call) {
    const limit = parseLimit(call.values.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const source = typeof call.values.source === 'string' ? call.values.source : undefined;
    if (call.values.stdin && call.words.length > 0) throw new UsageError('give the question as an argument or with --stdin, not both');
    if (!call.values.stdin && call.words.length === 0) throw new UsageError('what should I search for? e.g. talks search "grain deal"');
    const { index } = await call.corpus();
    if (source && !index.sources.has(source))
      throw new UsageError(`unknown source "${source}"; known: ${[...index.sources.keys()].join(', ')}`);
    if (call.values.stdin) return await searchStdin(index, call, limit, source);
    const answer = search(index, call.asked(), { limit, ...(source ? { sourceId: source } : {}) });
    if (answer.kind === 'invalid') return await call.refused(answer.message, searchJson(answer, call.readerUrl), answer.examples);
    await call.print(searchJson(answer, call.readerUrl), (t, style) => t.renderSearchTerminal(answer, style, call.readerUrl));
    return answer.kind === 'results' ? EXIT.ok : EXIT.noResults;
  },
};
