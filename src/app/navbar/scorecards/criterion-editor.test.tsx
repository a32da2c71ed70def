// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useReducer } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ScorecardDefinition } from '../../../core/scorecard.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { button, choose, click, labelled, mount, type, type Mounted } from '../../ui/testing.tsx';
import { CriterionEditor } from './criterion-editor.tsx';
import { editorReducer, fromDefinition, toDefinitionInput, validate, type Draft } from './editor-state.ts';
import { rowControls } from './row-controls.tsx';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);
const card = ScorecardDefinition.parse({
  name: 'Chat',
  method: 'total-points',
  sections: [
    {
      id: 's',
      name: 'S',
      criteria: [
        { id: 'a', label: 'Answer', weight: 2, scale: { preset: 'binary' } },
        { id: 'b', label: 'Tone', weight: 1, scale: { preset: 'binary' } },
      ],
    },
  ],
});

let view: Mounted | undefined;
let latest: Draft | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

/** The first criterion's editor over the real reducer, as the editor wires it. */
function Harness({ sectionBonus = false }: { sectionBonus?: boolean }) {
  const [draft, dispatch] = useReducer(editorReducer, fromDefinition(card));
  latest = draft;
  const criterion = draft.sections[0]!.criteria[0]!;
  return (
    <CriterionEditor
      criterion={criterion}
      path="sections[0].criteria[0]"
      number="1.1"
      method={draft.method}
      sectionBonus={sectionBonus}
      errors={validate(draft, t).errors}
      t={t}
      onChange={(patch) => dispatch({ type: 'set-criterion', at: { section: 0, criterion: 0 }, patch })}
      controls={rowControls({
        kind: 'criterion',
        key: criterion.key,
        index: 0,
        count: 1,
        drag: { current: null },
        self: { kind: 'criterion', section: 0, criterion: 0 },
        accepts: () => false,
        onDrop: () => {},
        moveBy: () => {},
        remove: () => {},
      })}
    />
  );
}

const criterion = () => latest!.sections[0]!.criteria[0]!;

describe('criterion editor, format 2', () => {
  it('a points scale sets the weight to N and keeps it there; its comment rule is in points', async () => {
    view = await mount(<Harness />);
    const el = view.el;
    await choose(labelled<HTMLSelectElement>(el, 'Scale'), 'points');
    // a whole-number weight of 2 becomes 0..2 points
    expect(criterion()).toMatchObject({ scale: { points: 2 }, weight: 2 });
    await type(labelled(el, 'Highest points, N (1 to 100)'), '15');
    expect(labelled(el, 'Points').value).toBe('15');
    const comment = labelled<HTMLSelectElement>(el, 'Comment required');
    expect([...comment.options].slice(0, 3).map((o) => o.text)).toEqual(['Never', 'At or below 0 points', 'At or below 1 point']);
    await choose(comment, String(5 / 15));
    expect(criterion().commentRequiredAtOrBelow).toBeCloseTo(1 / 3);
    expect(toDefinitionInput(latest!).formatVersion).toBe(2);
  });

  it('counting off hides weight, bonus and critical and offers choices; each option of a custom scale has an outcome', async () => {
    view = await mount(<Harness />);
    const el = view.el;
    await choose(labelled<HTMLSelectElement>(el, 'Critical rule'), 'fail');
    const failBelow = labelled<HTMLSelectElement>(el, 'Fails below');
    expect([...failBelow.options].map((o) => o.text)).toEqual(['Middle of the scale (default)', 'Yes (1)']);
    await choose(failBelow, '1');
    expect(criterion()).toMatchObject({ critical: { effect: 'fail' }, failBelow: 1 });
    await choose(labelled<HTMLSelectElement>(el, 'Scale'), 'custom');
    const outcomes = [...el.querySelectorAll<HTMLSelectElement>('select[id$="-outcome"]')];
    expect(outcomes.map((s) => s.labels?.[0]?.textContent)).toEqual(['Outcome', 'Outcome']);
    await choose(outcomes[0], 'pass');
    expect(criterion().scale).toEqual({
      options: [
        { label: 'No', fraction: 0, countsAsFail: false },
        { label: 'Yes', fraction: 1 },
      ],
    });
    await click(labelled(el, 'Counts in the score'));
    expect(criterion()).toMatchObject({ scoring: false, weight: 0, critical: null, failBelow: undefined });
    for (const gone of ['Points', 'Bonus', 'Critical rule', 'Outcome']) expect(() => labelled(el, gone), gone).toThrow();
    await choose(labelled<HTMLSelectElement>(el, 'Scale'), 'choices');
    expect(criterion().scale).toEqual({ choices: ['No', 'Yes'] });
    await type(labelled(el, 'Choice 2'), 'Partly');
    expect(validate(latest!, t).ok).toBe(true);
  });

  it('a bonus hides N/A and critical; in a bonus section it says why there is no Bonus box', async () => {
    view = await mount(<Harness />);
    await click(labelled(view.el, 'Bonus'));
    expect(criterion().bonus).toBe(true);
    expect(() => labelled(view!.el, 'N/A allowed')).toThrow();
    expect(() => labelled(view!.el, 'Critical rule')).toThrow();
    expect(view.el.querySelector('legend')!.textContent).toContain('Bonus');
    await view.unmount();
    view = await mount(<Harness sectionBonus />);
    expect(() => labelled(view!.el, 'Bonus')).toThrow();
    expect(view.el.textContent).toContain('its section is a bonus section');
  });
});

