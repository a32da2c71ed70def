/**
 * What an admin sees and steers of the service's Zendesk sync (issue 15, decision 026): the account's sync
 * settings, kept by the service (app settings reach the browser and cannot be trusted), and how the sync is doing.
 */
import { z } from 'zod';

/** Days of conversation text kept: a day to ten years. */
export const RetentionDays = z.number().int().min(1).max(3650);

export const SyncSettings = z
  .strictObject({
    /** The scheduled sync runs for the account. */
    enabled: z.boolean(),
    /** Conversation text is fetched and stored; off: metrics only, and the stored text is deleted. */
    conversations: z.boolean(),
    /** Conversation text older than this many days is deleted (results and metrics derived from it stay). */
    retentionDays: RetentionDays,
  })
  .meta({ id: 'SyncSettings' });
export type SyncSettings = z.output<typeof SyncSettings>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { enabled: true, conversations: true, retentionDays: 90 };

/** A change to the settings: the keys left out keep their value. */
export const SyncSettingsChange = z.strictObject({
  enabled: z.boolean().optional(),
  conversations: z.boolean().optional(),
  retentionDays: RetentionDays.optional(),
});
export type SyncSettingsChange = z.output<typeof SyncSettingsChange>;

const Count = z.number().int().min(0);
const When = z.string().nullable();

export const SyncView = z
  .object({
    settings: SyncSettings,
    /** Who changed the settings last (a Zendesk user id; negative once erased) and when; null until someone did. */
    changedBy: z.number().int().nullable(),
    changedAt: When,
    status: z.object({
      /** When a run last reached the end of every export. */
      lastSuccessAt: When,
      /** The newest change of a ticket the sync holds (Zendesk's generated_timestamp): how far the ticket cursor has come. */
      syncedUpTo: When,
      ticketsSynced: Count,
      commentsStored: Count,
      usersSynced: Count,
      /** Every request the sync sent Zendesk, retries and 429s included, and the 429s among them. */
      requestsSpent: Count,
      rateLimited: Count,
      /** Why the last run stopped, in plain words; null when it ended well. */
      lastError: z.string().nullable(),
      lastErrorAt: When,
      /** A run holds the account's lease now (on this or another instance), since when. */
      running: z.boolean(),
      runningSince: When,
    }),
  })
  .meta({ id: 'SyncView' });
export type SyncView = z.output<typeof SyncView>;
