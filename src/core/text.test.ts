import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Dispute, EvaluationCreate } from './evaluation.ts';
import { parseWith } from './issues.ts';
import { ReportFilters } from './reports.ts';
import { CalendarDate, canonicalId, IdText, Instant, safeText, unsafeCharacter, Uuid } from './text.ts';

describe('unsafeCharacter', () => {
  it('finds NUL and lone surrogates, and lets surrogate pairs (emoji) and other control characters be', () => {
    expect(unsafeCharacter('plain text, tabs\tand\nnewlines')).toBeNull();
    expect(unsafeCharacter('a smile 😀 and 𝄞')).toBeNull();
    expect(unsafeCharacter('a\u0000b')).toBe('must not contain a NUL character (\\u0000)');
    expect(unsafeCharacter('\ud800')).toMatch(/^must not contain a lone surrogate \(\\ud800\)/);
    expect(unsafeCharacter('x\udc00')).toMatch(/\\udc00/);
    // a low surrogate before a high one is two lone ones, not a pair
    expect(unsafeCharacter('\ude00\ud83d')).not.toBeNull();
  });
});

describe('safeText', () => {
  const Body = z.strictObject({ comment: safeText(10), name: safeText(20).trim().min(1, 'must not be empty') });

  it('names the field that holds NUL, a lone surrogate or too many characters', () => {
    expect(parseWith(Body, { comment: 'ok\u0000', name: 'n' })).toEqual({
      ok: false,
      errors: ['comment: must not contain a NUL character (\\u0000)'],
    });
    expect(parseWith(Body, { comment: 'ok', name: 'x\ud800' })).toEqual({
      ok: false,
      errors: ['name: must not contain a lone surrogate (\\ud800): text must be valid Unicode'],
    });
    expect(parseWith(Body, { comment: 'x'.repeat(11), name: 'n' })).toEqual({
      ok: false,
      errors: ['comment: must be at most 10 characters'],
    });
  });

  it('chains with trim and min like a plain string', () => {
    expect(parseWith(Body, { comment: '', name: '  Ada  ' })).toEqual({ ok: true, value: { comment: '', name: 'Ada' } });
    expect(parseWith(Body, { comment: '', name: '   ' })).toEqual({ ok: false, errors: ['name: must not be empty'] });
  });

  it('is the rule of the shared schemas: a NUL in a comment of an answer is named by its path', () => {
    const body = {
      id: '0b6d7a6e-6b1a-4a8e-9a57-3c1f7f0e8a11',
      ticketId: 1,
      revieweeId: 2,
      scorecardId: 's',
      scorecardVersion: 1,
      answers: [{ criterionId: 'tone', rating: 1, comment: 'a\u0000' }],
    };
    expect(parseWith(EvaluationCreate, body)).toEqual({
      ok: false,
      errors: ['answers[0].comment: must not contain a NUL character (\\u0000)'],
    });
  });
});

describe('dates', () => {
  it('takes real calendar dates from 2000-01-01 to 2100-12-31 only', () => {
    for (const ok of ['2000-01-01', '2024-02-29', '2100-12-31']) expect(CalendarDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['1999-12-31', '2101-01-01', '0000-01-01', '9999-12-31', '2023-02-29', '2026-13-01', '2026-1-1', '']) {
      expect(CalendarDate.safeParse(bad).success, bad).toBe(false);
    }
    expect(Instant.safeParse('2026-03-02T09:00:00Z').success).toBe(true);
    expect(Instant.safeParse('2026-03-02T09:00:00+01:00').success).toBe(true);
    expect(Instant.safeParse('9999-12-31T23:59:59Z').success).toBe(false);
    expect(Instant.safeParse('2026-02-30T00:00:00Z').success).toBe(false);
  });

  it('refuses report filters out of range with a 400 message naming the filter', () => {
    expect(parseWith(ReportFilters, { to: '9999-12-31' })).toEqual({
      ok: false,
      errors: ['to: must be a date from 2000-01-01 to 2100-12-31'],
    });
    expect(parseWith(ReportFilters, { from: '0000-01-01' })).toEqual({
      ok: false,
      errors: ['from: must be a date from 2000-01-01 to 2100-12-31'],
    });
    expect(parseWith(ReportFilters, { from: '2026-03-01', to: '2026-03-31T00:00:00Z' }).ok).toBe(true);
  });
});

describe('ids', () => {
  it('spells a UUID one way (lower case) and leaves other ids as they are', () => {
    expect(canonicalId('0B6D7A6E-6B1A-4A8E-9A57-3C1F7F0E8A11')).toBe('0b6d7a6e-6b1a-4a8e-9a57-3c1f7f0e8a11');
    expect(canonicalId('Email-Support')).toBe('Email-Support');
    expect(Uuid.parse('0B6D7A6E-6B1A-4A8E-9A57-3C1F7F0E8A11')).toBe('0b6d7a6e-6b1a-4a8e-9a57-3c1f7f0e8a11');
    expect(IdText.parse('0B6D7A6E-6B1A-4A8E-9A57-3C1F7F0E8A11')).toBe('0b6d7a6e-6b1a-4a8e-9a57-3c1f7f0e8a11');
    expect(IdText.safeParse('x'.repeat(201)).success).toBe(false);
    expect(IdText.safeParse('').success).toBe(false);
  });
});

describe('dispute criterionIds', () => {
  it('are bounded, each a short safe id, and kept once each in the order given', () => {
    expect(Dispute.parse({ reason: 'why', criterionIds: ['tone', 'offered', 'tone'] }).criterionIds).toEqual(['tone', 'offered']);
    expect(parseWith(Dispute, { reason: 'why', criterionIds: ['x'.repeat(65)] })).toEqual({
      ok: false,
      errors: ['criterionIds[0]: must be at most 64 characters'],
    });
    expect(parseWith(Dispute, { reason: 'why', criterionIds: Array.from({ length: 501 }, (_, i) => `c${i}`) })).toEqual({
      ok: false,
      errors: ['criterionIds: must have at most 500 items'],
    });
  });
});
