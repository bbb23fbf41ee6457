// Run by optimizing-compiler.test.ts in a process of its own, with --allow-natives-syntax (to ask
// V8 whether a function is optimized) and --no-concurrent-recompilation (so that it is optimized
// as soon as V8 decides to, not later on another thread).
// Usage: optimizing-compiler-child.ts [node options the function is told of …]; prints whether a
// hot function was optimized while the compiler was held back, and after it was let go.
import { deferOptimizingCompiler } from '../../src/launch/optimizing-compiler.js';

const statusOf = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
// V8's OptimizationStatus: bit 4 is set while the function runs optimized code.
const isOptimized = (f: unknown) => (statusOf(f) & (1 << 4)) !== 0;

function sumOfSquares(n: number) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i * i;
  return sum;
}
/** The same function as another closure, with feedback of its own. */
const sumOfSquaresAgain = new Function('n', 'let sum = 0; for (let i = 0; i < n; i++) sum += i * i; return sum;') as typeof sumOfSquares;
const makeHot = (f: typeof sumOfSquares) => {
  for (let i = 0; i < 50_000; i++) f(40);
};

const optimizeFromNowOn = deferOptimizingCompiler(process.argv.slice(2));
makeHot(sumOfSquares);
const held = isOptimized(sumOfSquares);
optimizeFromNowOn();
makeHot(sumOfSquaresAgain);
makeHot(sumOfSquares);
process.stdout.write(JSON.stringify({ held, after: isOptimized(sumOfSquaresAgain), heldOneAfter: isOptimized(sumOfSquares) }));
