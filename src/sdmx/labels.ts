import type { Localized } from '../domain.js';
import type { Item, StructuralModel } from './model.js';

/** Names of components and codes, looked up in the model's concept scheme and codelists. */
export class Labels {
  private readonly codes = new Map<string, Map<string, Item>>();
  private readonly concepts = new Map<string, Item>();

  constructor(model: StructuralModel) {
    for (const c of model.codelists) this.codes.set(c.id, new Map(c.items.map((i) => [i.id, i])));
    for (const s of model.conceptSchemes) for (const i of s.items) this.concepts.set(i.id, i);
  }

  concept(id: string): Localized {
    return this.concepts.get(id)?.name ?? { nl: id, en: id };
  }

  /** A code's name; a period or an uncoded value names itself. */
  code(codelist: string | undefined, id: string): Localized {
    if (codelist) {
      const item = this.codes.get(codelist)?.get(id);
      if (item) return item.name;
    }
    return { nl: id, en: id };
  }
}
