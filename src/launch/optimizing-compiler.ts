import { setFlagsFromString } from 'node:v8';

const DECIDED = /^--(no-)?(opt|turbofan|always-opt|always-turbofan|max-opt|jitless|lite-mode)(=|$)/;

/** Whether one of these node options already decides about V8's optimizing compiler (V8 reads `_` as `-`). */
export function decideOnOptimizingCompiler(nodeOptions: readonly string[]): boolean {
  return nodeOptions.some((option) => DECIDED.test(option.replaceAll('_', '-')));
}

/**
 * Keeps V8's optimizing compiler (TurboFan) idle while the server starts, and returns the function
 * that lets it work again, to be called once the server listens.
 *
 * Start-up runs almost all of its code once. A handful of its functions are still called often
 * enough for V8 to optimize them (Node's path normalisation, for one), and the first optimization
 * pages in about 3.5 MiB of the compiler's own machine code from the `node` binary, which then
 * stays resident in a server that has not yet answered anything. Optimized start-up code is never
 * run again. Once the server listens, the functions that answer requests become hot and are
 * optimized as usual.
 *
 * V8 reads this option each time it considers a function for optimization, so it can be changed
 * while the process runs (`v8.setFlagsFromString`). V8 also checks a code cache against its options:
 * the launcher compiles the bundle with its cache before it turns the option off, and the build
 * makes the cache in a process that never does (scripts/write-code-cache.mjs runs the bundle itself).
 *
 * When the node options or NODE_OPTIONS already say something about the optimizing compiler
 * (`--no-opt`, `--jitless`, …), this does nothing: they stay as given.
 */
export function deferOptimizingCompiler(nodeOptions: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]): () => void {
  if (decideOnOptimizingCompiler(nodeOptions)) return () => {};
  setFlagsFromString('--no-opt');
  return () => setFlagsFromString('--opt');
}
