/** `talks summary`: a cited summary of what the articles say about a topic. */
import { summarize } from '../../src/core/summary/index.js';
import { EXIT, JSON_OPTION, UsageError, type CliCommand } from '../../src/cli/command.js';
import { SUMMARY_BUDGET } from '../../src/render/format.js';
import { summaryJson } from '../../src/render/json.js';

export const summaryCli: CliCommand = {
  name: 'summary',
  summary: 'a cited summary a moderator could post',
  words: { name: 'topic', required: true },
  options: { json: JSON_OPTION('the summary: its quoted sentences, their footnotes and the sources') },
  details:
    'Quotes from the articles (as many as a Discord embed holds), each with a footnote, then the list of sources.\n' +
    'Where two sources disagree, both sides are shown and marked "(sources differ)".',
  examples: ['talks summary "US Congress support for Ukraine"'],
  async run(call) {
    if (call.words.length === 0) throw new UsageError('what should I summarize? e.g. talks summary "grain deal"');
    const answer = summarize(await call.corpus(), call.asked(), SUMMARY_BUDGET);
    if (answer.kind === 'invalid') return await call.refused(answer.message, summaryJson(answer, call.readerUrl));
    await call.print(summaryJson(answer, call.readerUrl), (t, style) => t.renderSummaryTerminal(answer, style, call.readerUrl));
    return answer.kind === 'summary' ? EXIT.ok : EXIT.noResults;
  },
};
