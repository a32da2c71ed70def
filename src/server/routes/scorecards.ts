import type { Context } from 'hono';
import { z } from 'zod';
import {
  ScorecardDraftUpdate,
  ScorecardExport,
  ScorecardExportQuery,
  ScorecardList,
  ScorecardListQuery,
  ScorecardSummary,
  ScorecardVersionView,
} from '../../core/api.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import { PositiveInt32 } from '../../core/text.ts';
import { ADMIN, actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import { pathId } from '../edge.ts';
import { ANYONE, declare, json, jsonBody, router } from '../openapi/declare.ts';
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

// the account policy widens who manages scorecards; the roles name the fixed minimum
const MANAGERS = 'admins, and the QA roles the account policy (GET /api/v1/policy) names';

const Version = z.coerce.number().pipe(PositiveInt32);

/** Scorecards: admins (and the roles the account policy names) manage drafts and versions; everyone signed in reads published versions. */
export function scorecardsRouter({ db, clock }: AppDeps) {
  const r = router();
  // who manages scorecards (services/policy.ts), checked before the request is read
  const manager = {
    tag: 'scorecards',
    roles: ADMIN,
    access: MANAGERS,
    check: (c: Context<AppEnv>) => requireScorecardManager(db, actorOf(c)),
  };

  for (const [path, action, summary] of [
    ['/', 'scorecard.create', 'Create a scorecard; version 1 is a draft'],
    ['/import', 'scorecard.import', 'Import a scorecard in the public JSON format as a new draft'],
  ] as const) {
    const create = declare({
      ...manager,
      method: 'post',
      path,
      summary,
      request: { body: jsonBody(ScorecardDefinition) },
      responses: { 201: json(ScorecardVersionView, 'Created') },
    });
    r.openapi(create, async (c) => c.json(await createScorecard(db, actorOf(c), c.req.valid('json'), action, clock.now()), 201));
  }

  const list = declare({
    method: 'get',
    path: '/',
    tag: 'scorecards',
    summary: 'List scorecards with their versions',
    roles: ANYONE,
    access: 'drafts are shown to scorecard managers only',
    request: { query: ScorecardListQuery },
    responses: { 200: json(ScorecardList) },
  });
  r.openapi(list, async (c) => {
    const actor = actorOf(c);
    const query = c.req.valid('query');
    const manager = await isScorecardManager(db, actor);
    if (!manager && query.status && query.status !== 'published') throw forbidden(`${actor.role} may list published scorecards only`);
    return c.json({ items: await listScorecards(db, actor.account, manager ? query.status : 'published', manager) }, 200);
  });

  const one = declare({
    method: 'get',
    path: '/{id}',
    tag: 'scorecards',
    summary: 'One scorecard with its versions',
    roles: ANYONE,
    errors: [404],
    responses: { 200: json(ScorecardSummary) },
  });
  r.openapi(one, async (c) => {
    const actor = actorOf(c);
    const manager = await isScorecardManager(db, actor);
    return c.json(await scorecardSummary(db, actor.account, pathId(c), manager), 200);
  });

  // drafts only for scorecard managers: the service asks only when the version is a draft
  const version = declare({
    method: 'get',
    path: '/{id}/versions/{version}',
    tag: 'scorecards',
    summary: 'One version of a scorecard',
    roles: ANYONE,
    request: { params: z.object({ id: z.string(), version: Version }) },
    responses: { 200: json(ScorecardVersionView) },
  });
  r.openapi(version, async (c) => c.json(await scorecardVersion(db, actorOf(c), pathId(c), c.req.valid('param').version), 200));

  const exported = declare({
    method: 'get',
    path: '/{id}/export',
    tag: 'scorecards',
    summary: 'Export a version in the public JSON format (the current published one by default)',
    roles: ANYONE,
    request: { query: ScorecardExportQuery },
    responses: { 200: json(ScorecardExport) },
  });
  r.openapi(exported, async (c) => {
    const found = await scorecardExport(db, actorOf(c), pathId(c), c.req.valid('query').version);
    c.header('Content-Disposition', `attachment; filename="scorecard-${found.scorecardId}-v${found.version}.json"`);
    return c.json(found.definition, 200);
  });

  const saveDraft = declare({
    ...manager,
    method: 'put',
    path: '/{id}/draft',
    summary: 'Save the draft; a stale lockVersion is a conflict',
    errors: [409, 422],
    request: { body: jsonBody(ScorecardDraftUpdate) },
    responses: { 200: json(ScorecardVersionView) },
  });
  r.openapi(saveDraft, async (c) => c.json(await editDraft(db, actorOf(c), pathId(c), c.req.valid('json'), clock.now()), 200));

  const newDraft = declare({
    ...manager,
    method: 'post',
    path: '/{id}/draft',
    summary: 'Start a draft of the next version from the current one',
    errors: [409, 422],
    responses: { 201: json(ScorecardVersionView, 'Created') },
  });
  r.openapi(newDraft, async (c) => c.json(await startDraft(db, actorOf(c), pathId(c), clock.now()), 201));

  const publish = declare({
    ...manager,
    method: 'post',
    path: '/{id}/publish',
    summary: 'Publish the draft; published versions never change',
    errors: [409, 422],
    responses: { 200: json(ScorecardVersionView) },
  });
  r.openapi(publish, async (c) => c.json(await publishDraft(db, actorOf(c), pathId(c), clock.now()), 200));

  const archive = declare({
    ...manager,
    method: 'post',
    path: '/{id}/archive',
    summary: 'Archive: no new evaluations; existing ones stay',
    errors: [422],
    responses: { 200: json(ScorecardSummary) },
  });
  r.openapi(archive, async (c) => {
    const archived = await archiveScorecard(db, actorOf(c), pathId(c), clock.now());
    if (!archived) throw notFound('scorecard');
    return c.json(archived, 200);
  });

  const duplicate = declare({
    ...manager,
    method: 'post',
    path: '/{id}/duplicate',
    summary: 'Copy a scorecard into a new draft scorecard',
    responses: { 201: json(ScorecardVersionView, 'Created') },
  });
  r.openapi(duplicate, async (c) => c.json(await duplicateScorecard(db, actorOf(c), pathId(c), clock.now()), 201));

  return r;
}
