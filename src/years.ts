/** An en dash, by its code point, so that no escape in the source reads like a year. */
const EN_DASH = String.fromCharCode(8211);

/** A span of years as text names it: "2015–2021". One way, for pages, charts and the API description. */
export const yearSpan = (first: number, last: number): string => `${first}${EN_DASH}${last}`;
