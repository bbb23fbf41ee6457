import type { Localized } from '../domain.js';
import { html, trusted, type SafeHtml } from '../web/escape.js';
import { AGENCY } from './ids.js';
import type { ArtefactRef } from './model.js';

/** Namespaces of SDMX-ML 2.1. */
const BASE = 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1';
export const NS = {
  message: `${BASE}/message`,
  common: `${BASE}/common`,
  str: `${BASE}/structure`,
  generic: `${BASE}/data/generic`,
  structurespecific: `${BASE}/data/structurespecific`,
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xs: 'http://www.w3.org/2001/XMLSchema',
} as const;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** `html` escapes text the XML way as well (`&`, `<`, `>`, quotes), so the same tag serves both. */
export { html as xml, trusted };
export type Xml = SafeHtml;

export const xmlns = (prefixes: (keyof typeof NS)[]): Xml =>
  trusted(prefixes.map((p) => ` xmlns:${p}="${NS[p]}"`).join(''));

/** What every message header says: its id, when it was prepared, and who sends it. */
export interface HeaderInfo {
  id: string;
  prepared: string;
  sender: Localized;
}

export function headerStart(h: HeaderInfo): Xml {
  return html`<message:Header><message:ID>${h.id}</message:ID><message:Test>false</message:Test><message:Prepared>${h.prepared}</message:Prepared><message:Sender id="${AGENCY}">${names(h.sender)}</message:Sender>`;
}

export const names = (text: Localized, element = 'common:Name'): Xml =>
  trusted((['nl', 'en'] as const).map((l) => html`<${trusted(element)} xml:lang="${l}">${text[l]}</${trusted(element)}>`.value).join(''));

export const ref = (r: ArtefactRef, extra: Record<string, string> = {}): Xml =>
  trusted(`<Ref agencyID="${r.agency}" id="${r.id}" version="${r.version}"${Object.entries(extra).map(([k, v]) => html` ${trusted(k)}="${v}"`.value).join('')}/>`);
