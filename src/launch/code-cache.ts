import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

/** The server bundle and its code cache, in dist/src beside the loader. */
export const SERVER_BUNDLE_FILE = 'server-bundle.cjs';
export const SERVER_CODE_CACHE_FILE = 'server-bundle.v8-cache';

/** Whether V8 started from the code cache: `absent` with no cache file, `rejected` when it was made by another Node or with other V8 flags. */
export type CodeCacheStatus = 'used' | 'absent' | 'rejected';

export interface CompiledBundle {
  status: CodeCacheStatus;
  /** Runs the file's top level once, as Node runs a CommonJS module, and returns its exports. */
  run(): unknown;
  /** V8's code cache for the file as it stands: the bytecode of every function compiled so far. */
  codeCache(): Buffer;
}

/**
 * Compiles a CommonJS file as Node's own loader does, but with V8's code cache when one is given.
 * Node 20 keeps no code cache for files of its users, so every start parses the server bundle
 * and compiles each function it calls; a cache made by a run that went as far as a ready server
 * holds all of that already. A cache that does not match is ignored by V8 and costs only time.
 */
export function compileWithCodeCache(file: string, cacheFile: string): CompiledBundle {
  const cachedData = readIfPresent(cacheFile);
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status: CodeCacheStatus = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  return {
    status,
    run() {
      const module = { exports: {} as unknown };
      const moduleFunction = script.runInThisContext() as (...args: unknown[]) => void;
      moduleFunction.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
      return module.exports;
    },
    codeCache: () => script.createCachedData(),
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
