import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWithCodeCache, SERVER_BUNDLE_FILE, SERVER_CODE_CACHE_FILE } from './code-cache.js';
import { deferOptimizingCompiler } from './optimizing-compiler.js';

/**
 * `node dist/src/server.js`: runs the server bundle (src/server.ts and everything it loads, built
 * into one CommonJS file) from the V8 code cache that `npm run build` made for it, which saves
 * the parse and the compilation of every function start-up calls. Without a usable cache the
 * server starts just the same, only slower, and says so on stderr when the cache was refused.
 * V8's optimizing compiler waits until the server listens (see optimizing-compiler.ts).
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const bundleFile = join(here, SERVER_BUNDLE_FILE);
const cacheFile = join(here, SERVER_CODE_CACHE_FILE);

const bundle = compileWithCodeCache(bundleFile, cacheFile);
if (bundle.status === 'rejected') {
  process.stderr.write(`ind-statistics-api: the code cache ${cacheFile} does not fit this bundle, Node version or V8 options; starting without it\n`);
}
const optimizeFromNowOn = deferOptimizingCompiler();
const { listening } = bundle.run() as { listening: Promise<void> };
void listening.then(optimizeFromNowOn);
