/**
 * The Zendesk sync as admins see and steer it (decision 026): its status and the account's settings (on/off,
 * conversation text, retention in days). Admins only: the service refuses everyone else.
 */
import * as api from '../../core/contract/sync.ts';
import type { SyncSettingsChange, SyncView } from '../../core/sync.ts';
import { contractCall } from './contract-call.ts';
import type { Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

export interface SyncApi {
  read(): Promise<Result<SyncView>>;
  /** The keys left out keep their value; the service audits the change and deletes the text it no longer allows. */
  change(change: SyncSettingsChange): Promise<Result<SyncView>>;
}

export function createSyncApi(send: ServiceCall): SyncApi {
  const call = contractCall(send);
  return {
    read: () => call(api.readSync),
    change: (body) => call(api.changeSyncSettings, { body }),
  };
}
