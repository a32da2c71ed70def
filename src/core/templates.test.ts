import { describe, expect, it } from 'vitest';
import { checkAnswers } from './answers.ts';
import { parseWith } from './issues.ts';
import { metricAnswer } from './metrics.ts';
import { allCriteria, scaleOptions, ScorecardDefinition } from './scorecard.ts';
import { scoreEvaluation } from './scoring.ts';
import { TEMPLATES } from './templates.ts';

const parsed = (name: keyof typeof TEMPLATES): ScorecardDefinition => {
  const r = parseWith(ScorecardDefinition, TEMPLATES[name]);
  if (!r.ok) throw new Error(`${name}: ${r.errors.join('; ')}`);
  return r.value;
};
const NAMES = Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>;
const top = (card: ScorecardDefinition) =>
  allCriteria(card).map(({ criterion }) => {
    const fractions = scaleOptions(criterion.scale).map((o) => o.fraction);
    return { criterionId: criterion.id, rating: fractions.indexOf(Math.max(...fractions)) };
  });

describe('starter templates', () => {
  it('ships email, chat, voice and complaint', () => {
    expect(NAMES.sort()).toEqual(['chat', 'complaint', 'email', 'voice']);
  });

  describe.each(NAMES)('%s', (name) => {
    const card = parsed(name);

    it('parses with the public schema and scores 100 with top ratings', () => {
      const answers = top(card);
      expect(checkAnswers(card, answers, { requireComments: true })).toEqual([]);
      expect(scoreEvaluation(card, answers)).toMatchObject({ rawScore: 100, finalScore: 100, passed: true, criticalFailures: [] });
    });

    it('survives an export/import round trip unchanged', () => {
      expect(parseWith(ScorecardDefinition, JSON.parse(JSON.stringify(card)))).toEqual({ ok: true, value: card });
    });

    it('gives guidance on every criterion and a kind for every root cause', () => {
      for (const { criterion } of allCriteria(card)) {
        expect(criterion.guidance.length, criterion.id).toBeGreaterThan(20);
        expect(Object.keys(criterion.rootCauseKinds ?? {}).sort(), criterion.id).toEqual([...criterion.rootCauses].sort());
      }
    });

    it('has compliance gates (identity, data protection) that fail the evaluation', () => {
      const gates = card.sections.find((s) => s.id === 'compliance')!.criteria.filter((c) => c.critical);
      expect(gates.map((c) => c.id)).toEqual(expect.arrayContaining(['identity-check', 'data-protection']));
      const answers = top(card).map((a) => (a.criterionId === 'data-protection' ? { ...a, rating: 0 } : a));
      expect(scoreEvaluation(card, answers)).toMatchObject({ finalScore: 0, passed: false, criticalFailures: ['data-protection'] });
    });

    it('asks for a comment on a low rating of its key criteria', () => {
      expect(allCriteria(card).filter(({ criterion }) => criterion.commentRequiredAtOrBelow !== undefined).length).toBeGreaterThanOrEqual(
        4,
      );
    });
  });

  it('applies where the channel or tag says', () => {
    expect(parsed('email').appliesTo.channels).toEqual(['email', 'web']);
    expect(parsed('chat').appliesTo.channels).toEqual(['chat', 'native_messaging']);
    expect(parsed('voice').appliesTo.channels).toEqual(['voice']);
    expect(parsed('complaint').appliesTo).toMatchObject({ channels: [], tags: ['complaint'] });
  });

  it('uses greeting and closing, grammar and clarity where they belong', () => {
    for (const name of ['email', 'chat'] as const) expect(parsed(name).sections.map((s) => s.id)).toContain('writing');
    for (const name of ['email', 'chat', 'voice'] as const) {
      expect(parsed(name).sections.map((s) => s.id)).toEqual(
        expect.arrayContaining(['greeting', 'understanding', 'solution', 'tone', 'compliance', 'documentation']),
      );
    }
  });

  it('complaint follows HEAT with escalation and follow-up', () => {
    expect(parsed('complaint').sections.map((s) => s.id)).toEqual([
      'hear',
      'empathise',
      'apologise',
      'ownership',
      'escalation',
      'compliance',
      'documentation',
    ]);
  });

  it('chat scores first reply time from the ticket: met, missed, unknown', () => {
    const card = parsed('chat');
    const frt = allCriteria(card).find(({ criterion }) => criterion.metric)!.criterion;
    const metrics = { fullResolutionMinutes: null, reopens: null, csat: null };
    expect(metricAnswer(frt, { ...metrics, firstReplyMinutes: 1.5 })).toEqual({ criterionId: frt.id, rating: 1 });
    expect(metricAnswer(frt, { ...metrics, firstReplyMinutes: 2 })).toEqual({ criterionId: frt.id, rating: 1 });
    expect(metricAnswer(frt, { ...metrics, firstReplyMinutes: 9 })).toEqual({ criterionId: frt.id, rating: 0 });
    expect(metricAnswer(frt, { ...metrics, firstReplyMinutes: null })).toEqual({ criterionId: frt.id, na: true });
    const missed = top(card).map((a) => (a.criterionId === frt.id ? { ...a, rating: 0 } : a));
    const r = scoreEvaluation(card, missed);
    expect(r.finalScore).toBeLessThan(100);
    expect(r.criticalFailures).toEqual([]);
  });

  it('voice has a reverse-scored item whose best rating is the last, "Never"', () => {
    const c = allCriteria(parsed('voice')).find(({ criterion }) => criterion.id === 'interruptions')!.criterion;
    expect(scaleOptions(c.scale).at(-1)).toEqual({ label: 'Never', fraction: 1 });
  });
});
