/**
 * Scorecards: drafts and versions. A version once published never changes; the next one starts as a draft, edited
 * under a lock version, and every write is audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ScorecardDraftUpdate, ScorecardSummary, ScorecardVersionView } from '../../core/api.ts';
import type { ScorecardDefinition } from '../../core/scorecard.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { conflict, forbidden, notFound, unprocessable } from '../errors.ts';
import { audit } from '../store/journal.ts';
import {
  definitionOf,
  deleteDraftVersion,
  describeScorecards,
  findDraft,
  findScorecard,
  findVersion,
  insertDraftVersion,
  insertScorecard,
  markScorecardArchived,
  markScorecardPublished,
  markVersionPublished,
  renameScorecard,
  setLatestVersion,
  updateDraftDefinition,
  versionView,
  type ScorecardRow,
} from '../store/scorecards.ts';
import { isScorecardManager } from './policy.ts';

/** A new scorecard whose version 1 is a draft of `definition`. */
export async function createScorecard(
  db: Db,
  actor: Actor,
  definition: ScorecardDefinition,
  action: string,
  now: Date,
  detail: Record<string, unknown> = {},
): Promise<ScorecardVersionView> {
  const id = randomUUID();
  return db.transaction(async (tx) => {
    await insertScorecard(tx, actor.account, id, definition.name, now);
    const v = await insertDraftVersion(tx, actor.account, id, 1, definition, now);
    await audit(tx, actor, now, action, 'scorecard', id, { version: 1, ...detail });
    return versionView({ name: definition.name }, v);
  });
}

/** The account's scorecards with `status` (any when undefined); drafts only for scorecard managers. */
export function listScorecards(
  db: Db,
  account: string,
  status: ScorecardRow['status'] | undefined,
  manager: boolean,
): Promise<ScorecardSummary[]> {
  return describeScorecards(db, account, { status }, manager);
}

/** One scorecard; 404 when unknown, or never published and the reader is no scorecard manager. */
export async function scorecardSummary(db: Db, account: string, id: string, manager: boolean): Promise<ScorecardSummary> {
  const [card] = await describeScorecards(db, account, { id }, manager);
  if (!card || (!manager && card.currentVersion === null)) throw notFound('scorecard');
  return card;
}

/** A version; 404 unknown, 403 a draft for anyone but a scorecard manager. */
export async function scorecardVersion(db: Db, actor: Actor, id: string, version: number): Promise<ScorecardVersionView> {
  const card = await findScorecard(db, actor.account, id);
  const v = card && (await findVersion(db, actor.account, card.id, version));
  if (!card || !v) throw notFound('scorecard version');
  if (v.status === 'draft' && !(await isScorecardManager(db, actor))) throw forbidden('only scorecard managers see drafts');
  return versionView(card, v);
}

