import { describe, expect, it } from 'vitest';
import { checkWith, formatIssues, issueInfos, parseWith } from './issues.ts';
import { ScorecardDefinition } from './scorecard.ts';

const card = (over: Record<string, unknown> = {}, criterion: Record<string, unknown> = {}) => ({
  name: 'Email',
  method: 'weighted-criteria',
  sections: [
    { id: 'tone', name: 'Tone', criteria: [{ id: 'greet', label: 'Greeting', scale: { preset: 'binary' }, weight: 1, ...criterion }] },
  ],
  ...over,
});

const infos = (input: unknown) => {
  const r = ScorecardDefinition.safeParse(input, { reportInput: true });
  if (r.success) throw new Error('expected a failure');
  return issueInfos(r.error.issues).map(({ path, code, params }) => ({ path, code, params }));
};

describe('issue codes for the reader to word', () => {
  it('says what is wrong as a code and its values, where the service says it in English', () => {
    expect(infos(card({ passThreshold: 120, name: '' }, { weight: -1, colour: 'red' }))).toEqual([
      { path: ['name'], code: 'empty', params: {} },
      { path: ['passThreshold'], code: 'max', params: { limit: 100 } },
      { path: ['sections', 0, 'criteria', 0, 'weight'], code: 'min', params: { limit: 0 } },
      { path: ['sections', 0, 'criteria', 0], code: 'unknown-keys', params: { count: 1, keys: '"colour"' } },
    ]);
  });

  it('keeps the English wording of the service as it was', () => {
    const r = parseWith(ScorecardDefinition, card({}, { weight: -1 }));
    expect(!r.ok && r.errors).toEqual(['sections[0].criteria[0].weight: must be >= 0']);
    const checked = checkWith(ScorecardDefinition, card({}, { weight: -1 }));
    expect(!checked.ok && checked.issues.map((i) => i.message)).toEqual(['must be >= 0']);
  });

  it("names the schema's own checks by their code", () => {
    const two = card({
      sections: [
        {
          id: 'tone',
          name: 'Tone',
          criteria: [
            {
              id: 'greet',
              label: 'Greeting',
              scale: { preset: '3-point' },
              weight: 0,
              metric: { name: 'csat', direction: 'at-least', target: 1 },
            },
          ],
        },
        {
          id: 'tone',
          name: 'Again',
          criteria: [
            {
              id: 'greet',
              label: 'Again',
              scale: { preset: 'binary' },
              weight: 0,
              rootCauses: ['a', 'a'],
              rootCauseKinds: { b: 'process' },
            },
          ],
        },
      ],
    });
    expect(infos(two)).toEqual([
      { path: ['sections', 0, 'criteria', 0, 'scale'], code: 'metric-needs-binary', params: {} },
      { path: ['sections', 1, 'id'], code: 'duplicate-section-id', params: { id: 'tone' } },
      { path: ['sections', 1, 'criteria', 0, 'id'], code: 'duplicate-criterion-id', params: { id: 'greet' } },
      { path: ['sections', 1, 'criteria', 0, 'rootCauses'], code: 'root-causes-unique', params: {} },
      { path: ['sections', 1, 'criteria', 0, 'rootCauseKinds', 'b'], code: 'root-cause-kind-unknown', params: { label: 'b' } },
      { path: ['sections'], code: 'no-criterion-weight', params: {} },
    ]);
  });

  it('tells a missing value from a wrong one, lists choices, and knows ids, lists and text that cannot be stored', () => {
    expect(infos({ ...card(), method: undefined, naPolicy: 'skip', sections: [] })).toEqual([
      { path: ['method'], code: 'required', params: {} },
      { path: ['naPolicy'], code: 'one-of', params: { values: '"exclude", "count-as-pass"' } },
      { path: ['sections'], code: 'min-items', params: { count: 1 } },
    ]);
    expect(infos(card({ description: 'a\u0000b' }, { id: 'no spaces', weight: 'heavy', critical: { effect: 'maybe' } }))).toEqual([
      { path: ['description'], code: 'unsafe-text', params: {} },
      { path: ['sections', 0, 'criteria', 0, 'id'], code: 'slug', params: {} },
      { path: ['sections', 0, 'criteria', 0, 'weight'], code: 'type', params: { expected: 'number' } },
      {
        path: ['sections', 0, 'criteria', 0, 'critical', 'effect'],
        code: 'one-of',
        params: { values: '"zero", "zero-section", "cap", "fail"' },
      },
    ]);
    // formatIssues and issueInfos read unions the same way: one line each
    const r = ScorecardDefinition.safeParse(card({}, { scale: { options: [{ label: 'x', fraction: 2 }] } }));
    expect(r.success || issueInfos(r.error.issues).map((i) => i.path.join('.'))).toEqual(
      r.success || formatIssues(r.error.issues).map((l) => l.slice(0, l.indexOf(':')).replace(/\[(\d+)\]/g, '.$1')),
    );
  });
});
