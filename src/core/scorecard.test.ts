import { describe, expect, it } from 'vitest';
import { parseWith } from './issues.ts';
import { ScorecardDefinition, allCriteria, scaleOptions } from './scorecard.ts';

describe('scaleOptions', () => {
  it.each([
    ['binary', [0, 1]],
    ['3-point', [0, 0.5, 1]],
    ['4-point', [0, 1 / 3, 2 / 3, 1]],
    ['5-point', [0, 0.25, 0.5, 0.75, 1]],
  ] as const)('%s lists its fractions lowest first', (preset, fractions) => {
    const got = scaleOptions({ preset }).map((o) => o.fraction);
    expect(got).toHaveLength(fractions.length);
    got.forEach((f, i) => expect(f).toBeCloseTo(fractions[i]!, 12));
  });

  it('binary is No, Yes', () => {
    expect(scaleOptions({ preset: 'binary' }).map((o) => o.label)).toEqual(['No', 'Yes']);
  });

  it('custom options are kept in their order, reverse-scored included', () => {
    const options = [
      { label: 'Great', fraction: 1 },
      { label: 'Good', fraction: 0.75 },
      { label: 'Weak', fraction: 0.25 },
      { label: 'Poor', fraction: 0 },
    ];
    expect(scaleOptions({ options })).toEqual(options);
  });
});

const minimal = () => ({
  name: 'Email',
  method: 'weighted-criteria',
  sections: [
    { id: 'solution', name: 'Solution', criteria: [{ id: 'offered', label: 'Solution offered', weight: 2, scale: { preset: 'binary' } }] },
    { id: 'tone', name: 'Tone', criteria: [{ id: 'polite', label: 'Polite', weight: 1, scale: { preset: '3-point' } }] },
  ],
});
type Draft = Omit<ReturnType<typeof minimal>, 'sections'> & {
  sections: Array<ReturnType<typeof minimal>['sections'][number] & { weight?: number }>;
} & Record<string, unknown>;
const errorsOf = (edit: (d: Draft) => void): string[] => {
  const d = minimal() as Draft;
  edit(d);
  const r = parseWith(ScorecardDefinition, d);
  if (r.ok) throw new Error('expected the scorecard to be refused');
  return r.errors;
};
const crit = (d: Draft, s: number) => d.sections[s]!.criteria[0] as Record<string, unknown>;

