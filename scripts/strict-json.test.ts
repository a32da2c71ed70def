import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseStrictJson } from './strict-json.ts';

describe('parseStrictJson', () => {
  it('parses like JSON.parse', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\"y\\u00e9"],"b":{"c":{}},"d":[]}';
    expect(parseStrictJson(text)).toEqual({ value: JSON.parse(text), duplicates: [] });
  });
  it('reports duplicate keys by path', () => {
    const { duplicates } = parseStrictJson('{"a":1,"p":[{"name":"x","name":"y"}],"a":2}');
    expect(duplicates).toEqual(['p[0].name', 'a']);
  });
  it.each(['{"a":1,}', '[1 2]', '{"a" 1}', '{a:1}', '"\n"', '01', '{} x', "{'a':1}", ''])('rejects %j', (text) => {
    expect(() => parseStrictJson(text)).toThrow(JsonSyntaxError);
  });
});