/** A version's definition to export (by default the current one, else the latest); drafts for scorecard managers only. */
export async function scorecardExport(
  db: Db,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<{ scorecardId: string; version: number; definition: ScorecardDefinition }> {
  const card = await findScorecard(db, actor.account, id);
  if (!card) throw notFound('scorecard');
  const wanted = version ?? card.current_version ?? card.latest_version;
  const v = await findVersion(db, actor.account, card.id, wanted);
  if (!v) throw notFound('scorecard version');
  if (v.status === 'draft' && !(await isScorecardManager(db, actor))) throw forbidden('only scorecard managers export drafts');
  return { scorecardId: card.id, version: v.version, definition: definitionOf(v.definition) };
}

/** The scorecard, locked for this transaction; 404 unknown, 422 archived. */
async function lockLive(tx: Queryable, account: string, id: string): Promise<ScorecardRow> {
  const card = await findScorecard(tx, account, id, true);
  if (!card) throw notFound('scorecard');
  if (card.status === 'archived') throw unprocessable('this scorecard is archived');
  return card;
}

/** Saves the draft's definition when no one saved it since `lockVersion` (else 409). */
export async function editDraft(db: Db, actor: Actor, id: string, body: ScorecardDraftUpdate, now: Date): Promise<ScorecardVersionView> {
  return db.transaction(async (tx) => {
    const card = await lockLive(tx, actor.account, id);
    const draft = await findDraft(tx, actor.account, card.id);
    if (!draft) throw unprocessable('no draft to edit: POST /scorecards/{id}/draft starts the next version');
    const saved = await updateDraftDefinition(tx, actor.account, card.id, draft.version, body.definition, body.lockVersion);
    if (!saved) throw conflict('someone else saved this draft: reload it and apply your changes again');
    await renameScorecard(tx, actor.account, card.id, body.definition.name, now);
    await audit(tx, actor, now, 'scorecard.edit-draft', 'scorecard', card.id, { version: draft.version, lockVersion: saved.lock_version });
    return versionView(card, saved);
  });
}

/** The next version, a draft copy of the latest (409 when a draft exists). */
export async function startDraft(db: Db, actor: Actor, id: string, now: Date): Promise<ScorecardVersionView> {
  return db.transaction(async (tx) => {
    const card = await lockLive(tx, actor.account, id);
    const existing = await findDraft(tx, actor.account, card.id);
    if (existing) throw conflict(`version ${existing.version} is already a draft: edit it with PUT /scorecards/{id}/draft`);
    const latest = await findVersion(tx, actor.account, card.id, card.latest_version);
    const next = card.latest_version + 1;
    const v = await insertDraftVersion(tx, actor.account, card.id, next, latest!.definition, now);
    await setLatestVersion(tx, actor.account, card.id, next, now);
    await audit(tx, actor, now, 'scorecard.new-draft', 'scorecard', card.id, { version: next });
    return versionView(card, v);
  });
}

/**
 * Deletes a draft version: 404 unknown scorecard or version, 409 a published version (published versions never
 * change) or a draft saved since `lockVersion` (when given). A scorecard never published goes with its only draft.
 * Audited in the same transaction.
 */
export async function deleteDraft(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  lockVersion: number | undefined,
  now: Date,
): Promise<{ scorecardDeleted: boolean }> {
  return db.transaction(async (tx) => {
    const card = await findScorecard(tx, actor.account, id, true);
    const v = card && (await findVersion(tx, actor.account, card.id, version));
    if (!card || !v) throw notFound('scorecard version');
    if (v.status !== 'draft') throw conflict(`version ${version} is published: published versions never change`);
    if (lockVersion !== undefined && v.lock_version !== lockVersion)
      throw conflict('someone else saved this draft since you read it: reload before deleting it');
    const deleted = await deleteDraftVersion(tx, actor.account, card.id, version, now);
    await audit(tx, actor, now, 'scorecard.delete-draft', 'scorecard', card.id, { version, scorecardDeleted: deleted === 'scorecard' });
    return { scorecardDeleted: deleted === 'scorecard' };
  });
}

/** The draft becomes the current version, and the scorecard takes its name. */
export async function publishDraft(db: Db, actor: Actor, id: string, now: Date): Promise<ScorecardVersionView> {
  return db.transaction(async (tx) => {
    const card = await lockLive(tx, actor.account, id);
    const draft = await findDraft(tx, actor.account, card.id);
    if (!draft) throw unprocessable('nothing to publish: published versions never change; POST /scorecards/{id}/draft first');
    const v = await markVersionPublished(tx, actor.account, card.id, draft.version, now);
    const name = definitionOf(draft.definition).name;
    await markScorecardPublished(tx, actor.account, card.id, draft.version, name, now);
    await audit(tx, actor, now, 'scorecard.publish', 'scorecard', card.id, { version: draft.version });
    return versionView(card, v);
  });
}

/** Archives the scorecard (twice is harmless) and returns it as a manager sees it. */
export async function archiveScorecard(db: Db, actor: Actor, id: string, now: Date): Promise<ScorecardSummary | undefined> {
  await db.transaction(async (tx) => {
    const card = await findScorecard(tx, actor.account, id, true);
    if (!card) throw notFound('scorecard');
    if (card.status === 'archived') return; // archiving twice is harmless
    await markScorecardArchived(tx, actor.account, id, now);
    await audit(tx, actor, now, 'scorecard.archive', 'scorecard', id);
  });
  const [card] = await describeScorecards(db, actor.account, { id }, true);
  return card;
}

/** A new scorecard whose draft is a copy of the source's latest version, named "<name> (copy)". */
export async function duplicateScorecard(db: Db, actor: Actor, id: string, now: Date): Promise<ScorecardVersionView> {
  const source = await findScorecard(db, actor.account, id);
  if (!source) throw notFound('scorecard');
  const latest = await findVersion(db, actor.account, source.id, source.latest_version);
  const definition = definitionOf(latest!.definition);
  const copy = { ...definition, name: `${definition.name} (copy)`.slice(0, 200) };
  return createScorecard(db, actor, copy, 'scorecard.duplicate', now, { from: source.id, fromVersion: source.latest_version });
}
