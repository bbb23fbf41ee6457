import { SdmxError } from './errors.js';
import { periodSpan } from './periods.js';

/**
 * The `c[COMPONENT]=…` filters of SDMX REST 2.x: `,` separates alternatives (OR), `+` joins
 * conditions (AND), and each condition may carry an operator prefix such as `ge:`.
 */
const OPERATORS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'co', 'nc', 'sw', 'ew'] as const;
type Operator = (typeof OPERATORS)[number];

interface Condition {
  op: Operator;
  value: string;
}

export interface ComponentFilter {
  component: string;
  /** Alternatives (OR) of conjunctions (AND). */
  any: Condition[][];
}

export function parseComponentFilter(component: string, text: string): ComponentFilter {
  const any = text.split(',').map((alt) =>
    alt.split('+').map((part): Condition => {
      const m = /^([a-z]{2}):(.*)$/.exec(part);
      if (!m) return { op: 'eq', value: part };
      if (!(OPERATORS as readonly string[]).includes(m[1]!)) {
        throw new SdmxError('syntax', `c[${component}]: unknown operator "${m[1]}"; use one of ${OPERATORS.join(', ')}.`, `c[${component}]`);
      }
      return { op: m[1] as Operator, value: m[2]! };
    }),
  );
  if (component === 'TIME_PERIOD') for (const c of any.flat()) periodSpan(c.value, `c[${component}]`);
  return { component, any };
}

/** Compares by calendar span for time, by number for numbers, and as text for codes. */
function compare(component: string, actual: string, wanted: string): number {
  if (component === 'TIME_PERIOD') {
    const [a0, a1] = periodSpan(actual, component);
    const [w0, w1] = periodSpan(wanted, component);
    if (a1 < w0) return -1;
    if (a0 > w1) return 1;
    return 0;
  }
  const a = Number(actual);
  const w = Number(wanted);
  if (actual !== '' && wanted !== '' && !Number.isNaN(a) && !Number.isNaN(w)) return a - w;
  return actual.toUpperCase() < wanted.toUpperCase() ? -1 : actual.toUpperCase() > wanted.toUpperCase() ? 1 : 0;
}

function holds(component: string, actual: string | undefined, c: Condition): boolean {
  if (actual === undefined) return c.op === 'ne' || c.op === 'nc';
  const text = actual.toUpperCase();
  const wanted = c.value.toUpperCase();
  switch (c.op) {
    case 'co': return text.includes(wanted);
    case 'nc': return !text.includes(wanted);
    case 'sw': return text.startsWith(wanted);
    case 'ew': return text.endsWith(wanted);
    default: {
      const d = compare(component, actual, c.value);
      return { eq: d === 0, ne: d !== 0, lt: d < 0, le: d <= 0, gt: d > 0, ge: d >= 0 }[c.op];
    }
  }
}

export const filterHolds = (f: ComponentFilter, actual: string | undefined): boolean =>
  f.any.some((all) => all.every((c) => holds(f.component, actual, c)));
