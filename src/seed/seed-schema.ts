import { z } from 'zod';
import { DATE_BASES, LANGUAGES, PROCEDURES, QUALIFIERS, RELEASE_KINDS, UNITS } from '../domain.js';

/**
 * What a seed file (one release: a report, a news release, a set of accounts) may hold.
 * Unknown keys are errors: a typo must not vanish.
 */

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const Text = z.string().trim().min(1);
const Localized = z.strictObject({ nl: Text, en: Text });
const Year = z.int().min(1900).max(2999);

const Metric = z.strictObject({
  id: Id,
  unit: z.enum(UNITS),
  /** The step the report rounds this figure to (10 for counts in tens, 0.1 for money in tenths of a million). */
  roundedTo: z.number().positive(),
  /** The metric's name where no printed row gives one (metrics that later releases introduce). */
  label: Localized.optional(),
  /** What exactly is counted, in our words; needed wherever two metrics could be mistaken for each other. */
  definition: Localized.optional(),
  /** True where a figure counts from a fixed start up to the end of its year, not within the year. */
  cumulative: z.boolean().optional(),
});

const Table = z.strictObject({
  id: Id,
  heading: Text,
  title: Localized,
  description: Localized,
  metrics: z.array(Metric).min(1),
});

/** A partial ISO date: a year, a month or a day. */
const PartialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');

const Published = z.union([
  z.strictObject({
    date: z.iso.date(),
    /** Where the date comes from: shown on the release, its last update, or other reporting. */
    basis: z.enum(DATE_BASES).exclude(['partial']),
  }),
  z.strictObject({
    date: z.null(),
    /** What is known of an unknown date, e.g. "2018" for an annual report of 2017. */
    known: PartialDate,
  }),
]);

const Release = z.strictObject({
  id: Id,
  /** The title exactly as published, in the release's language. */
  title: Text,
  /** A short name in both languages, where the title alone does not serve as one. */
  name: Localized.optional(),
  language: z.enum(LANGUAGES),
  publisher: Localized,
  url: z.url({ protocol: /^https?$/ }).optional(),
  kind: z.enum(RELEASE_KINDS),
  published: Published,
  citation: Localized.optional(),
  note: Localized.optional(),
});

/** How a release gives a value; without it, a figure is rounded to its metric's step (or approximate where marked). */
const FigurePrecision = z.union([
  z.strictObject({ kind: z.literal('exact') }),
  z.strictObject({ kind: z.literal('rounded'), step: z.number().positive() }),
  z.strictObject({ kind: z.literal('approximate'), qualifier: z.enum(QUALIFIERS) }),
]);

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
  /** False where the release lists the nationalities without saying they are in rank order. */
  ordered: z.boolean().default(true),
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
  /** The row label; where absent, the metric's declared label. */
  label: Localized.optional(),
  section: Text,
  /** The row as printed, when it says more than the label (a footnote marker, the TEV/VVR split). */
  row: Text.optional(),
  approximate: z.boolean(),
  revisedValue: z.number().finite().optional(),
  footnotes: z.array(Id).optional(),
  inText: z.boolean().optional(),
  precision: FigurePrecision.optional(),
  /** What a reader of this value should know, in our words (a corrected year label, a wider scope). */
  note: Localized.optional(),
  /** The year the release printed, where it differs from the year the figure belongs to. */
  printedYear: Year.optional(),
});

export const SeedFileSchema = z.strictObject({
  release: Release,
  /** Tables and metrics this release introduces or describes anew; figures may also use those of other seed files. */
  tables: z.array(Table).default([]),
  footnotes: z.array(Footnote).default([]),
  rankings: z.array(Ranking).default([]),
  statedShares: z.array(StatedShare).default([]),
  figures: z.array(Figure).default([]),
});

export type SeedFile = z.output<typeof SeedFileSchema>;
export type SeedFigure = SeedFile['figures'][number];
export type SeedRelease = SeedFile['release'];
export type SeedTable = SeedFile['tables'][number];
export type SeedMetric = SeedTable['metrics'][number];
