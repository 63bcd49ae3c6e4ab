/** `talks sources`: the articles in the library. */
import { listSources } from '../../src/core/sources-list.js';
import { EXIT, JSON_OPTION, type CliCommand } from '../../src/cli/command.js';
import { sourcesJson } from '../../src/render/json.js';

export const sourcesCli: CliCommand = {
  name: 'sources',
  summary: 'the library: each article’s metadata and counts',
  options: { json: JSON_OPTION('{"sources": [{"meta", "paragraphs", "passages", "events"}]}') },
  details:
    'Each article’s id, title, authors, publication, date (and how it was worked out), and how many\n' +
    'paragraphs, passages and dated events it gave.',
  async run(call) {
    const sources = listSources(await call.corpus());
    await call.print(sourcesJson(sources, call.readerUrl), (t, style) => t.renderSourcesTerminal(sources, style, call.readerUrl));
    return EXIT.ok;
  },
};
