/** The Zendesk `via.channel` values an admin can target (src/core/channels.ts); labels live in translations under ui.admin.channels. */
export { ZENDESK_CHANNELS as CHANNELS, type ZendeskChannel as Channel } from '../../../core/channels.ts';
