/**
 * The Zendesk sync as admins see and steer it (issue 15, decision 026): the account's settings (on/off, conversation
 * text, retention in days) with the defaults until an admin changes them, the sync's status, and the retention of
 * conversation text. Every change is audited; turning text off deletes it, a shorter retention deletes what is past it.
 */
import { DEFAULT_SYNC_SETTINGS, type SyncSettings, type SyncSettingsChange, type SyncView } from '../../core/sync.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { audit } from '../store/journal.ts';
import {
  deleteSyncedCommentsBefore,
  deleteSyncedConversations,
  liveSyncLease,
  lockedSyncSettings,
  saveSyncSettings,
  type StoredSyncSettings,
  storedSyncSettings,
  syncStatus,
} from '../store/sync.ts';

const DAY_MS = 86_400_000;

const settingsOf = (stored: StoredSyncSettings | null): SyncSettings =>
  stored ? { enabled: stored.enabled, conversations: stored.conversations, retentionDays: stored.retentionDays } : DEFAULT_SYNC_SETTINGS;

/** The account's sync settings: the defaults until an admin changes them. */
export async function syncSettings(q: Queryable, account: string): Promise<SyncSettings> {
  return settingsOf(await storedSyncSettings(q, account));
}

/** The oldest conversation text the account keeps at `now`. */
export const retentionCutoff = (settings: SyncSettings, now: Date) => new Date(now.getTime() - settings.retentionDays * DAY_MS);

/** Deletes the conversation text the settings no longer allow: all of it when text is off, else what is past retention. */
export async function applyConversationRetention(q: Queryable, account: string, settings: SyncSettings, now: Date): Promise<number> {
  return settings.conversations
    ? deleteSyncedCommentsBefore(q, account, retentionCutoff(settings, now))
    : deleteSyncedConversations(q, account);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function syncView(q: Queryable, account: string, now: Date): Promise<SyncView> {
  const [stored, status, lease] = [
    await storedSyncSettings(q, account),
    await syncStatus(q, account),
    await liveSyncLease(q, account, now),
  ];
  return {
    settings: settingsOf(stored),
    changedBy: stored?.updatedBy ?? null,
    changedAt: iso(stored?.updatedAt ?? null),
    status: {
      lastSuccessAt: iso(status.lastSuccessAt),
      syncedUpTo: status.syncedUpTo === null ? null : new Date(status.syncedUpTo * 1000).toISOString(),
      ticketsSynced: status.ticketsSynced,
      commentsStored: status.commentsStored,
      usersSynced: status.usersSynced,
      requestsSpent: status.requestsSpent,
      rateLimited: status.rateLimited,
      lastError: status.lastError,
      lastErrorAt: iso(status.lastErrorAt),
      running: lease !== null,
      runningSince: iso(lease?.acquiredAt ?? null),
    },
  };
}

/**
 * Applies the keys `change` names, in one transaction with what they delete, audited with each changed key's value
 * before and after and the number of comments deleted. A change that changes nothing writes nothing.
 */
export async function changeSyncSettings(db: Db, actor: Actor, change: SyncSettingsChange, now: Date): Promise<SyncView> {
  await db.transaction(async (tx) => {
    const before = settingsOf(await lockedSyncSettings(tx, actor.account, 'update'));
    const after: SyncSettings = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    const changed = (Object.keys(after) as Array<keyof SyncSettings>).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return;
    await saveSyncSettings(tx, actor.account, { ...after, updatedAt: now, updatedBy: actor.userId });
    const deletedComments =
      !after.conversations || after.retentionDays < before.retentionDays
        ? await applyConversationRetention(tx, actor.account, after, now)
        : 0;
    await audit(tx, actor, now, 'sync.settings', 'sync-settings', actor.account, {
      ...Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
      deletedComments,
    });
  });
  return syncView(db, actor.account, now);
}
