/** sdmx-rest ships no types; the tests use the part of its API below. */
declare module 'sdmx-rest' {
  interface Service {
    url: string;
  }
  interface SdmxRest {
    getService(input: { url: string; api?: string; format?: string; structureFormat?: string }): Service;
    getUrl(query: object, service: Service): string;
    request2(query: object, service: Service, options?: object): Promise<Response>;
    checkStatus(query: object, response: Response): void;
    checkMediaType(requested: string, response: Response): void;
    data: { DataFormat: Record<'SDMX_JSON_1_0_0' | 'SDMX_ML_2_1_GENERIC' | 'SDMX_ML_2_1_STRUCTURE_SPECIFIC' | 'SDMX_CSV_1_0_0', string> };
    metadata: { MetadataFormat: Record<'SDMX_ML_2_1_STRUCTURE', string> };
  }
  const sdmxrest: SdmxRest;
  export default sdmxrest;
}
