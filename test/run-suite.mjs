// `npm test`: the typecheck and the test files at the same time, failing if either fails.
//
// Run one after the other they took the sum of both, while the tests leave the cores idle at
// times (the run's set-up builds its stores on one core; a browser test waits for a page to
// load, a server test for a child process to start): the typecheck fills those. Its output is
// held back and printed after the tests', so the two never mix.
// Arguments go to vitest: `npm test -- test/http` runs one folder, still typechecked whole.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '.bin');

/** Resolves to the exit code of a child process, 1 when it ended by a signal or could not start. */
const exitCode = (child) =>
  new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`could not run ${child.spawnfile}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });

const typecheck = spawn(
  join(bin, 'tsc'),
  // Incremental: a second run on the same checkout rechecks only what changed.
  ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/typecheck.tsbuildinfo'],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
);
let typecheckOutput = '';
typecheck.stdout.on('data', (chunk) => (typecheckOutput += chunk));
typecheck.stderr.on('data', (chunk) => (typecheckOutput += chunk));
const typechecked = exitCode(typecheck);

const tested = exitCode(spawn(join(bin, 'vitest'), ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }));

const testsCode = await tested;
const typecheckCode = await typechecked;
if (typecheckCode === 0) {
  console.log('typecheck: no errors');
} else {
  process.stdout.write(typecheckOutput);
  console.log(`typecheck: failed (tsc exited ${typecheckCode})`);
}
process.exit(testsCode !== 0 ? testsCode : typecheckCode);