describe('criterion editor, pre-rated by a check', () => {
  it('a yes/no check maps yes and no to options, says what it decides, and makes the card format 2', async () => {
    view = await mount(<Harness />);
    const el = view.el;
    const check = labelled<HTMLSelectElement>(el, 'Pre-rated by a check');
    expect(check.value).toBe('');
    expect([...check.options].map((o) => o.text)).toContain('Customer sentiment at the end');
    await choose(check, 'greeting');
    // yes is the best option, no the worst, to start with
    expect(criterion().auto).toEqual({ check: 'greeting', whenTrue: 1, whenFalse: 0 });
    expect(el.textContent).toContain('Whether the first reply opens with a greeting or a thanks.');
    expect(el.querySelector('legend')!.textContent).toContain('Pre-rated: Greeting');
    const no = labelled<HTMLSelectElement>(el, 'When the check says no');
    expect([...no.options].map((o) => o.text)).toEqual(['1: No', '2: Yes']);
    await choose(no, '1');
    expect(criterion().auto).toEqual({ check: 'greeting', whenTrue: 1, whenFalse: 1 });
    expect(validate(latest!, t).ok).toBe(true);
    expect(toDefinitionInput(latest!).formatVersion).toBe(2);
    await choose(check, '');
    expect(criterion().auto).toBeUndefined();
    expect(toDefinitionInput(latest!).formatVersion).toBeUndefined();
  });

  it('a number check maps by bands with its unit and an otherwise; without bands it says so beside the check', async () => {
    view = await mount(<Harness />);
    const el = view.el;
    await choose(labelled<HTMLSelectElement>(el, 'Pre-rated by a check'), 'spelling');
    expect(criterion().auto).toEqual({ check: 'spelling', bands: [{ atMost: 0, option: 1 }], otherwise: 0 });
    expect(el.textContent).toContain('Bands in misspelled words, the first that matches gives the option');
    await choose(labelled<HTMLSelectElement>(el, 'Band 1'), 'atLeast');
    await type(labelled(el, 'Value (misspelled words)'), '3');
    await choose(labelled<HTMLSelectElement>(el, 'Option'), '0');
    expect(criterion().auto!.bands).toEqual([{ atLeast: 3, option: 0 }]);
    await choose(labelled<HTMLSelectElement>(el, 'Otherwise'), '');
    expect(criterion().auto!.otherwise).toBeUndefined();
    expect(validate(latest!, t).ok).toBe(true);
    // no band left: core's issue, in words, beside the check
    await choose(labelled<HTMLSelectElement>(el, 'Otherwise'), '1');
    await click(button(el, 'Remove band 1'));
    expect(criterion().auto!.bands).toBeUndefined();
    expect(el.textContent).toContain('This check answers a number: give its bands');
    await click(button(el, 'Add a band'));
    expect(validate(latest!, t).ok).toBe(true);
  });

  it('a criterion that does not count cannot be pre-rated: turning counting off drops the check', async () => {
    view = await mount(<Harness />);
    await choose(labelled<HTMLSelectElement>(view.el, 'Pre-rated by a check'), 'empathy');
    await click(labelled(view.el, 'Counts in the score'));
    expect(criterion().auto).toBeUndefined();
    expect(() => labelled(view!.el, 'Pre-rated by a check')).toThrow();
  });
});
