import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decideOnOptimizingCompiler } from '../../src/launch/optimizing-compiler.js';

/** Runs the child script in a process of its own and returns what it found. */
async function inChild(nodeOptionsGiven: string[] = []) {
  const args = ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', join(import.meta.dirname, 'optimizing-compiler-child.ts'), ...nodeOptionsGiven];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: join(import.meta.dirname, '..', '..') });
  return JSON.parse(stdout) as { held: boolean; after: boolean; heldOneAfter: boolean };
}

describe('deferOptimizingCompiler, in a process of its own', () => {
  it('keeps a hot function unoptimized until it is told to stop, and V8 optimizes as usual from then on', async () => {
    expect(await inChild()).toEqual({ held: false, after: true, heldOneAfter: true });
  });

  it('leaves the compiler alone when the node options already decide about it', async () => {
    // The child runs with the compiler on; told of --jitless, the function must not touch it.
    expect(await inChild(['--jitless'])).toEqual({ held: true, after: true, heldOneAfter: true });
  });
});

describe('decideOnOptimizingCompiler', () => {
  it.each(['--no-opt', '--opt', '--max-opt=2', '--no_turbofan', '--turbofan', '--jitless', '--lite-mode', '--always-turbofan'])('%s decides', (option) => {
    expect(decideOnOptimizingCompiler(['--max-semi-space-size=2', option])).toBe(true);
  });

  it.each(['--optimize-for-size', '--max-semi-space-size=2', '--heap-growing-percent=15', '--optional', ''])('%s does not', (option) => {
    expect(decideOnOptimizingCompiler([option])).toBe(false);
  });
});
