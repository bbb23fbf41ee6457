import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** Request headers every key includes: each route negotiates its type and encoding on them. */
const ALWAYS_VARY = ['accept', 'accept-encoding'];

export interface Entry {
  body: Buffer;
  headers: Record<string, string>;
  /** The same headers as name, value, name, value…, with Content-Length, as a 200 sends them. */
  ok: string[];
  /** The same without Content-Length, as a 304 sends them. */
  notModified: string[];
  /** For an answer clients must not store (`/health`): it is served only while this holds. */
  sameWhile?: () => boolean;
  size: number;
  /** Asked for since the eviction sweep last passed it. */
  used: boolean;
  /** Where it is kept: the slot of its URL and negotiated headers, under its Vary values. */
  slot: Slot;
  variant: string;
}

/** The answers to one URL, Accept and Accept-Encoding: they name the same headers in Vary. */
interface Slot {
  base: string;
  names: string[];
  variants: Map<string, Entry>;
}

/**
 * Set by the fast path on a Range request whose whole answer is kept: the app serves the range
 * from it, past the handler (plugins/response-cache.ts).
 */
export const KEPT_ANSWER = Symbol('kept answer');
export type WithKeptAnswer = IncomingMessage & { [KEPT_ANSWER]?: Entry };

export interface ResponseCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

/**
 * The request headers besides Accept and Accept-Encoding that an answer names in `Vary`, as one
 * lower-case list: the answer's key includes their values.
 */
export function varySignature(vary: string): string[] {
  const names = vary
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name && !ALWAYS_VARY.includes(name));
  return [...new Set(names)].sort();
}

/**
 * A bounded cache of finished responses. The store is read-only, so the answer to a given URL and
 * representation never changes while the process lives: the first request goes through the
 * handler, the zod serializer, ETag hashing and compression; later ones are answered from here.
 * Both the number of entries and their total size are capped, so arbitrary URLs cannot grow it.
 * Eviction is second-chance (CLOCK), an approximation of least-recently-used in which a hit
 * only marks its entry: the hit path, which is every cached answer, does not reorder anything.
 *
 * Answers are kept in two levels. The first is the URL with the request's Accept and
 * Accept-Encoding: a URL is always answered by the same route, and so by answers that name the
 * same other request headers in `Vary`, which the slot records. The second is the values of
 * those headers. A lookup thus builds and hashes the long part of the key once, and a short
 * string of header values only for answers that vary on more (pages, SDMX data).
 */
export class ResponseCache {
  private readonly slots = new Map<string, Slot>();
  /** Every entry, oldest first: the order the eviction sweep goes in. */
  private readonly order = new Set<Entry>();
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(readonly options: ResponseCacheOptions) {}

  get size() {
    return this.order.size;
  }

  get bytes() {
    return this.total;
  }

  /** The answer kept for this request, if any, and if it still holds: counts as a hit or a miss. */
  find(url: string, headers: IncomingHttpHeaders): Entry | undefined {
    const entry = this.lookUp(url, headers);
    if (entry && (!entry.sameWhile || entry.sameWhile())) {
      entry.used = true;
      this.hits++;
      return entry;
    }
    this.misses++;
    return undefined;
  }

  /** Whether an answer is kept for this request; unlike `find`, it does not count as asking for it. */
  holds(url: string, headers: IncomingHttpHeaders): boolean {
    return this.lookUp(url, headers) !== undefined;
  }

  private lookUp(url: string, headers: IncomingHttpHeaders): Entry | undefined {
    const slot = this.slots.get(baseKey(url, headers));
    return slot?.variants.get(variantKey(slot.names, headers));
  }

  /** Keeps the answer to this request, whose `Vary` header is `vary`. */
  keep(url: string, headers: IncomingHttpHeaders, vary: string, body: Buffer, stored: Record<string, string>, sameWhile?: () => boolean) {
    const names = varySignature(vary);
    // `Vary: *`: the answer depends on more than request headers, so no later request may have it.
    if (names.includes('*')) return;
    const base = baseKey(url, headers);
    const variant = variantKey(names, headers);
    const size = body.length + (base.length + variant.length) * 2 + 256;
    if (size > this.options.maxBytes / 4) return;
    const kept = this.slots.get(base);
    // Should the route's Vary have changed, the answers kept under the old names no longer apply.
    if (kept && !sameNames(kept.names, names)) for (const old of kept.variants.values()) this.remove(old);
    const old = kept?.variants.get(variant);
    if (old) this.remove(old);
    // Room is made before the new entry goes in, so that it is never the one swept out. The
    // sweep goes from the oldest entry on; one asked for since the last sweep is moved to the
    // young end with its mark cleared, so each entry moves at most once and the loop ends.
    for (const entry of this.order) {
      if (this.order.size < this.options.maxEntries && this.total + size <= this.options.maxBytes) break;
      this.order.delete(entry);
      if (entry.used) {
        entry.used = false;
        this.order.add(entry);
      } else {
        this.remove(entry);
      }
    }
    // Looked up again: removing a slot's last entry removes the slot.
    let slot = this.slots.get(base);
    if (!slot) {
      slot = { base, names, variants: new Map() };
      this.slots.set(base, slot);
    }
    const notModified = Object.entries(stored).flat();
    const ok = [...notModified, 'content-length', String(body.length)];
    const entry: Entry = { body, headers: stored, ok, notModified, sameWhile, size, used: false, slot, variant };
    slot.variants.set(variant, entry);
    this.order.add(entry);
    this.total += size;
  }

  private remove(entry: Entry) {
    this.order.delete(entry);
    this.total -= entry.size;
    const { slot } = entry;
    slot.variants.delete(entry.variant);
    if (slot.variants.size === 0) this.slots.delete(slot.base);
  }
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((name, i) => name === b[i]);

/** The first level of every key: the URL, Accept and Accept-Encoding. */
function baseKey(url: string, headers: IncomingHttpHeaders): string {
  return `${url}\u0000${headers.accept ?? ''}\u0000${headers['accept-encoding'] ?? ''}`;
}

/** The second level: the values of the headers `names`, in their order; '' when there are none. */
function variantKey(names: string[], headers: IncomingHttpHeaders): string {
  let key = '';
  for (const name of names) key += `${String(headers[name] ?? '')}\u0000`;
  return key;
}
