import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ScorecardDraftUpdate, ScorecardExportQuery, ScorecardListQuery } from '../../core/api.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { PositiveInt32 } from '../../core/text.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { isScorecardManager, requireScorecardManager } from '../services/policy.ts';
import {
  archiveScorecard,
  createScorecard,
  duplicateScorecard,
  editDraft,
  listScorecards,
  publishDraft,
  scorecardExport,
  scorecardSummary,
  scorecardVersion,
  startDraft,
} from '../services/scorecards.ts';

const Version = z.coerce.number().pipe(PositiveInt32);

/** Scorecards: admins (and the roles the account policy names) manage drafts and versions; everyone signed in reads published versions. */
export function scorecardsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  const createHandler = async (c: Context<AppEnv>) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const definition = parseOrThrow(ScorecardDefinition, await readJson(c.req));
    const action = c.req.path.endsWith('/import') ? 'scorecard.import' : 'scorecard.create';
    return c.json(await createScorecard(db, actor, definition, action, clock.now()), 201);
  };
  r.post('/', createHandler);
  r.post('/import', createHandler);

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const query = parseOrThrow(ScorecardListQuery, c.req.query());
    const manager = await isScorecardManager(db, actor);
    if (!manager && query.status && query.status !== 'published') throw forbidden(`${actor.role} may list published scorecards only`);
    return c.json({ items: await listScorecards(db, actor.account, manager ? query.status : 'published', manager) });
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    const manager = await isScorecardManager(db, actor);
    return c.json(await scorecardSummary(db, actor.account, pathId(c), manager));
  });

  // drafts only for scorecard managers: the service asks only when the version is a draft
  r.get('/:id/versions/:version', async (c) => {
    const { version } = parseOrThrow(z.object({ version: Version }), { version: c.req.param('version') });
    return c.json(await scorecardVersion(db, actorOf(c), pathId(c), version));
  });

  r.get('/:id/export', async (c) => {
    const { version } = parseOrThrow(ScorecardExportQuery, c.req.query());
    const exported = await scorecardExport(db, actorOf(c), pathId(c), version);
    c.header('Content-Disposition', `attachment; filename="scorecard-${exported.scorecardId}-v${exported.version}.json"`);
    return c.json(exported.definition);
  });

  r.put('/:id/draft', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const body = parseOrThrow(ScorecardDraftUpdate, await readJson(c.req));
    return c.json(await editDraft(db, actor, pathId(c), body, clock.now()));
  });

  r.post('/:id/draft', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    return c.json(await startDraft(db, actor, pathId(c), clock.now()), 201);
  });

  r.post('/:id/publish', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    return c.json(await publishDraft(db, actor, pathId(c), clock.now()));
  });

  r.post('/:id/archive', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    return c.json(await archiveScorecard(db, actor, pathId(c), clock.now()));
  });

  r.post('/:id/duplicate', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    return c.json(await duplicateScorecard(db, actor, pathId(c), clock.now()), 201);
  });

  return r;
}
