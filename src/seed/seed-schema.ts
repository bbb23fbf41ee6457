import { z } from 'zod';
import { PROCEDURES, UNITS } from '../domain.js';

/** What a seed file (one report) may hold. Unknown keys are errors: a typo must not vanish. */

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const Text = z.string().trim().min(1);
const Localized = z.strictObject({ nl: Text, en: Text });
const Year = z.int().min(1900).max(2999);

const Metric = z.strictObject({
  id: Id,
  unit: z.enum(UNITS),
  /** The step the report rounds this figure to (10 for counts in tens, 0.1 for money in tenths of a million). */
  roundedTo: z.number().positive(),
});

const Table = z.strictObject({
  id: Id,
  heading: Text,
  title: Localized,
  description: Localized,
  metrics: z.array(Metric).min(1),
});

const Footnote = z.strictObject({
  id: Id,
  table: Id,
  metric: Id,
  marker: Text,
  revises: z.strictObject({ year: Year, value: z.number() }).optional(),
  text: Localized,
});

const Ranking = z.strictObject({
  table: Id,
  year: Year,
  basis: Localized,
  ranks: z
    .array(
      z.strictObject({
        rank: z.int().min(1),
        country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
        label: Localized,
      }),
    )
    .min(1),
});

const StatedShare = z.strictObject({
  id: Id,
  table: Id,
  year: Year,
  part: Id,
  whole: Id,
  percent: z.number().min(0).max(100),
  approximate: z.boolean(),
  section: Text,
});

const Figure = z.strictObject({
  table: Id,
  metric: Id,
  procedure: z.enum(PROCEDURES),
  year: Year,
  value: z.number().finite(),
  unit: z.enum(UNITS),
  label: Localized,
  section: Text,
  /** The row as printed, when it says more than the label (a footnote marker, the TEV/VVR split). */
  row: Text.optional(),
  approximate: z.boolean(),
  revisedValue: z.number().finite().optional(),
  footnotes: z.array(Id).optional(),
  inText: z.boolean().optional(),
});

export const SeedFileSchema = z.strictObject({
  report: z.strictObject({
    id: Id,
    year: Year,
    title: Localized,
    publisher: Localized,
    citation: Localized,
  }),
  tables: z.array(Table).min(1),
  footnotes: z.array(Footnote).default([]),
  rankings: z.array(Ranking).default([]),
  statedShares: z.array(StatedShare).default([]),
  figures: z.array(Figure).min(1),
});

export type SeedFile = z.output<typeof SeedFileSchema>;
export type SeedFigure = SeedFile['figures'][number];
