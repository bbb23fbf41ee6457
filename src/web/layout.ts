import type { Language } from '../domain.js';
import { html, jsonForScript, trusted, type SafeHtml } from './escape.js';
import { LANGUAGE_NAMES, MESSAGES } from './i18n.js';
import { ASSETS, assetUrl } from './assets.js';
import { jsonLdRenderer } from '../http/renderers/index.js';

export interface LayoutInput {
  lang: Language;
  /** The page's own title; the site's name is appended. */
  title: string;
  description: string;
  /** Path of this page without query, for the language switch and alternates. */
  path: string;
  main: SafeHtml;
  /** Links to the same content in the API (`<link rel="alternate">`). */
  alternates?: { href: string; type: string }[];
  /**
   * schema.org description of the page's dataset. When given, it is written into the head as a
   * `<script type="application/ld+json">` block (the JSON-LD slot).
   */
  jsonLd?: object;
}

/** The frame every page shares: head, header with the language switch, main, footer. */
export function layout(input: LayoutInput): string {
  const m = MESSAGES[input.lang];
  const languages = (['nl', 'en'] as const).map(
    (l) => html`<li><a href="${input.path}?lang=${l}" hreflang="${l}" lang="${l}"${trusted(l === input.lang ? ' aria-current="true"' : '')}>${LANGUAGE_NAMES[l]}</a></li>`,
  );
  const page = html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · ${m.siteTitle}</title>
<meta name="description" content="${input.description}">
${(['nl', 'en'] as const).map((l) => html`<link rel="alternate" hreflang="${l}" href="${input.path}?lang=${l}">`)}
${(input.alternates ?? []).map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}">`)}
<link rel="stylesheet" href="${assetUrl(ASSETS.css)}">
<!-- JSON-LD slot: the page's schema.org Dataset goes here -->
${input.jsonLd ? html`<script type="${jsonLdRenderer.mediaType}">${jsonForScript(input.jsonLd)}</script>` : ''}
<script src="${assetUrl(ASSETS.js)}" defer></script>
</head>
<body>
<a class="skip" href="#main">${m.skipToContent}</a>
<header class="site-header">
  <div class="inner">
    <div>
      <p class="site-title"><a href="/">${m.siteTitle}</a></p>
      <p class="tagline">${m.siteTagline}</p>
    </div>
    <nav class="lang-switch" aria-label="${m.languageSwitch}"><ul>${languages}</ul></nav>
  </div>
</header>
<main id="main" tabindex="-1">
${input.main}
</main>
<footer class="site-footer">
  <p>${m.license} ${m.derivedNote}</p>
  <nav aria-label="${m.apiLinks}"><ul>
    <li><a href="/v1">${m.apiFrontDoor}</a></li>
    <li><a href="/docs">${m.apiDocs}</a></li>
    <li><a href="/openapi.json">OpenAPI</a></li>
  </ul></nav>
</footer>
</body>
</html>
`;
  return page.value;
}
