import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ScorecardDraftUpdate, ScorecardExportQuery, ScorecardListQuery } from '../../core/api.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { PositiveInt32 } from '../../core/text.ts';
import { audit } from '../audit.ts';
import { actorOf, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { conflict, forbidden, notFound, parseOrThrow, readJson, unprocessable } from '../errors.ts';
import { pathId } from '../edge.ts';
import { isScorecardManager, requireScorecardManager } from '../services/policy.ts';
import {
  definitionOf,
  describeScorecards,
  findDraft,
  findScorecard,
  findVersion,
  versionView,
  type ScorecardRow,
  type VersionRow,
} from '../store/scorecards.ts';

const Version = z.coerce.number().pipe(PositiveInt32);

/** Scorecards: admins (and the roles the account policy names) manage drafts and versions; everyone signed in reads published versions. */
export function scorecardsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  /** A new scorecard whose version 1 is a draft of `definition`. */
  async function create(actor: Actor, definition: ScorecardDefinition, action: string, detail: Record<string, unknown> = {}) {
    const now = clock.now();
    const id = randomUUID();
    return db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scorecards (account, id, name, status, current_version, latest_version, created_at, updated_at)
         VALUES ($1, $2, $3, 'draft', NULL, 1, $4, $4)`,
        [actor.account, id, definition.name, now],
      );
      const [v] = await tx.query<VersionRow>(
        `INSERT INTO scorecard_versions (account, scorecard_id, version, status, definition, created_at, lock_version)
         VALUES ($1, $2, 1, 'draft', $3, $4, 1) RETURNING *`,
        [actor.account, id, JSON.stringify(definition), now],
      );
      await audit(tx, actor, now, action, 'scorecard', id, { version: 1, ...detail });
      return versionView({ name: definition.name }, v!);
    });
  }

  /** The scorecard, locked for this transaction; 404 unknown, 422 archived. */
  async function lockLive(tx: Queryable, actor: Actor, id: string): Promise<ScorecardRow> {
    const card = await findScorecard(tx, actor.account, id, true);
    if (!card) throw notFound('scorecard');
    if (card.status === 'archived') throw unprocessable('this scorecard is archived');
    return card;
  }

  const createHandler = async (c: Context<AppEnv>) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const definition = parseOrThrow(ScorecardDefinition, await readJson(c.req));
    return c.json(await create(actor, definition, c.req.path.endsWith('/import') ? 'scorecard.import' : 'scorecard.create'), 201);
  };
  r.post('/', createHandler);
  r.post('/import', createHandler);

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const query = parseOrThrow(ScorecardListQuery, c.req.query());
    const manager = await isScorecardManager(db, actor);
    if (!manager && query.status && query.status !== 'published') throw forbidden(`${actor.role} may list published scorecards only`);
    const items = await describeScorecards(db, actor.account, { status: manager ? query.status : 'published' }, manager);
    return c.json({ items });
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    const manager = await isScorecardManager(db, actor);
    const [card] = await describeScorecards(db, actor.account, { id: pathId(c) }, manager);
    if (!card || (!manager && card.currentVersion === null)) throw notFound('scorecard');
    return c.json(card);
  });

  r.get('/:id/versions/:version', async (c) => {
    const actor = actorOf(c);
    const { version } = parseOrThrow(z.object({ version: Version }), { version: c.req.param('version') });
    const card = await findScorecard(db, actor.account, pathId(c));
    const v = card && (await findVersion(db, actor.account, card.id, version));
    if (!card || !v) throw notFound('scorecard version');
    if (v.status === 'draft' && !(await isScorecardManager(db, actor))) throw forbidden('only scorecard managers see drafts');
    return c.json(versionView(card, v));
  });

  r.get('/:id/export', async (c) => {
    const actor = actorOf(c);
    const { version } = parseOrThrow(ScorecardExportQuery, c.req.query());
    const card = await findScorecard(db, actor.account, pathId(c));
    if (!card) throw notFound('scorecard');
    const wanted = version ?? card.current_version ?? card.latest_version;
    const v = await findVersion(db, actor.account, card.id, wanted);
    if (!v) throw notFound('scorecard version');
    if (v.status === 'draft' && !(await isScorecardManager(db, actor))) throw forbidden('only scorecard managers export drafts');
    c.header('Content-Disposition', `attachment; filename="scorecard-${card.id}-v${v.version}.json"`);
    return c.json(definitionOf(v.definition));
  });

  r.put('/:id/draft', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const body = parseOrThrow(ScorecardDraftUpdate, await readJson(c.req));
    const now = clock.now();
    const view = await db.transaction(async (tx) => {
      const card = await lockLive(tx, actor, pathId(c));
      const draft = await findDraft(tx, actor.account, card.id);
      if (!draft) throw unprocessable('no draft to edit: POST /scorecards/{id}/draft starts the next version');
      const [saved] = await tx.query<VersionRow>(
        `UPDATE scorecard_versions SET definition = $4, lock_version = lock_version + 1
          WHERE account = $1 AND scorecard_id = $2 AND version = $3 AND lock_version = $5 RETURNING *`,
        [actor.account, card.id, draft.version, JSON.stringify(body.definition), body.lockVersion],
      );
      if (!saved) throw conflict('someone else saved this draft: reload it and apply your changes again');
      await tx.query('UPDATE scorecards SET name = $3, updated_at = $4 WHERE account = $1 AND id = $2', [
        actor.account,
        card.id,
        body.definition.name,
        now,
      ]);
      await audit(tx, actor, now, 'scorecard.edit-draft', 'scorecard', card.id, { version: draft.version, lockVersion: saved.lock_version });
      return versionView(card, saved);
    });
    return c.json(view);
  });

  r.post('/:id/draft', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const now = clock.now();
    const view = await db.transaction(async (tx) => {
      const card = await lockLive(tx, actor, pathId(c));
      const existing = await findDraft(tx, actor.account, card.id);
      if (existing) throw conflict(`version ${existing.version} is already a draft: edit it with PUT /scorecards/{id}/draft`);
      const latest = await findVersion(tx, actor.account, card.id, card.latest_version);
      const next = card.latest_version + 1;
      const [v] = await tx.query<VersionRow>(
        `INSERT INTO scorecard_versions (account, scorecard_id, version, status, definition, created_at, lock_version)
         VALUES ($1, $2, $3, 'draft', $4, $5, 1) RETURNING *`,
        [actor.account, card.id, next, JSON.stringify(latest!.definition), now],
      );
      await tx.query('UPDATE scorecards SET latest_version = $3, updated_at = $4 WHERE account = $1 AND id = $2', [
        actor.account,
        card.id,
        next,
        now,
      ]);
      await audit(tx, actor, now, 'scorecard.new-draft', 'scorecard', card.id, { version: next });
      return versionView(card, v!);
    });
    return c.json(view, 201);
  });

  r.post('/:id/publish', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const now = clock.now();
    const view = await db.transaction(async (tx) => {
      const card = await lockLive(tx, actor, pathId(c));
      const draft = await findDraft(tx, actor.account, card.id);
      if (!draft) throw unprocessable('nothing to publish: published versions never change; POST /scorecards/{id}/draft first');
      const [v] = await tx.query<VersionRow>(
        `UPDATE scorecard_versions SET status = 'published', published_at = $4
          WHERE account = $1 AND scorecard_id = $2 AND version = $3 RETURNING *`,
        [actor.account, card.id, draft.version, now],
      );
      const name = definitionOf(draft.definition).name;
      await tx.query(
        `UPDATE scorecards SET status = 'published', current_version = $3, name = $4, updated_at = $5
          WHERE account = $1 AND id = $2`,
        [actor.account, card.id, draft.version, name, now],
      );
      await audit(tx, actor, now, 'scorecard.publish', 'scorecard', card.id, { version: draft.version });
      return versionView(card, v!);
    });
    return c.json(view);
  });

  r.post('/:id/archive', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const now = clock.now();
    const id = pathId(c);
    await db.transaction(async (tx) => {
      const card = await findScorecard(tx, actor.account, id, true);
      if (!card) throw notFound('scorecard');
      if (card.status === 'archived') return; // archiving twice is harmless
      await tx.query(
        `UPDATE scorecards SET status = 'archived', archived_at = $3, updated_at = $3 WHERE account = $1 AND id = $2`,
        [actor.account, id, now],
      );
      await audit(tx, actor, now, 'scorecard.archive', 'scorecard', id);
    });
    const [card] = await describeScorecards(db, actor.account, { id }, true);
    return c.json(card);
  });

  r.post('/:id/duplicate', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const source = await findScorecard(db, actor.account, pathId(c));
    if (!source) throw notFound('scorecard');
    const latest = await findVersion(db, actor.account, source.id, source.latest_version);
    const definition = definitionOf(latest!.definition);
    const copy = { ...definition, name: `${definition.name} (copy)`.slice(0, 200) };
    return c.json(await create(actor, copy, 'scorecard.duplicate', { from: source.id, fromVersion: source.latest_version }), 201);
  });

  return r;
}
