/**
 * The seed manifest (`seeds/sources.json`): what we know about each article, validated with zod.
 * A file with no entry still loads, with a title derived from its text (see `library.ts`).
 */
import { z } from 'zod';
import type { SourceMeta } from './types.js';

/** A source's id: a lowercase slug ("jacobin-2022"), the same in the manifest, citations and custom ids. */
export const SOURCE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

const sourceDate = z
  .object({
    value: isoDate,
    precision: z.enum(['year', 'month', 'day']),
    derivation: z.enum(['explicit', 'inferred']),
    evidence: z.array(z.string().min(1)).min(1),
  })
  .refine((d) => d.value.split('-').length === { year: 1, month: 2, day: 3 }[d.precision], {
    message: 'date value does not match its precision',
  });

/** One source's record: a manifest entry, and what the library store keeps for an added article. */
export const sourceMetaSchema = z.object({
  id: z.string().regex(SOURCE_ID, 'must be a lowercase slug like "jacobin-2022"'),
  file: z.string().min(1),
  title: z.string().min(1),
  titleFrom: z.enum(['article', 'project']).default('article'),
  authors: z.array(z.string().min(1)).default([]),
  publication: z.string().min(1).nullable().default(null),
  date: sourceDate.nullable().default(null),
  url: z.string().url().nullable().default(null),
  notes: z.array(z.string()).default([]),
});

const manifestSchema = z.object({
  $comment: z.string().optional(),
  sources: z.array(sourceMetaSchema).superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, s] of list.entries()) {
      for (const key of [`id:${s.id}`, `file:${s.file}`]) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${key.replace(':', ' ')}` });
        seen.add(key);
      }
    }
  }),
});

/** Parse manifest JSON text. Throws an Error with a one-line message naming the first problem. */
export function parseManifest(json: string): SourceMeta[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'manifest';
    throw new Error(`${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.sources;
}
