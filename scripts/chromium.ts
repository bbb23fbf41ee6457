/**
 * Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) as the browser tests and
 * `npm run audit:pages` start it: headless, and without what a test run never uses, so that
 * each page costs less processor time. Every page is on one loopback origin, so one renderer
 * per site (site isolation) only adds processes, and the background services (sync, component
 * updates, translation, media routing) only add work.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--disable-features=site-per-process,Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
  '--renderer-process-limit=2',
  '--mute-audio',
  '--password-store=basic',
  '--use-mock-keychain',
];
