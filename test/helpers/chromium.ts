import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../scripts/chromium.js';

export { CHROMIUM };

/**
 * Debian's Chromium for the browser tests, driven by playwright-core. Where none can be had the
 * suites skip with a message saying so, never fail.
 */
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM) {
  console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
}

export const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_FLAGS,
};

/** Starts the app on a free loopback port, for a browser to load, and gives its base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
