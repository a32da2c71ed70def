/** The sidebar's guard of GET /autoqa/tickets/{ticketId} against its contract's schema. */
import { describe, expect, it } from 'vitest';
import { TicketAutoQa } from '../../core/contract/autoqa.ts';
import { isTicketAutoQa } from './autoqa-wire.ts';

const at = '2026-12-07T10:00:00.000Z';
const answer = {
  ticketId: 42,
  synced: true,
  text: true,
  ticketUpdatedAt: at,
  results: [
    {
      checkId: 'spelling',
      version: 2,
      applicable: true,
      value: 3,
      scale: { unit: 'words', min: 0, better: 'lower' },
      reason: null,
      detail: null,
      language: 'de',
      evidence: [{ commentId: 5, start: 4, end: 10, text: 'Packet', note: 'not in the dictionary' }],
      details: { words: 80 },
      computedAt: at,
      trusted: true,
    },
    {
      checkId: 'greeting',
      version: 1,
      applicable: false,
      value: null,
      scale: null,
      reason: 'too-short',
      detail: 'fewer than 12 letters',
      language: null,
      evidence: [],
      details: null,
      computedAt: at,
      trusted: false,
    },
  ],
  ratings: [{ criterionId: 'c', checkId: 'spelling', rating: null, trusted: true }],
};

describe('GET /autoqa/tickets/{ticketId} in the sidebar', () => {
  it('accepts what the schema accepts, without ratings too', () => {
    expect(isTicketAutoQa(TicketAutoQa.parse(answer))).toBe(true);
    expect(isTicketAutoQa(TicketAutoQa.parse({ ...answer, ratings: null, synced: false, results: [] }))).toBe(true);
  });

  it('refuses answers the schema refuses', () => {
    const broken = [
      { ...answer, results: [{ ...answer.results[0], checkId: 'tone' }] },
      { ...answer, results: [{ ...answer.results[0], evidence: [{ commentId: 5, start: 4, end: 10 }] }] },
      { ...answer, ratings: [{ criterionId: 'c', checkId: 'spelling', rating: '1', trusted: true }] },
      { ...answer, results: [{ ...answer.results[0], value: 'three' }] },
      { ...answer, synced: 'yes' },
    ];
    for (const b of broken) {
      expect(TicketAutoQa.safeParse(b).success).toBe(false);
      expect(isTicketAutoQa(b)).toBe(false);
    }
  });
});
