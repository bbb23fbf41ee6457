import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** Request headers every key includes: each route negotiates its type and encoding on them. */
const ALWAYS_VARY = ['accept', 'accept-encoding'];

/** How many different Vary lists the cache learns; the routes have a handful. */
const MAX_SIGNATURES = 16;

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
 * only marks its entry: the hit path, which is every cached answer, does not reorder the Map.
 *
 * An answer is kept under its URL, the request's Accept and Accept-Encoding, and the values of
 * the other request headers its `Vary` names. A lookup does not know the route, so it tries each
 * such list of names the cache has seen (there are as many as routes that differ in Vary, a
 * handful); a URL is always answered by the same route, so only one of them can match.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly signatures: string[][] = [];
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(readonly options: ResponseCacheOptions) {}

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.total;
  }

  /** Whether an answer is kept under this key; unlike `get`, it does not count as asking for it. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    return this.hit(entry);
  }

  /** The answer kept for this request, if any, and if it still holds: counts as a hit or a miss. */
  find(url: string, headers: IncomingHttpHeaders): Entry | undefined {
    const base = baseKey(url, headers);
    for (const names of this.signatures) {
      const entry = this.entries.get(keyFor(base, names, headers));
      if (entry) {
        if (entry.sameWhile && !entry.sameWhile()) break;
        return this.hit(entry);
      }
    }
    this.misses++;
    return undefined;
  }

  private hit(entry: Entry): Entry {
    entry.used = true;
    this.hits++;
    return entry;
  }

  /** Keeps the answer to this request, whose `Vary` header is `vary`. */
  keep(url: string, headers: IncomingHttpHeaders, vary: string, body: Buffer, stored: Record<string, string>, sameWhile?: () => boolean) {
    const names = varySignature(vary);
    // `Vary: *`: the answer depends on more than request headers, so no later request may have it.
    if (names.includes('*')) return;
    let signature = this.signatures.find((known) => known.length === names.length && known.every((name, i) => name === names[i]));
    if (!signature) {
      if (this.signatures.length >= MAX_SIGNATURES) return;
      signature = names;
      this.signatures.push(signature);
    }
    this.set(keyFor(baseKey(url, headers), signature, headers), body, stored, sameWhile);
  }

  set(key: string, body: Buffer, headers: Record<string, string>, sameWhile?: () => boolean) {
    const size = body.length + key.length * 2 + 256;
    if (size > this.options.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.size;
      this.entries.delete(key);
    }
    // Room is made before the new entry goes in, so that it is never the one swept out. The
    // sweep goes from the oldest entry on; one asked for since the last sweep is moved to the
    // young end with its mark cleared, so each entry moves at most once and the loop ends.
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size < this.options.maxEntries && this.total + size <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.entries.set(oldest, entry);
      } else {
        this.total -= entry.size;
      }
    }
    const notModified = Object.entries(headers).flat();
    const ok = [...notModified, 'content-length', String(body.length)];
    this.entries.set(key, { body, headers, ok, notModified, sameWhile, size, used: false });
    this.total += size;
  }
}

/** The part of every key that does not depend on Vary: the URL, Accept and Accept-Encoding. */
function baseKey(url: string, headers: IncomingHttpHeaders): string {
  return `${url}\u0000${headers.accept ?? ''}\u0000${headers['accept-encoding'] ?? ''}`;
}

/** The key of an answer whose Vary names `names`, for a request with these headers. */
function keyFor(base: string, names: string[], headers: IncomingHttpHeaders): string {
  let key = base;
  // The names are part of the key: two lists with the same values must not make the same key.
  for (const name of names) key += `\u0000${name}:${String(headers[name] ?? '')}`;
  return key;
}
