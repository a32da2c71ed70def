import { describe, expect, it } from 'vitest';
import { AppliesTo } from '../../../core/scorecard.ts';
import { emptyDirectory, summariseAppliesTo, type Translate } from './applies-to-summary.ts';

const strings: Record<string, string> = {
  'ui.admin.appliesTo.everything': 'Every ticket',
  'ui.admin.appliesTo.summaryChannels': 'Channels: {{list}}',
  'ui.admin.appliesTo.summaryGroups': 'Groups: {{list}}',
  'ui.admin.appliesTo.summaryBrands': 'Brands: {{list}}',
  'ui.admin.appliesTo.summaryForms': 'Forms: {{list}}',
  'ui.admin.appliesTo.summaryTags': 'Tags: {{list}}',
  'ui.admin.channels.email': 'Email',
  'ui.admin.channels.native_messaging': 'Messaging',
};
// unknown keys come back as the key, as the app's t() does
const t: Translate = (key, vars = {}) => (strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));

describe('summariseAppliesTo', () => {
  it('says every ticket when nothing narrows it', () => {
    expect(summariseAppliesTo(AppliesTo.parse({}), emptyDirectory(), t)).toBe('Every ticket');
  });

  it('names channels, groups, brands, forms and tags, in that order', () => {
    const dir = { groups: new Map([[11, 'Billing']]), brands: new Map([[22, 'Acme']]), forms: new Map([[33, 'Refunds']]) };
    const a = AppliesTo.parse({
      channels: ['email', 'native_messaging'],
      groupIds: [11, 12],
      brandIds: [22],
      formIds: [33],
      tags: ['vip', 'refund'],
    });
    expect(summariseAppliesTo(a, dir, t)).toBe(
      'Channels: Email, Messaging; Groups: Billing, #12; Brands: Acme; Forms: Refunds; Tags: vip, refund',
    );
  });

  it('shows an unknown channel as written', () => {
    expect(summariseAppliesTo(AppliesTo.parse({ channels: ['pigeon'] }), emptyDirectory(), t)).toBe('Channels: pigeon');
  });
});
