import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Store } from '../db/open.js';

export interface StoreFile {
  /** The bytes of the store as it was opened; downloads are served from them, not from the path. */
  bytes: Buffer;
  byteSize: number;
  sha256: string;
  modified: Date;
  /** Strong validator: the file only changes with a new deployment, and then its hash does. */
  etag: string;
}

/**
 * Taken once at start-up from the open handle, so the download is the very snapshot the API
 * answers from, even if the file is later removed, replaced or made unreadable. The store is small
 * (about 210 KiB), so holding its bytes in memory is cheap, and they are read once anyway for the hash.
 */
export function describeStoreFile(store: Pick<Store, 'path' | 'sqlite'>): StoreFile {
  const bytes = store.sqlite.serialize();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, byteSize: bytes.length, sha256, modified: statSync(store.path).mtime, etag: `"${sha256}"` };
}
