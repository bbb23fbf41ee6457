import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/helpers/slow-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The seeded store is built once per run (test/helpers/global-setup.ts); each app opens a copy.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Test files share their worker's loaded modules instead of importing the whole app again
    // per file: every file builds its own app and store, and no test changes module state.
    pool: 'threads',
    isolate: false,
    // The machine has two cores; more workers only queue.
    maxWorkers: 2,
    // The longest files start first, so that none is left to run alone at the end.
    sequence: { sequencer: SlowFilesFirst },
    // Generous: a timeout only catches a hang, and a loaded machine must not fail a sound test.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
