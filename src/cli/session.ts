/**
 * The interactive terminal session: questions in, cited answers out. On a terminal it shows a prompt;
 * with piped input it answers each line and ends at end of input, so `npm start < questions.txt` works.
 */
import { createInterface } from 'node:readline';
import { EXAMPLE_QUESTIONS } from '../core/examples.js';
import type { SearchIndex } from '../core/search-index.js';
import { search } from '../core/search.js';
import { withoutMentions } from '../interactions/mentions.js';
import { detectStyle, renderSearchTerminal } from '../render/terminal.js';
import type { CliIO } from './command.js';

const SESSION_HELP = `Ask anything about the Russia–Ukraine peace talks; every answer is quoted and cited.
Commands: :help  :sources  :quit   (Ctrl-D also quits)`;

export async function runSession(index: SearchIndex, io: CliIO, readerUrl?: string): Promise<void> {
  const style = detectStyle(io.stdout, io.env);
  const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  const sources = [...index.sources.values()];
  io.stdout.write(
    `Peace Talks Bot — offline session over ${sources.length} articles (${index.passageCount} passages).\n${SESSION_HELP}\n` +
      `Try: ${EXAMPLE_QUESTIONS[0] ?? ''}\n\n`,
  );
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  const prompt = (): void => {
    if (interactive) rl.prompt();
  };
  rl.setPrompt('talks> ');
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === ':quit' || text === ':q' || text === 'exit') break;
    if (text === ':help') io.stdout.write(`${SESSION_HELP}\n`);
    else if (text === ':sources') {
      for (const s of sources) io.stdout.write(`  ${s.meta.id.padEnd(28)} ${s.meta.title}\n`);
    } else if (text) {
      if (!interactive) io.stdout.write(`talks> ${text}\n`);
      io.stdout.write(`${renderSearchTerminal(search(index, withoutMentions(text)), style, readerUrl)}\n`);
    }
    io.stdout.write('\n');
    prompt();
  }
  rl.close();
}
