import { describe, expect, it } from 'vitest';
import { applicable, type Check } from './check.ts';
import { createChecks, runChecks } from './checks.ts';
import { analyse } from './conversation.ts';
import { conversationOf } from './testing.ts';

describe('the checks of an account', () => {
  const conversation = conversationOf(
    [
      ['end-user', 'Hallo, meine Jacke ist nach zwei Wochen immer noch nicht da. Das ist wirklich ärgerlich!'],
      ['note', 'Lager hat die Bestellung verloren.'],
      [
        'agent',
        'Hallo Frau Schneider,\n\nes tut mir leid, das zu hören, und entschuldigen Sie bitte die Verzögerung. Wir schicken Ihnen heute eine neue Jacke per Express.\n\nViele Grüße\nTom',
      ],
      ['end-user', 'Vielen Dank, super Service!'],
    ],
    { metrics: { firstReplyMinutes: 30, fullResolutionMinutes: 600, reopens: 0, csat: 'good' }, names: ['Anna Schneider', 'Tom Becker'] },
  );

  it('answer every check for a German conversation, each with its evidence', async () => {
    const results = await runChecks(createChecks(), conversation);
    const summary = Object.fromEntries(results.map((r) => [r.checkId, r.applicable ? r.value.value : r.reason]));
    expect(summary).toMatchObject({
      greeting: true,
      closing: true,
      spelling: 0,
      apology: true,
      empathy: true,
      'reply-time': 30,
      'resolution-time': 600,
    });
    expect(summary['sentiment-start']).toBeLessThan(0);
    expect(summary['sentiment-end']).toBeGreaterThan(0);
    expect(typeof summary.readability).toBe('number');
    for (const r of results) {
      expect(r.version).toBeGreaterThan(0);
      if (r.checkId !== 'spelling') expect(r.evidence.length).toBeGreaterThan(0);
      for (const e of r.evidence) {
        const body = conversation.comments.find((c) => c.id === e.commentId)!.body;
        expect(body.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });

  it('take a model-based check through the same port, awaited by the runner', async () => {
    const model: Check = {
      id: 'model-tone',
      version: 1,
      run: async (c) => {
        const reply = analyse(c).agentReplies[0]!;
        return applicable(model, { type: 'boolean', value: true }, [
          { commentId: reply.comment.id, start: 0, end: 5, text: reply.comment.body.slice(0, 5) },
        ]);
      },
    };
    const results = await runChecks([...createChecks(), model], conversation);
    expect(results.at(-1)).toMatchObject({ checkId: 'model-tone', value: { value: true }, evidence: [{ commentId: 3, text: 'Hallo' }] });
  });
});
