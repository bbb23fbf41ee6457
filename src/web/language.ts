import { LANGUAGES, type Language } from '../domain.js';

export const LANGUAGE_COOKIE = 'lang';

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/**
 * Which language a page is shown in: an explicit `?lang=` first (the switch), then the remembered
 * choice (cookie), then the browser's `Accept-Language`, and English where none of them decides.
 * `negotiate` is the request's Accept-Language negotiation over our languages (false if none fits).
 */
export function chooseLanguage(query: string | undefined, cookie: string | undefined, negotiate: (offered: string[]) => string | false): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  const negotiated = negotiate(['en', 'nl']);
  return isLanguage(negotiated) ? negotiated : 'en';
}
