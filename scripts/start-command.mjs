import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How `npm start` runs the server (package.json's `start` script, `[NAME=value …] node <options>
 * dist/src/server.js`): the environment it sets and the options it gives node, so that what is
 * measured, and the code cache the build makes, match what is deployed. The Dockerfile sets the same.
 * @param {string} root the project folder
 * @returns {{ env: Record<string, string>, options: string[] }}
 */
export function startCommand(root) {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const words = scripts.start.trim().split(/\s+/);
  const node = words.indexOf('node');
  if (node < 0 || words.at(-1) !== 'dist/src/server.js' || !words.slice(0, node).every((w) => /^[A-Z_]+=\S+$/.test(w))) {
    throw new Error(`the start script is not "[NAME=value …] node <options> dist/src/server.js": ${scripts.start}`);
  }
  const env = Object.fromEntries(words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  return { env, options: words.slice(node + 1, -1) };
}
