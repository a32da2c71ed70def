// hyphen ships no types; the German patterns' module (CommonJS) exports these among others
declare module 'hyphen/de/index.js' {
  const patterns: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default patterns;
}
