/** `talks timeline`: dated events from the articles, in date order, every line cited. */
import { isReversed, parseDateArg, SHORT_TIMELINE_EVENTS, timeline } from '../../src/core/timeline.js';
import { EXIT, JSON_OPTION, parseLimit, UsageError, type CliCommand } from '../../src/cli/command.js';
import { timelineJson } from '../../src/render/json.js';

function dateOption(name: string, value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' ? parseDateArg(value) : null;
  if (!date) throw new UsageError(`--${name} must be a date like 2022, 2022-03, 2022-03-10 or "March 2022" (got "${String(value)}")`);
  return date;
}

export const timelineCli: CliCommand = {
  name: 'timeline',
  summary: 'a short dated timeline, every line cited',
  words: { name: 'topic', required: false },
  options: {
    from: { type: 'string', value: 'DATE', help: 'only events on or after DATE (2022, 2022-03, 2022-03-10 or "March 2022")' },
    to: { type: 'string', value: 'DATE', help: 'only events on or before DATE' },
    limit: { type: 'string', value: 'N', help: 'how many events to show (1–500)' },
    json: JSON_OPTION('{"events": [{"date", "end"?, "precision", "derivation", "text", "citations"}], "total", "more"}'),
  },
  details:
    'Without a topic: the events most about the peace talks. With a topic: the events about it.\n' +
    `At most ${SHORT_TIMELINE_EVENTS} lines by default, the most relevant kept and the rest counted ("+12 more").`,
  examples: ['talks timeline "Istanbul talks" --from 2022-03 --to "June 2022"'],
  async run(call) {
    const from = dateOption('from', call.values.from);
    const to = dateOption('to', call.values.to);
    if (isReversed(from, to)) throw new UsageError(`--from ${from ?? ''} is after --to ${to ?? ''}`);
    const options = {
      limit: parseLimit(call.values.limit, SHORT_TIMELINE_EVENTS, 500),
      ...(call.words.length > 0 ? { topic: call.asked() } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
    const answer = timeline(await call.corpus(), options);
    await call.print(timelineJson(answer, call.readerUrl), (t, style) => t.renderTimelineTerminal(answer, style, call.readerUrl));
    return answer.events.length > 0 ? EXIT.ok : EXIT.noResults;
  },
};
