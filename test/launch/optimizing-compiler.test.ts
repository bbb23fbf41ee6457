import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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

  it.each([['--no-opt'], ['--max-opt=2'], ['--no_turbofan'], ['--jitless']])('leaves the compiler alone when the node options already say %s', async (option) => {
    // The child runs with the compiler on; told of the option, the function must not touch it.
    expect(await inChild([option])).toEqual({ held: true, after: true, heldOneAfter: true });
  });
});
