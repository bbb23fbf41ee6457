/**
 * Exact decimal arithmetic for the report's figures. They have at most a few decimals, so each
 * is scaled to an integer first; binary floating point would otherwise turn 450.2 − 444 into
 * 6.199999… and round 12.25 down.
 */

export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

function scaleOf(...values: number[]): number {
  return 10 ** Math.max(...values.map(decimalsOf));
}

/** b − a, exact to the decimals of its operands. */
export function subtract(b: number, a: number): number {
  const scale = scaleOf(a, b);
  return (Math.round(b * scale) - Math.round(a * scale)) / scale;
}

/** Sum, exact to the decimals of its operands. */
export function sum(values: number[]): number {
  const scale = scaleOf(...values);
  return values.reduce((acc, v) => acc + Math.round(v * scale), 0) / scale;
}

/** numerator / denominator × 100, rounded to one decimal, half away from zero. */
export function percentOf(numerator: number, denominator: number): number {
  const scale = scaleOf(numerator, denominator);
  const n = Math.round(Math.abs(numerator) * scale) * 1000;
  const d = Math.round(Math.abs(denominator) * scale);
  const tenths = Math.floor((2 * n + d) / (2 * d)); // integer half-up on magnitudes
  const sign = Math.sign(numerator) * Math.sign(denominator);
  return (sign * tenths) / 10 || 0;
}

/** Round to a number of decimals, half away from zero, for derived values shown to people. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * scale + Number.EPSILON * scale) / scale;
  return rounded || 0;
}
