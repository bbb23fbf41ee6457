import { describe, expect, it } from 'vitest';
import { compareReleases, currentVintage, earliestDay, latestDay, releasesPublishedBy } from '../../src/data/releases.js';
import type { HistoryEntry, ReleaseInfo } from '../../src/data/types.js';

const release = (id: string, known: string, kind: ReleaseInfo['kind'] = 'annual-report'): ReleaseInfo => ({
  id, title: id, name: { nl: id, en: id }, language: 'nl', publisher: { nl: 'x', en: 'x' }, url: null, kind,
  published: { date: known.length === 10 ? known : null, known, basis: known.length === 10 ? 'shown' : 'partial' },
  citation: { nl: id, en: id }, citationStated: false, note: null,
});

const vintage = (release: string, value: number, precision: HistoryEntry['precision'], step: number | null = null): HistoryEntry => ({
  release, value, precision, step, qualifier: precision === 'approximate' ? 'about' : null, note: null, printedYear: null, revision: false,
});

describe('publication dates', () => {
  it('reads a partial date as the days it can stand for', () => {
    expect([earliestDay('2018'), latestDay('2018')]).toEqual(['2018-01-01', '2018-12-31']);
    expect([earliestDay('2016-05'), latestDay('2016-05')]).toEqual(['2016-05-01', '2016-05-31']);
    expect(latestDay('2016-02')).toBe('2016-02-29');
    expect([earliestDay('2019-02-06'), latestDay('2019-02-06')]).toEqual(['2019-02-06', '2019-02-06']);
  });

  it('orders releases totally: by first possible day, then kind, then id', () => {
    const list = [
      release('b', '2018-04-30', 'government-report'),
      release('a', '2018'),
      release('c', '2018-01-17', 'asylum-figures'),
      release('d', '2018-01-01', 'asylum-figures'),
      release('e', '2016-05', 'ministry-accounts'),
    ];
    expect([...list].sort(compareReleases).map((r) => r.id)).toEqual(['e', 'a', 'd', 'c', 'b']);
    expect([...list].reverse().sort(compareReleases).map((r) => r.id)).toEqual(['e', 'a', 'd', 'c', 'b']);
  });

  it('counts a release as out by a date only when all the days it can stand for have passed', () => {
    const list = [release('year', '2018'), release('day', '2018-01-17')];
    expect(releasesPublishedBy(list, '2018-03-01').map((r) => r.id)).toEqual(['day']);
    expect(releasesPublishedBy(list, '2018-12-31').map((r) => r.id)).toEqual(['year', 'day']);
    expect(releasesPublishedBy(list, '2017-12-31')).toEqual([]);
  });
});

describe('the value rule', () => {
  it('serves the most recent release\'s value', () => {
    expect(currentVintage([vintage('old', 100, 'exact'), vintage('new', 120, 'exact')])?.release).toBe('new');
    expect(currentVintage([vintage('old', 100, 'exact'), vintage('new', 130, 'rounded', 10)])?.release).toBe('new');
  });

  it('prefers an earlier exact value that the latest rounded value rounds', () => {
    // 14,716 exact, then 14,720 in tens: they agree, and the exact one says more.
    const chosen = currentVintage([vintage('a', 14720, 'rounded', 10), vintage('b', 14716, 'exact'), vintage('c', 14720, 'rounded', 10)]);
    expect(chosen).toMatchObject({ release: 'b', value: 14716 });
  });

  it('keeps the latest value when no exact value lies within its rounding, and never prefers over an approximate one', () => {
    expect(currentVintage([vintage('a', 14706, 'exact'), vintage('b', 14720, 'rounded', 10)])?.release).toBe('b');
    expect(currentVintage([vintage('a', 3990, 'exact'), vintage('b', 4000, 'approximate')])?.release).toBe('b');
    expect(currentVintage([])).toBeUndefined();
  });
});
