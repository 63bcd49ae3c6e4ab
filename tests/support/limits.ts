/** Assertions shared by the tests: every limit Discord enforces on a message. */
import { expect } from 'vitest';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import { embedChars } from '../../src/render/discord.js';

/** Every limit Discord enforces on a message, checked. */
export function expectWithinLimits(m: DiscordMessage): void {
  expect(m.allowed_mentions).toEqual({ parse: [] });
  expect((m.content ?? '').length).toBeLessThanOrEqual(L.content);
  expect(m.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
  expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(L.embedsTotal);
  for (const e of m.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(L.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(L.embedDescription);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(L.embedFooter);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(L.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(L.embedFieldName);
      expect(f.value.length).toBeLessThanOrEqual(L.embedFieldValue);
    }
  }
  expect(m.components.length).toBeLessThanOrEqual(L.actionRows);
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(L.buttonsPerRow);
    for (const b of row.components) {
      if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(L.customId);
      if ('label' in b) expect((b.label ?? '').length).toBeLessThanOrEqual(L.buttonLabel);
    }
  }
}
