import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client-script.js';
import { ICON_ICO, ICON_SVG } from './icon.js';
import { STYLES } from './styles.js';

export interface Asset {
  path: string;
  type: string;
  body: string | Buffer;
  /** Changes whenever the content does, so the URL can be cached for long. */
  version: string;
}

const asset = (path: string, type: string, body: string | Buffer): Asset => ({
  path,
  type,
  body,
  version: createHash('sha256').update(body).digest('hex').slice(0, 12),
});

/** The pages' stylesheet, script and icons, served from this origin so the CSP needs no inline code. */
export const ASSETS = {
  css: asset('/assets/explorer.css', 'text/css; charset=utf-8', STYLES),
  js: asset('/assets/explorer.js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT),
  icon: asset('/assets/icon.svg', 'image/svg+xml', ICON_SVG),
  // Browsers ask for /favicon.ico on their own, so it lives at that fixed path too.
  ico: asset('/favicon.ico', 'image/x-icon', ICON_ICO),
} as const;

/** The asset's address with its version: what the pages link to, cacheable for good. */
export const assetUrl = (a: Asset) => `${a.path}?v=${a.version}`;
