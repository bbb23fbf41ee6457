/**
 * Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) as the browser tests and
 * `npm run audit:pages` start it: headless, and without the background services a test run
 * never uses (sync, component updates, extensions, network prediction), which would otherwise
 * spend processor time beside the pages under test. Site isolation trials are off and renderers
 * are capped at two, so the browser starts fewer processes. `--disable-features` is left to the
 * launchers (Playwright and chrome-launcher pass their own list, and Chromium keeps the last).
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
  '--disable-site-isolation-trials',
  '--renderer-process-limit=2',
  '--mute-audio',
  '--password-store=basic',
];
