import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

/** The server bundle and its code cache, in dist/src beside the loader. */
export const SERVER_BUNDLE_FILE = 'server-bundle.cjs';
export const SERVER_CODE_CACHE_FILE = 'server-bundle.v8-cache';

/**
 * Whether V8 started from the code cache: `absent` when there is no cache file (or it cannot be
 * read), `rejected` when it was made for other source, by another Node version or with other V8 options.
 */
export type CodeCacheStatus = 'used' | 'absent' | 'rejected';

export interface CompiledBundle {
  status: CodeCacheStatus;
  /** Runs the file's top level once, as Node runs a CommonJS module, and returns its exports. */
  run(): unknown;
  /** The code cache for the file as it stands: the bytecode of every function compiled so far, after the digest of the source it belongs to. */
  codeCache(): Buffer;
}

/**
 * Compiles a CommonJS file as Node's own loader does, but with V8's code cache when one is given.
 * Node 20 keeps no code cache for files of its users, so every start parses the server bundle
 * and compiles each function it calls; a cache made by a run that went as far as a ready server
 * holds all of that already. A cache that does not match is ignored and costs only time.
 *
 * V8 checks a cache against its own version and flags but, of the source, only its length: a
 * cache made for a bundle edited in place to the same length would run the old code. So the
 * cache file begins with the SHA-256 digest of the source it was made for, and one made for
 * other source is not given to V8 at all.
 */
export function compileWithCodeCache(file: string, cacheFile: string): CompiledBundle {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  const cache = readIfPresent(cacheFile);
  const forThisSource = cache !== undefined && cache.length > digest.length && digest.equals(cache.subarray(0, digest.length));
  const script = new Script(Module.wrap(bytes.toString('utf8')), {
    filename: file,
    cachedData: forThisSource ? cache.subarray(digest.length) : undefined,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status: CodeCacheStatus = cache === undefined ? 'absent' : !forThisSource || script.cachedDataRejected ? 'rejected' : 'used';
  return {
    status,
    run() {
      const module = { exports: {} as unknown };
      const moduleFunction = script.runInThisContext() as (...args: unknown[]) => void;
      moduleFunction.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
      return module.exports;
    },
    codeCache: () => Buffer.concat([digest, script.createCachedData()]),
  };
}

/** The cache is optional: one that cannot be read is as good as none. */
function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