describe('ScorecardDefinition (the public JSON format)', () => {
  it('fills the documented defaults', () => {
    const r = parseWith(ScorecardDefinition, minimal());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      description: '',
      passThreshold: 80,
      naPolicy: 'exclude',
      appliesTo: { channels: [], groupIds: [], brandIds: [], formIds: [], tags: [] },
    });
    expect(r.value.sections[0]!.weight).toBe(1);
    expect(allCriteria(r.value)[0]!.criterion).toMatchObject({ guidance: '', allowNA: false, critical: null, rootCauses: [] });
    expect(allCriteria(r.value)[0]!.criterion.commentRequiredAtOrBelow).toBeUndefined();
  });

  it('an appliesTo with some lists left out gets the rest as empty', () => {
    const r = parseWith(ScorecardDefinition, { ...minimal(), appliesTo: { channels: ['email'] } });
    expect(r.ok && r.value.appliesTo).toEqual({ channels: ['email'], groupIds: [], brandIds: [], formIds: [], tags: [] });
  });

  it.each<[string, (d: Draft) => void, string[]]>([
    ['unknown top-level key', (d) => (d.colour = 'red'), ['(root): unknown key "colour"']],
    ['unknown nested key', (d) => (crit(d, 1).wieght = 2), ['sections[1].criteria[0]: unknown key "wieght"']],
    ['negative weight', (d) => (crit(d, 1).weight = -1), ['sections[1].criteria[0].weight: must be >= 0']],
    ['weight as a string', (d) => (crit(d, 0).weight = '2'), ['sections[0].criteria[0].weight: must be a number']],
    ['negative section weight', (d) => (d.sections[1]!.weight = -3), ['sections[1].weight: must be >= 0']],
    [
      'bad preset',
      (d) => (crit(d, 0).scale = { preset: '7-point' }),
      ['sections[0].criteria[0].scale.preset: must be one of "binary", "3-point", "4-point", "5-point"'],
    ],
    [
      'fraction above 1',
      (d) =>
        (crit(d, 0).scale = {
          options: [
            { label: 'A', fraction: 1.5 },
            { label: 'B', fraction: 0 },
          ],
        }),
      ['sections[0].criteria[0].scale.options[0].fraction: must be <= 1'],
    ],
    ['missing name', (d) => delete (d as Partial<Draft>).name, ['name: is required (string)']],
    ['missing criterion label', (d) => delete crit(d, 0).label, ['sections[0].criteria[0].label: is required (string)']],
    [
      'scale without its preset',
      (d) => (crit(d, 0).scale = {}),
      ['sections[0].criteria[0].scale.preset: is required (one of "binary", "3-point", "4-point", "5-point")'],
    ],
    ['missing scale', (d) => delete crit(d, 1).scale, ['sections[1].criteria[0].scale: is required (object)']],
    ['no sections', (d) => (d.sections = []), ['sections: must have at least one section']],
    ['bad method', (d) => (d.method = 'average'), ['method: must be one of "weighted-criteria", "total-points", "weighted-sections"']],
    [
      'bad critical effect',
      (d) => (crit(d, 0).critical = { effect: 'boom' }),
      ['sections[0].criteria[0].critical.effect: must be one of "zero", "zero-section", "cap", "fail"'],
    ],
    [
      'cap without its number',
      (d) => (crit(d, 0).critical = { effect: 'cap' }),
      ['sections[0].criteria[0].critical.cap: is required (number)'],
    ],
    ['threshold above 100', (d) => (d.passThreshold = 120), ['passThreshold: must be <= 100']],
    [
      'duplicate ids',
      (d) => {
        d.sections[1]!.id = 'solution';
        crit(d, 1).id = 'offered';
      },
      ['sections[1].id: duplicate section id "solution"', 'sections[1].criteria[0].id: duplicate criterion id "offered"'],
    ],
    [
      'bad id characters',
      (d) => (crit(d, 0).id = 'has space'),
      ['sections[0].criteria[0].id: must be 1-64 letters, digits, "_", "-" or ".", starting with a letter or digit'],
    ],
    [
      'root cause kind for an unlisted cause',
      (d) => (crit(d, 0).rootCauseKinds = { Typo: 'process' }),
      ['sections[0].criteria[0].rootCauseKinds.Typo: "Typo" is not one of rootCauses'],
    ],
    [
      'metric criterion on a 3-point scale',
      (d) => (crit(d, 1).metric = { name: 'first-reply-minutes', direction: 'at-most', target: 60 }),
      ['sections[1].criteria[0].scale: a metric criterion must use the binary scale'],
    ],
    [
      'all criteria weigh nothing',
      (d) => {
        crit(d, 0).weight = 0;
        crit(d, 1).weight = 0;
      },
      ['sections: at least one criterion must have a weight above 0'],
    ],
    [
      'weighted-sections with every section weighing nothing',
      (d) => {
        d.method = 'weighted-sections';
        d.sections.forEach((s) => (s.weight = 0));
      },
      ['sections: at least one section must have a weight above 0'],
    ],
  ])('%s is refused with a path-named message', (_name, edit, expected) => {
    expect(errorsOf(edit)).toEqual(expected);
  });

  it('reports every problem at once, never a stack trace', () => {
    const errors = errorsOf((d) => {
      crit(d, 0).weight = -1;
      crit(d, 1).scale = { preset: 'nope' };
      d.extra = true;
    });
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toMatch(/^[\w[\].()]+: [^\n]+$/);
  });

  it.each([null, [], 'scorecard', 42])('a non-object (%j) is refused at the root', (input) => {
    expect(parseWith(ScorecardDefinition, input)).toEqual({ ok: false, errors: ['(root): must be an object'] });
  });
});
