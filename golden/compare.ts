/**
 * Comparing two records: byte for byte per file; for a file that differs, which cases differ and a unified diff
 * of each (long lines, such as JSON bodies, clipped to the neighbourhood of their first difference).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_MARK } from './format.js';

const MAX_CASES_SHOWN = 6;
const MAX_DIFF_LINES = 40;
const CONTEXT = 2;
const CLIP = 100;

export interface Comparison {
  identical: boolean;
  report: string;
}

export function recordFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
}

export function compareDirs(expectedDir: string, actualDir: string, only?: (file: string) => boolean): Comparison {
  const names = [...new Set([...recordFiles(expectedDir), ...recordFiles(actualDir)])].filter((f) => !only || only(f)).sort();
  const lines: string[] = [];
  let identical = names.length > 0;
  if (names.length === 0) lines.push(`no record files (*.txt) in ${expectedDir} or ${actualDir}`);
  for (const name of names) {
    const a = join(expectedDir, name);
    const b = join(actualDir, name);
    if (!existsSync(a) || !existsSync(b)) {
      identical = false;
      lines.push(`${name}: only in ${existsSync(a) ? 'the golden record' : 'the new recording'}`);
      continue;
    }
    const before = readFileSync(a);
    const after = readFileSync(b);
    if (before.equals(after)) {
      lines.push(`${name}: identical (${countCases(before.toString('utf8'))} cases)`);
      continue;
    }
    identical = false;
    lines.push(...fileDiff(name, before.toString('utf8'), after.toString('utf8')));
  }
  return { identical, report: `${lines.join('\n')}\n` };
}

function countCases(text: string): number {
  return splitCases(text).filter((c) => c.id !== '').length;
}

interface Case {
  id: string;
  lines: string[];
}

/** The file's cases (a preamble before the first case has id ''). */
function splitCases(text: string): Case[] {
  const cases: Case[] = [{ id: '', lines: [] }];
  for (const line of text.split('\n')) {
    if (line.startsWith(CASE_MARK)) cases.push({ id: line.slice(CASE_MARK.length).split('  ')[0] ?? line, lines: [line] });
    else cases[cases.length - 1]?.lines.push(line);
  }
  return cases;
}

function fileDiff(name: string, before: string, after: string): string[] {
  const a = splitCases(before);
  const b = splitCases(after);
  const byId = (cs: Case[]): Map<string, Case> => new Map(cs.map((c) => [c.id, c]));
  const am = byId(a);
  const bm = byId(b);
  const ids = [...new Set([...a.map((c) => c.id), ...b.map((c) => c.id)])];
  const changed = ids.filter((id) => am.get(id)?.lines.join('\n') !== bm.get(id)?.lines.join('\n'));
  const removed = changed.filter((id) => !bm.has(id)).length;
  const added = changed.filter((id) => !am.has(id)).length;
  const total = a.filter((c) => c.id !== '').length;
  const out = [
    `${name}: DIFFERS: ${changed.length} of ${total} cases (${changed.length - removed - added} changed, ` +
      `${removed} only in the golden record, ${added} only in the new recording)`,
  ];
  for (const id of changed.slice(0, MAX_CASES_SHOWN)) {
    out.push(`  --- golden ${name} ${id || '(preamble)'}`, `  +++ now    ${name} ${id || '(preamble)'}`);
    out.push(...unified(am.get(id)?.lines ?? [], bm.get(id)?.lines ?? []).map((l) => `  ${l}`));
  }
  const more = changed.length - MAX_CASES_SHOWN;
  if (more > 0) out.push(`  … and ${more} more cases (diff -u the two files for all)`);
  return out;
}

/** A unified diff of two line lists (an LCS over the part between their common start and end). */
export function unified(a: string[], b: string[]): string[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  if (midA.length * midB.length <= 4_000_000) {
    // LCS table, then walk it.
    const w = midB.length + 1;
    const t = new Uint32Array((midA.length + 1) * w);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        t[i * w + j] = midA[i] === midB[j] ? (t[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(t[(i + 1) * w + j] ?? 0, t[i * w + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        ops.push({ op: ' ', line: midA[i++] as string });
        j++;
      } else if (j < midB.length && (i >= midA.length || (t[i * w + j + 1] ?? 0) >= (t[(i + 1) * w + j] ?? 0))) {
        ops.push({ op: '+', line: midB[j++] as string });
      } else {
        ops.push({ op: '-', line: midA[i++] as string });
      }
    }
  } else {
    for (const line of midA) ops.push({ op: '-', line });
    for (const line of midB) ops.push({ op: '+', line });
  }
  const all = [
    ...a.slice(0, start).map((line) => ({ op: ' ' as const, line })),
    ...ops,
    ...a.slice(endA).map((line) => ({ op: ' ' as const, line })),
  ];
  // Hunks: each change with CONTEXT unchanged lines around it, changes closer than that in one hunk.
  const changes = all.flatMap((o, k) => (o.op === ' ' ? [] : [k]));
  const hunks: Array<[number, number]> = [];
  for (const k of changes) {
    const last = hunks[hunks.length - 1];
    if (last && k - last[1] <= 2 * CONTEXT + 1) last[1] = k;
    else hunks.push([k, k]);
  }
  const out: string[] = [];
  for (const [first, lastChange] of hunks) {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(all.length, lastChange + CONTEXT + 1);
    // Line numbers of the hunk's first line in each side.
    let lineA = 1;
    let lineB = 1;
    for (let k = 0; k < from; k++) {
      if (all[k]?.op !== '+') lineA++;
      if (all[k]?.op !== '-') lineB++;
    }
    const slice = all.slice(from, to);
    out.push(`@@ -${lineA},${slice.filter((o) => o.op !== '+').length} +${lineB},${slice.filter((o) => o.op !== '-').length} @@`);
    // Each removed line is shown next to the added line in the same run, both clipped around their first difference.
    for (let k = 0; k < slice.length;) {
      if (slice[k]?.op === ' ') {
        out.push(` ${clip(slice[k]?.line ?? '', 0)}`);
        k++;
        continue;
      }
      const minus: string[] = [];
      const plus: string[] = [];
      while (k < slice.length && slice[k]?.op !== ' ') {
        const o = slice[k++];
        if (o?.op === '-') minus.push(o.line);
        else if (o) plus.push(o.line);
      }
      for (let p = 0; p < Math.max(minus.length, plus.length); p++) {
        const m = minus[p];
        const q = plus[p];
        const at = m !== undefined && q !== undefined ? firstDifference(m, q) : 0;
        if (m !== undefined) out.push(`-${clip(m, at)}`);
        if (q !== undefined) out.push(`+${clip(q, at)}`);
      }
    }
  }
  if (out.length > MAX_DIFF_LINES) return [...out.slice(0, MAX_DIFF_LINES), `… ${out.length - MAX_DIFF_LINES} more diff lines`];
  return out;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** A long line shown around `at` (its first difference from its counterpart), with its length. */
function clip(line: string, at: number): string {
  if (line.length <= 2 * CLIP + 40) return line;
  const from = Math.max(0, at - CLIP);
  const to = Math.min(line.length, at + CLIP);
  return `${from > 0 ? `[…${from} chars]` : ''}${line.slice(from, to)}${to < line.length ? `[${line.length - to} chars…]` : ''}`;
}
