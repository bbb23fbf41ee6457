import { SdmxError } from './errors.js';
import { childrenOf, type Artefact, type ArtefactType, type StructuralModel } from './model.js';

export const STRUCTURE_TYPES = ['agencyscheme', 'codelist', 'conceptscheme', 'datastructure', 'dataflow'] as const satisfies readonly ArtefactType[];
export const REFERENCES = ['none', 'parents', 'parentsandsiblings', 'ancestors', 'children', 'descendants', 'all', ...STRUCTURE_TYPES] as const;
export const STRUCTURE_DETAILS = ['full', 'allstubs', 'referencestubs', 'allcompletestubs', 'referencecompletestubs', 'referencepartial', 'raw'] as const;

export interface StructureQuery {
  /** `structure` asks for every type. */
  type: ArtefactType | 'structure';
  agency?: string;
  id?: string;
  version?: string;
  item?: string;
  references?: (typeof REFERENCES)[number];
  detail?: (typeof STRUCTURE_DETAILS)[number];
  /** `+` in SDMX REST 1.x, `,` in 2.x. */
  separator: string;
}

export interface SelectedArtefact {
  artefact: Artefact;
  /** false: in full; `plain`: id and name only; `complete`: with its description too. */
  stub: false | 'plain' | 'complete';
}

export interface StructureSelection {
  artefacts: SelectedArtefact[];
}

/** The keywords that match anything in each position, across both API versions. */
const ANY = new Set(['all', '*', '~', '+', 'latest']);

function matcher(value: string | undefined, separator: string): (candidate: string) => boolean {
  if (value === undefined || value === '' || ANY.has(value)) return () => true;
  const wanted = new Set(value.split(separator).map((v) => v.toUpperCase()));
  return (candidate) => wanted.has(candidate.toUpperCase());
}

/** Everything reachable from `a` by `step`, transitively. */
function closure(a: Artefact, step: (x: Artefact) => Artefact[], seen = new Set<Artefact>()): Artefact[] {
  for (const next of step(a)) {
    if (seen.has(next)) continue;
    seen.add(next);
    closure(next, step, seen);
  }
  return [...seen];
}

const parentsOf = (model: StructuralModel, a: Artefact) => model.all.filter((p) => childrenOf(model, p).includes(a));
const descendants = (model: StructuralModel, a: Artefact) => closure(a, (x) => childrenOf(model, x));
const ancestors = (model: StructuralModel, a: Artefact) => closure(a, (x) => parentsOf(model, x));

function referenced(model: StructuralModel, a: Artefact, references: StructureQuery['references']): Artefact[] {
  switch (references ?? 'none') {
    case 'none': return [];
    case 'parents': return parentsOf(model, a);
    case 'parentsandsiblings': return parentsOf(model, a).flatMap((p) => [p, ...childrenOf(model, p)]);
    case 'ancestors': return ancestors(model, a);
    case 'children': return childrenOf(model, a);
    case 'descendants': return descendants(model, a);
    case 'all': return [...parentsOf(model, a).flatMap((p) => [p, ...childrenOf(model, p)]), ...descendants(model, a)];
    default: return [...ancestors(model, a), ...descendants(model, a)].filter((r) => r.type === references);
  }
}

/** Selects the artefacts a structure query asks for, with their references, as SDMX REST defines it. */
export function selectStructures(model: StructuralModel, q: StructureQuery): StructureSelection {
  const agency = matcher(q.agency, q.separator);
  const id = matcher(q.id, q.separator);
  const version = matcher(q.version, q.separator);
  const item = q.item && !ANY.has(q.item) ? matcher(q.item, q.separator) : undefined;
  let matches = model.all.filter((a) => (q.type === 'structure' || a.type === q.type) && agency(a.agency) && id(a.id) && version(a.version));
  if (item) {
    matches = matches
      .map((a) => ('items' in a ? ({ ...a, items: a.items.filter((i) => item(i.id)) } as Artefact) : a))
      .filter((a) => !('items' in a) || a.items.length > 0);
  }
  if (!matches.length) throw new SdmxError('noResults', `No ${q.type} matches ${[q.agency, q.id, q.version, q.item].filter(Boolean).join('/') || 'the query'}.`);

  const detail = q.detail ?? 'full';
  const stubFor = (isReference: boolean): SelectedArtefact['stub'] => {
    if (detail === 'allstubs' || (isReference && detail === 'referencestubs')) return 'plain';
    if (detail === 'allcompletestubs' || (isReference && detail === 'referencecompletestubs')) return 'complete';
    return false;
  };
  const selected = new Map<string, SelectedArtefact>();
  const key = (a: Artefact) => `${a.type}:${a.agency}:${a.id}:${a.version}`;
  for (const a of matches) selected.set(key(a), { artefact: a, stub: stubFor(false) });
  for (const a of matches) {
    for (const r of referenced(model, a, q.references)) if (!selected.has(key(r))) selected.set(key(r), { artefact: r, stub: stubFor(true) });
  }
  return { artefacts: [...selected.values()] };
}
