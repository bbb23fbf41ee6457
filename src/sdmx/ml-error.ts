import type { SdmxError } from './errors.js';
import { xml, XML_DECLARATION, xmlns } from './ml-common.js';

/** SDMX-ML 2.1 Error message: the SDMX error code and a text saying what went wrong. */
export function errorMessage(error: Pick<SdmxError, 'code' | 'detail'>): string {
  return XML_DECLARATION + xml`<message:Error${xmlns(['message', 'common'])}><message:ErrorMessage code="${String(error.code)}"><common:Text xml:lang="en">${error.detail}</common:Text></message:ErrorMessage></message:Error>`.value;
}

