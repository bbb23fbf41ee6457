// `npm run build`: the server and the seed command, each bundled with its dependencies into
// dist/src by esbuild. A few files start several times faster than the hundreds of modules they
// replace, each resolved and compiled on its own. Type checking is `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startCommand } from './start-command.mjs';

/**
 * Some dependencies read files of their own package from disk (Swagger UI's static files, a
 * package.json) relative to `__dirname`. In the bundle that name is given the directory the file
 * came from, found from the bundle's own place in the project at run time.
 */
const packageFiles = {
  name: 'package-files',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/, namespace: 'file' }, async ({ path }) => {
      const contents = await dependencySource(path);
      if (!/\b__(dirname|filename)\b/.test(contents)) return { contents, loader: 'js' };
      const dir = JSON.stringify(relative(process.cwd(), dirname(path)));
      const file = JSON.stringify(relative(process.cwd(), path));
      return {
        contents: `var __dirname = __projectPath(${dir}), __filename = __projectPath(${file});\n${contents}`,
        loader: 'js',
      };
    });
  },
};

/**
 * zod carries its error messages in 50 languages, a third of its code, and offers them all as
 * `z.locales`. The service answers problems in its own words and zod's default English messages
 * are all it uses, so the bundle's `locales` holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(importer) ? { path: join(dirname(importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path }) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(path),
      loader: 'js',
    }));
  },
};

/**
 * Start-up time is mostly loading code, so a few dependencies' loads are put off until they are
 * used, with the same results:
 * - Node loads its fetch implementation (about 20 ms) the first time anything reads the global
 *   `Response`, and @fastify/compress reads it on every reply to see whether the payload is one; a
 *   payload without an `arrayBuffer` method cannot be a Response, so that is looked at first.
 * - @fastify/static needs glob only to list the files of a directory served without a wildcard
 *   (Swagger UI's is served with one); @fastify/rate-limit needs ip-address only for IPv6 clients;
 *   @fastify/swagger and Swagger UI need yaml only for the YAML document, and @fastify/swagger
 *   its reference resolver only to generate the document.
 * - @fastify/compress needs mime-db only to ask whether a type is compressible, on the first reply
 *   with a body over its threshold, and minipass and readable-stream only for streamed bodies (ours
 *   are strings and Buffers); accepts needs mime-types only for a type given as a file extension.
 * - pino needs thread-stream only for a transport (a worker thread); logs here go to stdout.
 * - Fastify needs Node's http2 and https (and with them tls, about 10 ms) only for a server over
 *   HTTP/2 or TLS; this one speaks plain HTTP/1.1 behind its proxy.
 * Each rewrite must find its text, so a changed dependency fails the build instead of being missed.
 */
const lazyYaml = "const yaml = new Proxy({}, { get: (_, name) => require('yaml')[name] })";
/** A class of a package loaded when first constructed; `new` returns the object the wrapper returns. */
const lazyClass = (name, pkg) => `function ${name} (...args) { return new (require('${pkg}').${name})(...args) }`;
const deferred = [
  ['@fastify/compress/lib/utils.js', 'return obj instanceof Response', "return typeof obj?.arrayBuffer === 'function' && obj instanceof Response"],
  ['@fastify/static/index.js', "const { glob } = require('glob')", "const glob = (...args) => require('glob').glob(...args)"],
  ['@fastify/rate-limit/index.js', "const { Address6 } = require('ip-address')", "function Address6 (...args) { return new (require('ip-address').Address6)(...args) }"],
  ['@fastify/swagger/lib/spec/openapi/index.js', "const yaml = require('yaml')", lazyYaml],
  ['@fastify/swagger-ui/lib/routes.js', "const yaml = require('yaml')", lazyYaml],
  ['@fastify/swagger/lib/util/add-hook.js', "const Ref = require('json-schema-resolver')", "const Ref = (...args) => require('json-schema-resolver')(...args)"],
  ['@fastify/compress/index.js', "const mimedb = require('mime-db')", 'let mimedb'],
  ['@fastify/compress/index.js', 'const data = mimedb[', "const data = (mimedb ??= require('mime-db'))["],
  ['@fastify/compress/index.js', "const { Minipass } = require('minipass')", lazyClass('Minipass', 'minipass')],
  ['@fastify/compress/index.js', "const { Readable } = require('readable-stream')", "const Readable = { from: (...args) => require('readable-stream').Readable.from(...args) }"],
  ['@fastify/compress/lib/utils.js', "const { Transform } = require('readable-stream')", lazyClass('Transform', 'readable-stream')],
  ['accepts/index.js', "var mime = require('mime-types')", "var mime = { lookup: (type) => require('mime-types').lookup(type) }"],
  ['fastify/lib/server.js', "const https = require('node:https')", "const https = { createServer: (...args) => require('node:https').createServer(...args) }"],
  ['fastify/lib/server.js', "const http2 = require('node:http2')", "const http2 = { createServer: (...args) => require('node:http2').createServer(...args), createSecureServer: (...args) => require('node:http2').createSecureServer(...args) }"],
  ['pino/lib/transport.js', "const ThreadStream = require('thread-stream')", lazyClass('ThreadStream', 'thread-stream')],
];
/** The text of a dependency's file, with the rewrites above applied. */
async function dependencySource(path) {
  let contents = await readFile(path, 'utf8');
  for (const [file, from, to] of deferred) {
    if (!path.replaceAll('\\', '/').endsWith(`/node_modules/${file}`)) continue;
    if (!contents.includes(from)) throw new Error(`${path}: expected to find ${from}`);
    contents = contents.replace(from, to);
  }
  return contents;
}

