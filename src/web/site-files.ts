import type { Dataset } from '../data/dataset.js';
import { LANGUAGES } from '../domain.js';
import { escapeHtml } from './escape.js';

/** Every page of the explorer: the front page and one page per table of the data. */
export function explorerPaths(dataset: Dataset): string[] {
  return ['/', ...dataset.tables.map((t) => `/tables/${t.id}`)];
}

/** A page's address in one language; the language switch and search engines use the same form. */
export const pageUrl = (publicUrl: string, path: string, lang: string) => `${publicUrl}${path}?lang=${lang}`;

/** Crawlers may read everything; the sitemap lists the pages. */
export function robotsTxt(publicUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${publicUrl}/sitemap.xml\n`;
}

/**
 * Every page in every language, each with its translations as alternates, so search engines
 * show people the page in their own language.
 */
export function sitemapXml(publicUrl: string, paths: string[]): string {
  const url = (path: string, lang: string) => {
    const alternates = LANGUAGES.map(
      (l) => `    <xhtml:link rel="alternate" hreflang="${l}" href="${escapeHtml(pageUrl(publicUrl, path, l))}"/>\n`,
    ).join('');
    return `  <url>\n    <loc>${escapeHtml(pageUrl(publicUrl, path, lang))}</loc>\n${alternates}  </url>\n`;
  };
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    paths.flatMap((path) => LANGUAGES.map((lang) => url(path, lang))).join('') +
    '</urlset>\n'
  );
}
