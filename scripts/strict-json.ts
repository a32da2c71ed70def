/** A strict JSON reader that also reports duplicate keys (JSON.parse silently keeps the last one). */

export interface StrictJson {
  value: unknown;
  /** Paths of keys that occur twice in one object, e.g. `parameters[1].name`. */
  duplicates: string[];
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function parseStrictJson(text: string): StrictJson {
  const duplicates: string[] = [];
  let at = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new JsonSyntaxError(`${what} at line ${line} (offset ${at})`, at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const string = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') at++;
      else if (text.charCodeAt(at) < 0x20) fail('control character in string');
      at++;
    }
    if (at >= text.length) fail('unterminated string');
    at++;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail('bad string escape');
    }
  };
  const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  /** Steps past the closing bracket of `out`. */
  const closed = <T>(out: T): T => {
    at++;
    return out;
  };
  const value = (path: string): unknown => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      space();
      if (text[at] === '}') return closed(out);
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a key');
        const key = string();
        if (seen.has(key)) duplicates.push(join(path, key));
        seen.add(key);
        space();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        out[key] = value(join(path, key));
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') return closed(out);
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      at++;
      const out: unknown[] = [];
      space();
      if (text[at] === ']') return closed(out);
      for (;;) {
        out.push(value(join(path, out.length)));
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') return closed(out);
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!literal) return fail('unexpected character');
    at += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };
  const result = value('');
  space();
  if (at < text.length) fail('unexpected text after the JSON value');
  return { value: result, duplicates };
}