/**
 * Packages the server may never need, left out of the bundle so that start-up does not even parse
 * them, and loaded from node_modules if they are needed: Fastify's default JSON Schema compilers
 * (every schema here is zod) and the packages put off above. Each must be the very copy its
 * dependent would load, or the build fails.
 */
const onDemand = {
  '@fastify/ajv-compiler': 'fastify',
  '@fastify/fast-json-stringify-compiler': 'fastify',
  glob: '@fastify/static',
  'ip-address': '@fastify/rate-limit',
  yaml: '@fastify/swagger',
  'json-schema-resolver': '@fastify/swagger',
  'mime-db': '@fastify/compress',
  minipass: '@fastify/compress',
  'readable-stream': '@fastify/compress',
  'mime-types': 'accepts',
  'thread-stream': 'pino',
  // Fastify loads it on the first `inject`, which only tests and tools call.
  'light-my-request': 'fastify',
};
const fromProject = createRequire(`${process.cwd()}/package.json`);
for (const [name, dependent] of Object.entries(onDemand)) {
  const fromDependent = createRequire(fromProject.resolve(`${dependent}/package.json`)).resolve(name);
  if (fromDependent !== fromProject.resolve(name)) throw new Error(`${dependent} uses another copy of ${name} than the project's`);
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded from node_modules at run time: a native addon, and libraries the app loads only
  // when first needed (charts, RDF).
  external: ['better-sqlite3', 'echarts', 'jsonld', 'n3', ...Object.keys(onDemand)],
  // Smaller sources parse faster and take less memory. Identifiers keep their names: Fastify
  // reads plugin names, and the app finds one of Fastify's hooks by its name. esbuild's
  // `keepNames` would keep them under minified identifiers too, but by calling a helper for every
  // function it defines, including the closures Fastify makes for each request: about 5 % of a
  // cached answer's processor time, and more start-up work.
  // `npm run build -- --no-minify` keeps the whitespace too, for profiles (`node --cpu-prof`).
  minifyWhitespace: !process.argv.includes('--no-minify'),
  minifySyntax: !process.argv.includes('--no-minify'),
  minifyIdentifiers: false,
  keepNames: false,
  legalComments: 'none',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [packageFiles, zodEnglishOnly],
};

// Dependencies written as CommonJS call `require`, which an ES module does not have; the project
// root is two levels above every file of the bundle (dist/src).
const banner = (up) => [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  `const __projectPath = (path) => __fileURLToPath(new URL('${up}' + path, import.meta.url));`,
].join(' ');

await rm('dist', { recursive: true, force: true });
/** Names the app looks functions up by must survive bundling (esbuild renames on collisions). */
const namesRelied = { 'headRouteOnSendHandler': 'src/http/route-hooks.ts' };

