import type { Language } from '../domain.js';
import type { ReleaseInfo } from '../data/types.js';
import { earliestDay } from '../data/releases.js';
import { html, trusted } from '../web/escape.js';
import { PUBLISHER } from '../publication.js';
import { atomRenderer } from '../http/renderers/atom.js';
import { jsonRenderer } from '../http/renderers/json.js';

/** What the feed says of each release besides the release itself. */
export interface FeedEntry {
  release: ReleaseInfo;
  figureCount: number;
}

const KIND_LABEL: Record<ReleaseInfo['kind'], { nl: string; en: string }> = {
  'annual-report': { nl: 'jaarverslag', en: 'annual report' },
  'annual-figures': { nl: 'jaarcijfers', en: 'annual figures' },
  'asylum-figures': { nl: 'asielcijfers', en: 'asylum figures' },
  'government-report': { nl: 'rapportage van de rijksoverheid', en: 'government report' },
  'ministry-accounts': { nl: 'jaarverslag van het ministerie', en: 'ministry accounts' },
};

/** RFC 3339 for a release: its day where known, else the first day it can have appeared. */
const stamp = (r: ReleaseInfo) => `${r.published.date ?? earliestDay(r.published.known)}T00:00:00Z`;

/**
 * An Atom 1.0 feed (RFC 4287) of the releases, newest first, so that harvesters learn of a new
 * release without polling the whole API. Entry ids are the releases' API URLs, which never change.
 */
export function releasesFeed(entries: FeedEntry[], publicUrl: string, lang: Language): string {
  const newestFirst = [...entries].reverse();
  const self = `${publicUrl}/v1/releases.atom`;
  const updated = newestFirst.map((e) => stamp(e.release)).sort().pop() ?? '1970-01-01T00:00:00Z';
  const title = lang === 'nl' ? 'IND-statistieken: publicaties' : 'IND statistics: releases';
  const body = html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${self}</id>
  <title>${title}</title>
  <updated>${updated}</updated>
  <author><name>${PUBLISHER.name[lang]}</name></author>
  <link rel="self" type="${atomRenderer.mediaType}" href="${self}"/>
  <link rel="alternate" type="${jsonRenderer.mediaType}" href="${publicUrl}/v1/releases"/>
${newestFirst.map(({ release: r, figureCount }) => html`  <entry>
    <id>${publicUrl}/v1/releases/${r.id}</id>
    <title>${r.title}</title>
    <updated>${stamp(r)}</updated>
    <published>${stamp(r)}</published>
    <author><name>${r.publisher[lang]}</name></author>
    ${r.url ? html`<link rel="alternate" type="text/html" href="${r.url}"/>` : ''}
    <link rel="related" type="${jsonRenderer.mediaType}" href="${publicUrl}/v1/releases/${r.id}"/>
    <category term="${r.kind}" label="${KIND_LABEL[r.kind][lang]}"/>
    <summary xml:lang="${lang}">${summary(r, figureCount, lang)}</summary>
  </entry>
`)}</feed>
`;
  return trusted(body.value).value;
}

function summary(r: ReleaseInfo, figures: number, lang: Language): string {
  const when = r.published.date ?? r.published.known;
  const date = r.published.date ? when : lang === 'nl' ? `datum onbekend, bekend is: ${when}` : `date unknown, known: ${when}`;
  return lang === 'nl'
    ? `${r.name.nl} (${KIND_LABEL[r.kind].nl}, ${date}): ${figures} cijfers in deze dataset.`
    : `${r.name.en} (${KIND_LABEL[r.kind].en}, ${date}): ${figures} figures in this dataset.`;
}
