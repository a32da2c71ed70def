import { describe, expect, it } from 'vitest';
import { matchScorecards, type Matchable, type TicketFacts } from './matching.ts';
import { AppliesTo } from './scorecard.ts';

const sc = (id: string, rules: Partial<AppliesTo> = {}): Matchable => ({ id, name: id, appliesTo: AppliesTo.parse(rules) });
const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  groupId: 10,
  channel: 'email',
  brandId: 1,
  formId: 5,
  tags: ['vip'],
  ...over,
});
const ids = (cards: Matchable[], t: TicketFacts) => matchScorecards(cards, t).map((s) => s.id);

describe('matchScorecards', () => {
  it('empty lists mean any ticket', () => {
    expect(ids([sc('any')], ticket({ groupId: null, channel: null, brandId: null, formId: null, tags: [] }))).toEqual(['any']);
  });

  it('leaves out scorecards whose rules do not match', () => {
    const cards = [
      sc('chat', { channels: ['chat', 'native_messaging'] }),
      sc('email', { channels: ['email', 'web'] }),
      sc('g11', { groupIds: [11] }),
    ];
    expect(ids(cards, ticket())).toEqual(['email']);
    expect(ids(cards, ticket({ channel: 'native_messaging', groupId: 11 }))).toEqual(['g11', 'chat']); // one listed value is narrower than two
  });

  it('a listed dimension does not match a ticket without that fact', () => {
    expect(ids([sc('b', { brandIds: [1] })], ticket({ brandId: null }))).toEqual([]);
  });

  it('tags match when any listed tag is on the ticket', () => {
    const cards = [sc('complaint', { tags: ['complaint', 'escalated'] })];
    expect(ids(cards, ticket({ tags: ['billing', 'escalated'] }))).toEqual(['complaint']);
    expect(ids(cards, ticket({ tags: ['billing'] }))).toEqual([]);
  });

  it('every constrained dimension must match', () => {
    const cards = [sc('email-g10', { channels: ['email'], groupIds: [10] })];
    expect(ids(cards, ticket())).toEqual(['email-g10']);
    expect(ids(cards, ticket({ groupId: 11 }))).toEqual([]);
  });

  it('most specific first: more dimensions, then fewer listed values, then name', () => {
    const cards = [
      sc('any'),
      sc('email-or-web', { channels: ['email', 'web'] }),
      sc('email', { channels: ['email'] }),
      sc('email-vip', { channels: ['email'], tags: ['vip'] }),
      sc('b-email-g10', { channels: ['email'], groupIds: [10] }),
    ];
    expect(ids(cards, ticket())).toEqual(['b-email-g10', 'email-vip', 'email', 'email-or-web', 'any']);
  });

  it('does not reorder its input', () => {
    const cards = [sc('any'), sc('email', { channels: ['email'] })];
    matchScorecards(cards, ticket());
    expect(cards.map((c) => c.id)).toEqual(['any', 'email']);
  });
});
