/** The one way text is shortened for showing: within `max` characters, at a word when there is one, marked "…". */

/** Cut at a word only if that keeps at least this share of the room: one long word is cut inside, not dropped. */
const WORD_BREAK_SHARE = 0.6;

/**
 * `text` in at most `max` characters (the "…" included): cut at the last word break that keeps most of the room,
 * without the spaces or punctuation the cut leaves dangling ("grain deal, …" is "grain deal…").
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.search(/\s\S*$/);
  const kept = space > max * WORD_BREAK_SHARE ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s,;:—–-]+$/, '')}…`;
}
