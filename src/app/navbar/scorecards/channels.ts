/** The Zendesk `via.channel` values an admin can target; labels live in translations under ui.admin.channels. */
export const CHANNELS = [
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
export type Channel = (typeof CHANNELS)[number];
