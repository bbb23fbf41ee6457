/** jsonstat-toolkit ships no types; its reader objects are dynamic, so the tests see them as `any`. */
declare module 'jsonstat-toolkit' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const JSONstat: (input: unknown) => any;
  export default JSONstat;
}
