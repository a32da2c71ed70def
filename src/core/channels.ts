/**
 * The channels a Zendesk ticket comes through (its `via.channel`), as Ticket QA offers them: a scorecard applies to
 * some of them, the monitoring plan asks for evaluations on them, reports filter by them.
 */
export const ZENDESK_CHANNELS = [
  'email',
  'web',
  'mobile',
  'api',
  'chat',
  'native_messaging',
  'voice',
  'sms',
  'whatsapp',
  'facebook',
  'twitter',
  'any_channel',
] as const;
export type ZendeskChannel = (typeof ZENDESK_CHANNELS)[number];

export const isZendeskChannel = (name: string): name is ZendeskChannel => (ZENDESK_CHANNELS as readonly string[]).includes(name);
