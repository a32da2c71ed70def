import * as api from '../../core/contract/scorecards.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import { pathId } from '../edge.ts';
import { declare, router, type ServerSide } from '../openapi/declare.ts';
import { isScorecardManager, requireScorecardManager } from '../services/policy.ts';
import {
  archiveScorecard,
  createScorecard,
  deleteDraft,
  duplicateScorecard,
  editDraft,
  listScorecards,
  publishDraft,
  scorecardExport,
  scorecardSummary,
  scorecardVersion,
  startDraft,
} from '../services/scorecards.ts';

/** Scorecards (src/core/contract/scorecards.ts): scorecard managers manage drafts and versions; everyone signed in reads published versions. */
export function scorecardsRouter({ db, clock }: AppDeps) {
  const r = router();
  // who manages scorecards (services/policy.ts), checked before the request is read
  const manager: ServerSide = { check: (c) => requireScorecardManager(db, actorOf(c)) };

  for (const [route, action] of [
    [api.createScorecard, 'scorecard.create'],
    [api.importScorecard, 'scorecard.import'],
  ] as const) {
    r.openapi(declare(route, manager), async (c) =>
      c.json(await createScorecard(db, actorOf(c), c.req.valid('json'), action, clock.now()), 201),
    );
  }

  r.openapi(declare(api.listScorecards), async (c) => {
    const actor = actorOf(c);
    const query = c.req.valid('query');
    const manager = await isScorecardManager(db, actor);
    if (!manager && query.status && query.status !== 'published') throw forbidden(`${actor.role} may list published scorecards only`);
    return c.json({ items: await listScorecards(db, actor.account, manager ? query.status : 'published', manager) }, 200);
  });

  r.openapi(declare(api.readScorecard), async (c) => {
    const actor = actorOf(c);
    const manager = await isScorecardManager(db, actor);
    return c.json(await scorecardSummary(db, actor.account, pathId(c), manager), 200);
  });

  // drafts only for scorecard managers: the service asks only when the version is a draft
  r.openapi(declare(api.readScorecardVersion), async (c) =>
    c.json(await scorecardVersion(db, actorOf(c), pathId(c), c.req.valid('param').version), 200),
  );

  r.openapi(declare(api.exportScorecard), async (c) => {
    const found = await scorecardExport(db, actorOf(c), pathId(c), c.req.valid('query').version);
    c.header('Content-Disposition', `attachment; filename="scorecard-${found.scorecardId}-v${found.version}.json"`);
    return c.json(found.definition, 200);
  });

  r.openapi(declare(api.saveScorecardDraft, manager), async (c) =>
    c.json(await editDraft(db, actorOf(c), pathId(c), c.req.valid('json'), clock.now()), 200),
  );

  r.openapi(declare(api.startScorecardDraft, manager), async (c) => c.json(await startDraft(db, actorOf(c), pathId(c), clock.now()), 201));

  r.openapi(declare(api.deleteScorecardDraft, manager), async (c) => {
    await deleteDraft(db, actorOf(c), pathId(c), c.req.valid('param').version, c.req.valid('query').lockVersion, clock.now());
    return c.body(null, 204);
  });

  r.openapi(declare(api.publishScorecard, manager), async (c) => c.json(await publishDraft(db, actorOf(c), pathId(c), clock.now()), 200));

  r.openapi(declare(api.archiveScorecard, manager), async (c) => {
    const archived = await archiveScorecard(db, actorOf(c), pathId(c), clock.now());
    if (!archived) throw notFound('scorecard');
    return c.json(archived, 200);
  });

  r.openapi(declare(api.duplicateScorecard, manager), async (c) =>
    c.json(await duplicateScorecard(db, actorOf(c), pathId(c), clock.now()), 201),
  );

  return r;
}
