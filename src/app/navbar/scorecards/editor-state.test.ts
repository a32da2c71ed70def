import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { scoreEvaluation } from '../../../core/scoring.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import {
  autoPatch,
  bandWith,
  bonusPatch,
  bonusReach,
  editorReducer,
  scaleFor,
  scoringPatch,
  emptyDraft,
  rootCausePatch,
  rootCauseRows,
  fromDefinition,
  move,
  toDefinitionInput,
  uniqueId,
  validate,
  type Draft,
} from './editor-state.ts';

const card = ScorecardDefinition.parse({
  name: 'Email',
  method: 'weighted-criteria',
  sections: [
    {
      id: 'open',
      name: 'Opening',
      criteria: [
        { id: 'greet', label: 'Greeting', scale: { preset: 'binary' }, weight: 1 },
        { id: 'name', label: 'Uses name', scale: { preset: 'binary' }, weight: 1 },
      ],
    },
    { id: 'solve', name: 'Solution', criteria: [{ id: 'offered', label: 'Offered', scale: { preset: '3-point' }, weight: 2 }] },
  ],
});

const messages = (locale: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../../translations/${locale}.json`), 'utf8')) as Messages;
const en = messages('en');
const t = createTranslator(en);

const ids = (d: Draft) => d.sections.map((s) => `${s.id}:${s.criteria.map((c) => c.id).join(',')}`);

describe('editor reducer', () => {
  it('round-trips a definition without the editor keys', () => {
    const draft = fromDefinition(card);
    expect(draft.sections[0]!.key).toMatch(/^k\d+$/);
    expect(ScorecardDefinition.parse(toDefinitionInput(draft))).toEqual(card);
    expect(JSON.stringify(toDefinitionInput(draft))).not.toContain('"key"');
  });

  it('adds a section with one criterion and unique ids', () => {
    let d = editorReducer(fromDefinition(card), { type: 'add-section' });
    d = editorReducer(d, { type: 'add-section' });
    expect(ids(d)).toEqual(['open:greet,name', 'solve:offered', 'section:criterion', 'section-2:criterion-2']);
  });

  it('adds and removes criteria by place', () => {
    let d = editorReducer(fromDefinition(card), { type: 'add-criterion', section: 1 });
    expect(ids(d)[1]).toBe('solve:offered,criterion');
    d = editorReducer(d, { type: 'remove-criterion', at: { section: 0, criterion: 0 } });
    expect(ids(d)).toEqual(['open:name', 'solve:offered,criterion']);
  });

  it('removes a section', () => {
    const d = editorReducer(fromDefinition(card), { type: 'remove-section', section: 0 });
    expect(ids(d)).toEqual(['solve:offered']);
  });

  it('reorders sections and criteria, keeping row keys with their rows', () => {
    const before = fromDefinition(card);
    let d = editorReducer(before, { type: 'move-section', from: 1, to: 0 });
    expect(ids(d)).toEqual(['solve:offered', 'open:greet,name']);
    expect(d.sections[0]!.key).toBe(before.sections[1]!.key);
    d = editorReducer(d, { type: 'move-criterion', from: { section: 1, criterion: 1 }, to: { section: 1, criterion: 0 } });
    expect(ids(d)[1]).toBe('open:name,greet');
  });

  it('moves a criterion into another section (drag and drop)', () => {
    const d = editorReducer(fromDefinition(card), {
      type: 'move-criterion',
      from: { section: 0, criterion: 0 },
      to: { section: 1, criterion: 1 },
    });
    expect(ids(d)).toEqual(['open:name', 'solve:offered,greet']);
  });

  it('ignores moves from places that do not exist', () => {
    const d = fromDefinition(card);
    expect(editorReducer(d, { type: 'move-criterion', from: { section: 5, criterion: 0 }, to: { section: 0, criterion: 0 } })).toBe(d);
  });

  it('updates fields; a new criterion takes its id from its label until the id is edited', () => {
    let d = editorReducer(fromDefinition(card), { type: 'add-criterion', section: 0 });
    const at = { section: 0, criterion: 2 };
    d = editorReducer(d, { type: 'set-criterion', at, patch: { label: 'Uses name!' } });
    expect(d.sections[0]!.criteria[2]!.id).toBe('uses-name');
    d = editorReducer(d, { type: 'set-criterion', at, patch: { id: 'custom' } });
    d = editorReducer(d, { type: 'set-criterion', at, patch: { label: 'Other', weight: 3 } });
    expect(d.sections[0]!.criteria[2]).toMatchObject({ id: 'custom', label: 'Other', weight: 3 });
    // stored criteria keep their ids: reports follow a criterion through edits
    d = editorReducer(d, { type: 'set-criterion', at: { section: 0, criterion: 0 }, patch: { label: 'Hello' } });
    expect(d.sections[0]!.criteria[0]!.id).toBe('greet');
  });

  it('updates top-level fields, applies-to and sections', () => {
    let d = editorReducer(fromDefinition(card), { type: 'set', patch: { passThreshold: 70, method: 'weighted-sections' } });
    d = editorReducer(d, { type: 'set-applies-to', patch: { channels: ['email'] } });
    d = editorReducer(d, { type: 'set-section', section: 1, patch: { weight: 3 } });
    expect(d).toMatchObject({ passThreshold: 70, method: 'weighted-sections', appliesTo: { channels: ['email'], tags: [] } });
    expect(d.sections[1]!.weight).toBe(3);
  });
});

describe('validation as you type', () => {
  it('names each problem where the admin sees it: beside the field, and in the list by its section and criterion', () => {
    let d = fromDefinition(card);
    d = editorReducer(d, { type: 'set-criterion', at: { section: 1, criterion: 0 }, patch: { weight: -1 } });
    d = editorReducer(d, { type: 'set', patch: { name: ' ' } });
    const v = validate(d, t);
    expect(v.ok).toBe(false);
    expect(v.errors.get('sections[1].criteria[0].weight')).toEqual(['Weight must be 0 or more']);
    expect(v.errors.get('name')).toEqual(['Name must not be empty']);
    expect(v.all).toEqual(['Scorecard: name must not be empty', 'Section ‘Solution’, criterion ‘Offered’: weight must be 0 or more']);
  });

  it("says it in the admin's language, with plurals that fit the count", () => {
    const de = createTranslator(messages('de'), en, 'de');
    let d = editorReducer(fromDefinition(card), { type: 'set-criterion', at: { section: 1, criterion: 0 }, patch: { weight: -1 } });
    expect(validate(d, de).all).toEqual(['Abschnitt ‚Solution‘, Kriterium ‚Offered‘: Gewicht muss 0 oder mehr sein']);
    expect(de('ui.admin.editor.problems', { count: 1 })).toBe('1 Problem zu beheben:');
    expect(t('ui.admin.editor.problems', { count: 1 })).toBe('1 problem to fix:');
    expect(t('ui.admin.editor.problems', { count: 2 })).toBe('2 problems to fix:');
    d = editorReducer(d, {
      type: 'set-criterion',
      at: { section: 0, criterion: 1 },
      patch: { label: '', scale: { options: [{ label: 'Only', fraction: 1 }] } },
    });
    expect(validate(d, t).all).toContain('Section ‘Opening’, criterion 2: needs at least 2 scale options');
    expect(validate(d, de).all).toContain('Abschnitt ‚Opening‘, Kriterium 2: braucht mindestens 2 Skalenoptionen');
  });

  it('reports NaN from a half-typed number as not a number', () => {
    const d = editorReducer(fromDefinition(card), { type: 'set', patch: { passThreshold: Number.NaN } });
    expect(validate(d, t).errors.get('passThreshold')).toEqual(['Pass threshold must be a number']);
  });

  it('reports a duplicate id and an emptied section', () => {
    let d = editorReducer(fromDefinition(card), { type: 'set-criterion', at: { section: 0, criterion: 1 }, patch: { id: 'greet' } });
    d = editorReducer(d, { type: 'remove-criterion', at: { section: 1, criterion: 0 } });
    const v = validate(d, t);
    expect(v.errors.get('sections[0].criteria[1].id')).toEqual(['Id “greet” is also the id of another criterion']);
    expect(v.errors.get('sections[1].criteria')).toEqual(['Needs at least 1 criterion']);
    expect(v.all).toContain('Section ‘Solution’: needs at least 1 criterion');
  });

  it('accepts a valid draft', () => {
    const v = validate(fromDefinition(card), t);
    expect(v.ok && v.value.name).toBe('Email');
  });

  it('an empty draft needs a name and labels, its places named by number while they have no name', () => {
    const v = validate(emptyDraft(), t);
    expect([...v.errors.keys()].sort()).toEqual(['name', 'sections[0].criteria[0].label', 'sections[0].name']);
    expect(v.all).toEqual([
      'Scorecard: name must not be empty',
      'Section 1: section name must not be empty',
      'Section 1, criterion 1: label must not be empty',
    ]);
  });
});

describe('helpers', () => {
  it('moves with clamping', () => {
    expect(move([1, 2, 3], 0, 5)).toEqual([2, 3, 1]);
    expect(move([1, 2, 3], 2, -1)).toEqual([3, 1, 2]);
  });
  it('finds a free id', () => {
    expect(uniqueId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});

describe('root causes', () => {
  it('reads labels with kinds and writes both back', () => {
    const rows = rootCauseRows({ rootCauses: ['Knowledge gap', 'Bug'], rootCauseKinds: { Bug: 'product-defect' } });
    expect(rows).toEqual([
      { label: 'Knowledge gap', kind: 'agent-skill' },
      { label: 'Bug', kind: 'product-defect' },
    ]);
    const renamed = rootCausePatch([{ label: 'Defect', kind: 'product-defect' }]);
    expect(renamed).toEqual({ rootCauses: ['Defect'], rootCauseKinds: { Defect: 'product-defect' } });
    expect(rootCausePatch([])).toEqual({ rootCauses: [], rootCauseKinds: undefined });
  });
});

describe('format 2 in the editor', () => {
  const at = (section: number, criterion = 0) => ({ section, criterion });
  const run = (d: Draft, ...actions: Parameters<typeof editorReducer>[1][]) => actions.reduce(editorReducer, d);

  it('builds a points-and-bonus card that parses and scores as core says: 105 of 120', () => {
    let d = run(
      emptyDraft('Chat'),
      { type: 'set', patch: { method: 'total-points' } },
      { type: 'set-section', section: 0, patch: { name: 'Solution' } },
      { type: 'set-criterion', at: at(0), patch: { label: 'Understood', scale: { points: 50 } } },
      { type: 'add-criterion', section: 0 },
      { type: 'set-criterion', at: at(0, 1), patch: { label: 'Solved', scale: { points: 50 } } },
      { type: 'add-section' },
      { type: 'set-section', section: 1, patch: { name: 'Extra mile', bonus: true } },
    );
    // the bonus section's blank criterion is worth 1 of 100 so far: the highest score follows what the bonus reaches
    expect(d.maxScore).toBe(101);
    d = run(d, { type: 'set-criterion', at: at(1), patch: { label: 'Proactive', scale: { points: 20 } } });
    expect(d.sections.map((s) => s.criteria.map((c) => c.weight))).toEqual([[50, 50], [20]]);
    expect(d.maxScore).toBe(120);
    const v = validate(d, t);
    expect(v.ok ? [] : v.all).toEqual([]);
    const input = toDefinitionInput(d);
    expect(input).toMatchObject({ formatVersion: 2, maxScore: 120, sections: [{}, { bonus: true }] });
    expect(JSON.stringify(input)).not.toMatch(/pointsWeight|maxScoreAuto|"key"/);
    const card = ScorecardDefinition.parse(input);
    const r = scoreEvaluation(card, [
      { criterionId: 'understood', rating: 40 },
      { criterionId: 'solved', rating: 45 },
      { criterionId: 'proactive', rating: 20 },
    ]);
    expect(r).toMatchObject({ rawScore: 105, finalScore: 105, passed: true, earned: 105, possible: 100, bonusPossible: 20, maxScore: 120 });
  });

  it('keeps the weight equal to the points while it was equal, and leaves a weight set by hand', () => {
    let d = run(fromDefinition(card), {
      type: 'set-criterion',
      at: at(1),
      patch: { scale: scaleFor('points', { scale: { preset: '3-point' }, weight: 2 }) },
    });
    expect(d.sections[1]!.criteria[0]).toMatchObject({ scale: { points: 2 }, weight: 2 });
    d = run(d, { type: 'set-criterion', at: at(1), patch: { scale: { points: Number.NaN } } });
    expect(d.sections[1]!.criteria[0]!.weight).toBe(2);
    d = run(d, { type: 'set-criterion', at: at(1), patch: { scale: { points: 15 } } });
    expect(d.sections[1]!.criteria[0]!.weight).toBe(15);
    d = run(
      d,
      { type: 'set-criterion', at: at(1), patch: { weight: 30 } },
      { type: 'set-criterion', at: at(1), patch: { scale: { points: 20 } } },
    );
    expect(d.sections[1]!.criteria[0]).toMatchObject({ scale: { points: 20 }, weight: 30 });
    // typed back to the points, it follows them again
    d = run(
      d,
      { type: 'set-criterion', at: at(1), patch: { weight: 20 } },
      { type: 'set-criterion', at: at(1), patch: { scale: { points: 25 } } },
    );
    expect(d.sections[1]!.criteria[0]!.weight).toBe(25);
  });

  it('a criterion that does not count has weight 0, no critical rule, may use choices, and counts again with options', () => {
    let d = run(fromDefinition(card), {
      type: 'set-criterion',
      at: at(0, 1),
      patch: { critical: { effect: 'zero' }, failBelow: 0.75 },
    });
    const c = () => d.sections[0]!.criteria[1]!;
    d = run(d, { type: 'set-criterion', at: at(0, 1), patch: scoringPatch(c(), false) });
    expect(c()).toMatchObject({ scoring: false, weight: 0, critical: null, failBelow: undefined });
    d = run(d, { type: 'set-criterion', at: at(0, 1), patch: { scale: scaleFor('choices', c()) } });
    expect(c().scale).toEqual({ choices: ['No', 'Yes'] });
    expect(validate(d, t).ok).toBe(true);
    expect(toDefinitionInput(d).formatVersion).toBe(2);
    d = run(d, { type: 'set-criterion', at: at(0, 1), patch: scoringPatch(c(), true) });
    expect(c()).toMatchObject({
      scoring: undefined,
      weight: 1,
      scale: {
        options: [
          { label: 'No', fraction: 0 },
          { label: 'Yes', fraction: 1 },
        ],
      },
    });
    expect(validate(d, t).ok).toBe(true);
  });

  it('a bonus is never N/A nor critical; unmarked, the card is format 1 again, its highest score gone', () => {
    let d = run(fromDefinition(card), { type: 'set-criterion', at: at(1), patch: { allowNA: true, critical: { effect: 'fail' } } });
    d = run(d, { type: 'set-criterion', at: at(1), patch: bonusPatch(true) });
    expect(d.sections[1]!.criteria[0]).toMatchObject({ bonus: true, allowNA: false, critical: null });
    // 2 of 2 points plus a bonus worth 2: 200
    expect(d.maxScore).toBe(200);
    expect(validate(d, t).ok).toBe(true);
    d = run(d, { type: 'set-criterion', at: at(1), patch: bonusPatch(false) });
    expect(d.maxScore).toBeUndefined();
    expect(toDefinitionInput(d)).not.toHaveProperty('formatVersion');
    expect(ScorecardDefinition.parse(toDefinitionInput(d))).toEqual(card);
  });

  it('a bonus section clears N/A and critical rules of its criteria', () => {
    let d = run(fromDefinition(card), { type: 'set-criterion', at: at(0), patch: { allowNA: true, critical: { effect: 'zero' } } });
    d = run(d, { type: 'set-section', section: 0, patch: { bonus: true } });
    expect(d.sections[0]!.criteria.map((c) => [c.allowNA, c.critical])).toEqual([
      [false, null],
      [false, null],
    ]);
    expect(validate(d, t).ok).toBe(true);
  });

  it('a highest score typed by hand stays while the bonus changes; one loaded at the reach keeps following it', () => {
    let d = run(
      fromDefinition(card),
      { type: 'set-criterion', at: at(1), patch: bonusPatch(true) },
      { type: 'set', patch: { maxScore: 150 } },
    );
    d = run(d, { type: 'set-criterion', at: at(1), patch: { weight: 1 } });
    expect(d.maxScore).toBe(150);
    expect(bonusReach(d)).toBe(150);
    const loaded = fromDefinition(ScorecardDefinition.parse(toDefinitionInput(run(d, { type: 'set', patch: { maxScore: 150 } }))));
    expect(loaded.maxScoreAuto).toBe(true);
    expect(run(loaded, { type: 'set-criterion', at: at(1), patch: { weight: 2 } }).maxScore).toBe(200);
  });

  it('says where a format-2 problem is, in English and German', () => {
    const d = run(fromDefinition(card), { type: 'set-criterion', at: at(1), patch: { scale: { points: 200 } } });
    expect(validate(d, t).all).toEqual(['Section ‘Solution’, criterion ‘Offered’: highest points must be 100 or less']);
    const de = createTranslator(messages('de'), en, 'de');
    expect(validate(d, de).all).toEqual([
      'Abschnitt ‚Solution‘, Kriterium ‚Offered‘: höchste Punktzahl der Skala muss 100 oder weniger sein',
    ]);
  });
});

describe('pre-rated by a check', () => {
  const three = { scale: { preset: '3-point' as const } };

  it('starts a mapping from the scale: yes the best option, no the worst; a number check one band on its better side', () => {
    expect(autoPatch(three, 'apology')).toEqual({ auto: { check: 'apology', whenTrue: 2, whenFalse: 0 } });
    expect(autoPatch(three, 'readability')).toEqual({ auto: { check: 'readability', bands: [{ atLeast: 50, option: 2 }], otherwise: 0 } });
    expect(autoPatch(three, 'reply-time').auto?.bands).toEqual([{ atMost: 60, option: 2 }]);
    expect(autoPatch(three, null)).toEqual({ auto: undefined });
  });

  it('keeps a map that still fits the check: yes/no between yes/no checks, bands only on the same number check', () => {
    const yesNo = { ...three, auto: { check: 'greeting' as const, whenTrue: 1, whenFalse: 0 } };
    expect(autoPatch(yesNo, 'closing')).toEqual({ auto: { check: 'closing', whenTrue: 1, whenFalse: 0 } });
    const bands = { ...three, auto: { check: 'spelling' as const, bands: [{ atMost: 2, option: 1 }], otherwise: 0 } };
    expect(autoPatch(bands, 'spelling').auto).toEqual(bands.auto);
    expect(autoPatch(bands, 'readability').auto?.bands).toEqual([{ atLeast: 50, option: 2 }]);
  });

  it('edits a band by side, line and option', () => {
    expect(bandWith({ atLeast: 3, option: 1 }, { side: 'atMost' })).toEqual({ atMost: 3, option: 1 });
    expect(bandWith({ atMost: 3, option: 1 }, { value: 9, option: 0 })).toEqual({ atMost: 9, option: 0 });
  });

  it("names core's auto problems in the admin's words, beside the mapping's field", () => {
    const d = fromDefinition(
      ScorecardDefinition.parse({
        formatVersion: 2,
        name: 'Email',
        method: 'weighted-criteria',
        sections: [
          {
            id: 's',
            name: 'Opening',
            criteria: [{ id: 'g', label: 'Greeting', scale: { preset: 'binary' }, weight: 1 }],
          },
        ],
      }),
    );
    const bad = editorReducer(d, {
      type: 'set-criterion',
      at: { section: 0, criterion: 0 },
      patch: { auto: { check: 'spelling', bands: [{ atMost: 0, option: 4 }], otherwise: 1 } },
    });
    const v = validate(bad, t);
    expect(v.errors.get('sections[0].criteria[0].auto.bands[0].option')).toEqual([
      "The option of band 1 must be one of the scale's options",
    ]);
    expect(v.all).toEqual(["Section ‘Opening’, criterion ‘Greeting’: the option of band 1 must be one of the scale's options"]);
    const yesNo = editorReducer(d, {
      type: 'set-criterion',
      at: { section: 0, criterion: 0 },
      patch: { auto: { check: 'greeting', whenTrue: 1 } },
    });
    expect(validate(yesNo, t).errors.get('sections[0].criteria[0].auto')).toEqual([
      'This check answers yes or no: choose the option for each',
    ]);
  });
});
