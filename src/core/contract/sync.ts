/** `/sync`: the Zendesk sync's status and settings (issue 15, decision 026), admins only. */
import { ADMIN } from '../permissions.ts';
import { SyncSettingsChange, SyncView } from '../sync.ts';
import { contract, json, jsonBody } from './contract.ts';

export const readSync = contract({
  method: 'get',
  path: '/sync',
  tag: 'sync',
  summary:
    'The Zendesk sync of the account: its settings (on/off, conversation text, retention in days) and how it is doing (last success, how far the tickets have come, what it holds and spent, the last error in words, whether a run is going on)',
  roles: ADMIN,
  responses: { 200: json(SyncView) },
});

export const changeSyncSettings = contract({
  method: 'put',
  path: '/sync/settings',
  tag: 'sync',
  summary:
    'Change the sync settings (audited); keys left out keep their value. Turning conversation text off deletes the stored text; a shorter retention deletes the text past it at once',
  roles: ADMIN,
  request: { body: jsonBody(SyncSettingsChange) },
  responses: { 200: json(SyncView) },
});
