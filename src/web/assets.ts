import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client-script.js';
import { STYLES } from './styles.js';

export interface Asset {
  path: string;
  type: string;
  body: string;
  /** Changes whenever the content does, so the URL can be cached for long. */
  version: string;
}

const asset = (path: string, type: string, body: string): Asset => ({
  path,
  type,
  body,
  version: createHash('sha256').update(body).digest('hex').slice(0, 12),
});

/** The pages' stylesheet and script, served from this origin so the CSP needs no inline code. */
export const ASSETS = {
  css: asset('/assets/explorer.css', 'text/css; charset=utf-8', STYLES),
  js: asset('/assets/explorer.js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT),
} as const;

export const assetUrl = (a: Asset) => `${a.path}?v=${a.version}`;
