// Makes the server bundle's V8 code cache: run by `npm run build` as
// `node <npm start's node options> scripts/write-code-cache.mjs <store>`. It starts the server from
// the bundle in this process, on the given store and a free loopback port, waits for its first
// `/health` 200, and writes the cache then, so that it holds every function start-up compiled.
import { rmSync, writeFileSync } from 'node:fs';
import { get, createServer } from 'node:http';
import { join } from 'node:path';
import { compileWithCodeCache, SERVER_BUNDLE_FILE, SERVER_CODE_CACHE_FILE } from '../dist/src/code-cache.js';

const dist = join(import.meta.dirname, '..', 'dist', 'src');
const cacheFile = join(dist, SERVER_CODE_CACHE_FILE);
const [databasePath] = process.argv.slice(2);
if (!databasePath) throw new Error('usage: node scripts/write-code-cache.mjs <store>');

const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
  probe.on('error', reject);
});
Object.assign(process.env, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, LOG_LEVEL: 'info' });

rmSync(cacheFile, { force: true });
const bundle = compileWithCodeCache(join(dist, SERVER_BUNDLE_FILE), cacheFile);
bundle.run();

const health = () =>
  new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', () => resolve(0));
  });
const deadline = Date.now() + 30_000;
while ((await health()) !== 200) {
  if (Date.now() > deadline) throw new Error('the server did not answer /health with 200 within 30 s');
  await new Promise((resolve) => setTimeout(resolve, 5));
}
writeFileSync(cacheFile, bundle.codeCache());
process.exit(0);
