import { z } from 'zod';
import { PROCEDURES } from '../domain.js';

/**
 * Identities the published figures should satisfy, kept as data so that a new release or table
 * needs no code: sums (a total and its signed parts, possibly across tables) and rates that are
 * the average of their procedures' rates weighted by a count.
 */

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const Text = z.string().trim().min(1);
const Localized = z.strictObject({ nl: Text, en: Text });

const Ref = z.strictObject({
  table: Id,
  metric: Id,
  procedure: z.enum(PROCEDURES).default('total'),
});

const Sum = z.strictObject({
  /** The check id is this id followed by the year. */
  id: Id,
  description: Localized,
  total: Ref,
  parts: z.array(Ref.extend({ sign: z.union([z.literal(1), z.literal(-1)]).default(1) })).min(2),
});

const WeightedRate = z.strictObject({
  /** In every table that has both metrics, the total rate is the procedures' rates weighted by this count. */
  rate: Id,
  weight: Id,
  description: Localized,
});

export const IdentitiesFileSchema = z.strictObject({
  sums: z.array(Sum).default([]),
  weightedRates: z.array(WeightedRate).default([]),
});

export type Identities = z.output<typeof IdentitiesFileSchema>;
export type SumIdentity = Identities['sums'][number];
export type WeightedRateIdentity = Identities['weightedRates'][number];
