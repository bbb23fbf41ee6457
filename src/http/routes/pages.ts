import cookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../domain.js';
import type { DrawCharts } from '../../web/charts.js';
import { renderErrorPage } from '../../web/error-page.js';
import { renderHome } from '../../web/home.js';
import { MESSAGES } from '../../web/i18n.js';
import { chooseLanguage, isLanguage, LANGUAGE_COOKIE } from '../../web/language.js';
import { renderTable } from '../../web/table-page.js';
import { HttpProblem } from '../problem.js';
import { jsonRenderer } from '../renderers/index.js';

const ONE_YEAR = 365 * 24 * 3600;

/** Whether a page or a redirect comes back, and in which language, depends on these request headers. */
const VARY = 'Accept, Accept-Language, Cookie';

/**
 * Pages load their stylesheet and script from this origin and nothing inline or from elsewhere.
 * `connect-src 'self'` lets tools that read the site's own files from the page's context (Lighthouse
 * fetches robots.txt that way) do so; the page's own script makes no requests.
 */
const PAGE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * schema.org description of the dataset behind a page, written into the page head as JSON-LD.
 * Returns undefined while no description is available; the pages then carry none.
 */
export type JsonLdFor = (page: { kind: 'home' } | { kind: 'table'; table: string }, lang: Language) => object | undefined;

export interface PageRoutesOptions {
  jsonLd?: JsonLdFor;
}

/** Whether the client would rather have HTML than JSON; curl, fetch and API clients get JSON. */
const wantsHtml = (request: FastifyRequest) => request.accepts().type([jsonRenderer.mediaType, 'html']) === 'html';

/**
 * The figures explorer: HTML pages for people at `/` and `/tables/{table}`, drawn from the same
 * dataset as the API. Clients that do not ask for HTML are sent on to the API resource.
 */
export const pageRoutes: FastifyPluginAsync<PageRoutesOptions> = async (app, opts) => {
  await app.register(cookie);
  const { dataset, config } = app;
  const jsonLd: JsonLdFor = opts.jsonLd ?? (() => undefined);
  // The dataset never changes while the app runs, so each page is drawn once per language. A
  // page that failed is not kept: the next request tries again.
  const rendered = new Map<string, Promise<string | undefined>>();
  const once = (key: string, draw: () => Promise<string | undefined>) => {
    let page = rendered.get(key);
    if (page === undefined) {
      page = draw();
      rendered.set(key, page);
      page.catch(() => rendered.get(key) === page && rendered.delete(key));
    }
    return page;
  };
  const drawCharts: DrawCharts = (charts) => app.offload.run('drawCharts', charts);

  const home = (lang: Language) =>
    once(`home:${lang}`, () => renderHome(dataset, lang, { publicUrl: config.PUBLIC_URL, jsonLd: jsonLd({ kind: 'home' }, lang), drawCharts }));

  function sendPage(reply: FastifyReply, lang: Language, status: number, page: string) {
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('vary', VARY)
      .header('content-language', lang)
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff');
    if (status !== 200) reply.header('cache-control', 'no-store');
    return reply.send(page);
  }

  /** The page's language; a valid `?lang=` is remembered in a cookie, an invalid one is a 400 page. */
  function languageOf(request: FastifyRequest, reply: FastifyReply): Language | undefined {
    const query = (request.query as Record<string, unknown>).lang;
    const language = chooseLanguage(undefined, request.cookies[LANGUAGE_COOKIE], (offered) => request.accepts().language(offered));
    if (query === undefined) return language;
    if (!isLanguage(query)) {
      const m = MESSAGES[language];
      void sendPage(reply, language, 400, renderErrorPage(dataset, config.PUBLIC_URL, language, m.badRequestTitle, m.badLanguage, request.url.split('?')[0]!));
      return undefined;
    }
    reply
      .setCookie(LANGUAGE_COOKIE, query, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR, httpOnly: true })
      // A reply that sets a cookie is for this browser only.
      .header('cache-control', 'private, no-cache');
    return query;
  }

  const hidden = { schema: { hide: true } };

  app.get('/', hidden, async (request, reply) => {
    if (!wantsHtml(request)) return reply.header('vary', VARY).redirect('/v1', 302);
    const lang = languageOf(request, reply);
    if (!lang) return reply;
    return sendPage(reply, lang, 200, (await home(lang))!);
  });

  app.get<{ Params: { table: string } }>('/tables/:table', hidden, async (request, reply) => {
    const { table } = request.params;
    const known = dataset.table(table) !== undefined;
    if (!wantsHtml(request)) {
      if (known) return reply.header('vary', VARY).redirect(`/v1/tables/${table}`, 302);
      throw new HttpProblem(404, `There is no table "${table}".`, [
        { parameter: 'table', message: 'unknown table', allowed: dataset.tables.map((t) => t.id) },
      ]);
    }
    const lang = languageOf(request, reply);
    if (!lang) return reply;
    if (!known) {
      const m = MESSAGES[lang];
      return sendPage(reply, lang, 404, renderErrorPage(dataset, config.PUBLIC_URL, lang, m.notFoundTitle, m.notFoundBody(table), `/tables/${encodeURIComponent(table)}`));
    }
    const page = await once(`table:${table}:${lang}`, () =>
      renderTable(dataset, table, lang, { publicUrl: config.PUBLIC_URL, jsonLd: jsonLd({ kind: 'table', table }, lang), drawCharts }),
    );
    return sendPage(reply, lang, 200, page!);
  });
};
