/**
 * The media types of the files crawlers fetch at fixed paths (robots.txt, sitemap.xml). They are
 * never negotiated, so they are no renderer entries; they are kept here so that every media type
 * the service writes is named in this folder.
 */
export const SITE_FILE_TYPES = {
  robots: 'text/plain; charset=utf-8',
  sitemap: 'application/xml; charset=utf-8',
} as const;
