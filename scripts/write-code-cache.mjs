// The server bundle's V8 code cache, run by `npm run build` with the node options of `npm start`:
//   node <options> scripts/write-code-cache.mjs <store>   starts the server from the bundle in this
//     process, on the given store and a free loopback port, waits for its first `/health` 200, and
//     writes the cache then, so that it holds every function start-up compiled;
//   node <options> scripts/write-code-cache.mjs --check   compiles the bundle with that cache, as
//     the server will, and exits 1 unless V8 takes it. A process of its own: V8 answers a second
//     compile of the same source in one process from memory, without looking at the cache.
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { join } from 'node:path';
import { compileWithCodeCache, SERVER_BUNDLE_FILE, SERVER_CODE_CACHE_FILE } from '../dist/src/code-cache.js';

const dist = join(import.meta.dirname, '..', 'dist', 'src');
const bundleFile = join(dist, SERVER_BUNDLE_FILE);
const cacheFile = join(dist, SERVER_CODE_CACHE_FILE);
const [argument] = process.argv.slice(2);
if (!argument) throw new Error('usage: node scripts/write-code-cache.mjs <store> | --check');

if (argument === '--check') {
  const { status } = compileWithCodeCache(bundleFile, cacheFile);
  if (status !== 'used') {
    console.error(`V8 does not take the code cache (${status}) under these node options: ${process.execArgv.join(' ')}`);
    process.exit(1);
  }
  process.exit(0);
}

const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
  probe.on('error', reject);
});
Object.assign(process.env, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: argument, LOG_LEVEL: 'info' });

rmSync(cacheFile, { force: true });
const bundle = compileWithCodeCache(bundleFile, cacheFile);
bundle.run();

const health = () =>
  new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
const deadline = Date.now() + 30_000;
while ((await health()) !== 200) {
  if (Date.now() > deadline) throw new Error('the server did not answer /health with 200 within 30 s');
  await new Promise((resolve) => setTimeout(resolve, 5));
}
writeFileSync(cacheFile, bundle.codeCache());
process.exit(0);
