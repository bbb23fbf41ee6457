import { createHash } from 'node:crypto';
import { PUBLISHER } from '../publication.js';
import type { HeaderInfo } from './ml-common.js';

/**
 * A message header that depends only on the request and on when the data last changed, so that
 * the same question always gets byte-identical answers (ETags and caches rely on it).
 */
export function messageHeader(requestUrl: string, lastModified: Date): HeaderInfo {
  return {
    id: `IND${createHash('sha256').update(requestUrl).digest('hex').slice(0, 16).toUpperCase()}`,
    prepared: lastModified.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sender: PUBLISHER.name,
  };
}
