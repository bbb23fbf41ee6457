import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

export interface StoreFile {
  path: string;
  byteSize: number;
  sha256: string;
  modified: Date;
  /** Strong validator: the file only changes with a new deployment, and then its hash does. */
  etag: string;
}

/** Read once at start-up: the store is opened read-only, so these facts hold while we serve. */
export function describeStoreFile(path: string): StoreFile {
  const stat = statSync(path);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  return { path, byteSize: stat.size, sha256, modified: stat.mtime, etag: `"${sha256}"` };
}
