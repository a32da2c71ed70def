import type { AppliesTo } from '../../../core/scorecard.ts';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Names of the account's groups, brands and forms, read from the Zendesk API. */
export interface Directory {
  groups: ReadonlyMap<number, string>;
  brands: ReadonlyMap<number, string>;
  forms: ReadonlyMap<number, string>;
}

export const emptyDirectory = (): Directory => ({ groups: new Map(), brands: new Map(), forms: new Map() });

const named = (ids: readonly number[], names: ReadonlyMap<number, string>) => ids.map((id) => names.get(id) ?? `#${id}`).join(', ');

/** "Channels: Email, Chat; Groups: Billing; Tags: vip", or "Every ticket" when nothing narrows it. */
export function summariseAppliesTo(a: AppliesTo, dir: Directory, t: Translate): string {
  const parts: string[] = [];
  if (a.channels.length)
    parts.push(t('ui.admin.appliesTo.summaryChannels', { list: a.channels.map((c) => channelLabel(c, t)).join(', ') }));
  if (a.groupIds.length) parts.push(t('ui.admin.appliesTo.summaryGroups', { list: named(a.groupIds, dir.groups) }));
  if (a.brandIds.length) parts.push(t('ui.admin.appliesTo.summaryBrands', { list: named(a.brandIds, dir.brands) }));
  if (a.formIds.length) parts.push(t('ui.admin.appliesTo.summaryForms', { list: named(a.formIds, dir.forms) }));
  if (a.tags.length) parts.push(t('ui.admin.appliesTo.summaryTags', { list: a.tags.join(', ') }));
  return parts.length ? parts.join('; ') : t('ui.admin.appliesTo.everything');
}

/** A known channel's translated label; an unknown one (from an imported file) as written. */
export function channelLabel(channel: string, t: Translate): string {
  const key = `ui.admin.channels.${channel}`;
  const label = t(key);
  return label === key ? channel : label;
}
