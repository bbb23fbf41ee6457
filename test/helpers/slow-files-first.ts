import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first: the browser tests, the generated requests, the
 * server in its own process, the linters. Vitest otherwise orders by the last run's durations
 * when it has them, but on a fresh checkout (as in CI) by file size, and several of these are
 * small: started last, one would run alone at the end while the other worker has nothing to do.
 */
const SLOW = [
  'test/e2e/pages.test.ts',
  'test/e2e/lighthouse.test.ts',
  'test/http/fuzz.test.ts',
  'test/http/head-get.test.ts',
  'test/server.test.ts',
  'test/e2e/docs.test.ts',
  'test/http/pages.test.ts',
  'test/http/openapi-lint.test.ts',
];

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = SLOW.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return i === -1 ? SLOW.length : i;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
