import { describe, expect, it } from 'vitest';
import { percentOf, subtract, sum } from '../../src/data/arithmetic.js';

describe('exact decimal arithmetic', () => {
  it('subtracts money without binary noise', () => {
    expect(subtract(450.2, 444)).toBe(6.2);
    expect(subtract(0.3, 0.1)).toBe(0.2);
  });

  it('sums counts and decimals exactly', () => {
    expect(sum([9690, 4220])).toBe(13910);
    expect(sum([0.1, 0.2])).toBe(0.3);
  });

  it('rounds percentages to one decimal, half away from zero', () => {
    expect(percentOf(49, 400)).toBe(12.3); // 12.25 exactly: rounds away from zero
    expect(percentOf(-49, 400)).toBe(-12.3);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(-24920, 43090)).toBe(-57.8);
    expect(percentOf(0, 100)).toBe(0);
    expect(Object.is(percentOf(-1, 100_000), 0)).toBe(true); // no negative zero
  });
});
