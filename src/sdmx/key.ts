import { SdmxError } from './errors.js';

/** Per dimension, the codes asked for; `null` is a wildcard. */
export type KeyFilter = (Set<string> | null)[];

const CODE = /^[A-Za-z0-9_@$-]+$/;

/**
 * A series key as SDMX REST writes it: codes separated by dots in the structure's dimension order,
 * an empty position (2.1) or `*` (3.x) as a wildcard, `+` between alternatives, `all` (2.1) or
 * `*` for everything. SDMX REST 2.x also lets trailing positions be left out.
 */
export function parseKey(text: string | undefined, dimensions: string[], options: { allowShort?: boolean } = {}): KeyFilter {
  if (text === undefined || text === '' || text === 'all' || text === '*') return dimensions.map(() => null);
  const parts = text.split('.');
  const tooShort = parts.length < dimensions.length && !options.allowShort;
  if (parts.length > dimensions.length || tooShort) {
    throw new SdmxError('syntax', `The key "${text}" has ${parts.length} positions; this dataflow's key has ${dimensions.length} (${dimensions.join('.')}).`, 'key');
  }
  return dimensions.map((_, i) => {
    const part = parts[i];
    if (part === undefined || part === '' || part === '*') return null;
    const codes = part.split('+');
    const bad = codes.find((c) => !CODE.test(c));
    if (bad !== undefined) throw new SdmxError('syntax', `"${bad}" in the key "${text}" is not a code.`, 'key');
    return new Set(codes.map((c) => c.toUpperCase()));
  });
}

export const keyMatches = (filter: KeyFilter, codes: string[]): boolean => filter.every((f, i) => f === null || f.has(codes[i]!));