/**
 * The server is one CommonJS file, which dist/src/server.js (src/launch/server.ts) compiles with
 * V8's code cache: Node 20 accepts a code cache for a script, not for an ES module. The app's
 * modules are reached only through server.ts's `import('./app.js')`, so esbuild wraps them to run
 * on that call, and a bad store fails before any of them runs. Dependencies' `__dirname` and
 * `import.meta.url` are given the bundle's own place, as for the ES modules above.
 */
const commonJsBanner = [
  // The ES modules were strict; as the function body Node's loader wraps the file in, so is this.
  '"use strict";',
  "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  // As far as a CommonJS file can: resolved by require's rules, not by the `import` conditions.
  "const __importMetaResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
  "const __projectPath = (path) => require('node:path').join(__dirname, '../../', path);",
].join(' ');

// `npm run build -- --metafile` also writes what each output file holds to dist/server-meta.json
// (esbuild's bundle analyzer reads it), to see what start-up has to load.
const metafile = process.argv.includes('--metafile');
// The loader first: the file names it reads are given by its code-cache module.
await build({ ...common, entryPoints: { server: 'src/launch/server.ts', 'code-cache': 'src/launch/code-cache.ts' }, outdir: 'dist/src' });
const { SERVER_BUNDLE_FILE } = await import(pathToFileURL('dist/src/code-cache.js').href);
/** CommonJS beside the server bundle, with the same banner. */
const commonJs = {
  ...common,
  format: 'cjs',
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__importMetaUrl', 'import.meta.resolve': '__importMetaResolve' },
  outdir: 'dist/src',
  outExtension: { '.js': '.cjs' },
  banner: { js: commonJsBanner },
};
// The offload worker's entry point (src/offload), which the server bundle starts by this file name.
const OFFLOAD_WORKER_FILE = 'offload-worker.cjs';
const [server] = await Promise.all([
  build({ ...commonJs, entryPoints: { [SERVER_BUNDLE_FILE.replace(/\.cjs$/, '')]: 'src/server.ts' }, metafile }),
  build({ ...commonJs, entryPoints: { [OFFLOAD_WORKER_FILE.replace(/\.cjs$/, '')]: 'src/offload/worker.ts' } }),
  build({ ...common, entryPoints: ['src/cli/seed.ts'], outdir: 'dist/src/cli', banner: { js: banner('../../../') } }),
]);
if (metafile) await writeFile('dist/server-meta.json', JSON.stringify(server.metafile));
const bundle = await readFile(join('dist/src', SERVER_BUNDLE_FILE), 'utf8');
for (const [name, reader] of Object.entries(namesRelied)) {
  if (!bundle.includes(`function ${name}(`)) throw new Error(`the bundle has no function named ${name}, which ${reader} looks for`);
}
if (!bundle.includes(`"${OFFLOAD_WORKER_FILE}"`)) throw new Error(`the bundle does not start its offload worker as ${OFFLOAD_WORKER_FILE}, the file built for it`);

/**
 * The code cache is made by a start of the server itself, up to its first `/health` 200, on a store
 * seeded for the purpose, and with the node options `npm start` uses and no others (none from
 * NODE_OPTIONS): V8 refuses a cache made under other flags. A second process then checks that V8
 * takes it under those options, and the build fails if not. `npm run build -- --no-code-cache`
 * leaves it out (the server then parses and compiles at every start).
 */
if (!process.argv.includes('--no-code-cache')) {
  const dir = await mkdtemp(join(tmpdir(), 'ind-build-'));
  try {
    const databasePath = join(dir, 'ind.sqlite');
    execFileSync(process.execPath, ['dist/src/cli/seed.js'], { env: { ...process.env, DATABASE_PATH: databasePath }, stdio: ['ignore', 'ignore', 'inherit'] });
    const start = startCommand(process.cwd());
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const producer = (argument) =>
      execFileSync(process.execPath, [...start.options, 'scripts/write-code-cache.mjs', argument], {
        env: { ...env, ...start.env },
        stdio: ['ignore', 'ignore', 'inherit'],
        timeout: 60_000,
      });
    producer(databasePath);
    producer('--check');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
