import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * Debian's Chromium for the browser tests, driven by playwright-core. Where none can be had the
 * suites skip with a message saying so, never fail.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM) {
  console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
}

export const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-extensions', '--disable-dev-shm-usage', '--disable-features=site-per-process,Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AcceptCHFrame', '--renderer-process-limit=2', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--mute-audio', '--no-default-browser-check', '--password-store=basic', '--use-mock-keychain'],
};

/** Starts the app on a free loopback port, for a browser to load, and gives its base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
