import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleScorecard, tenant } from '../support/db-client.ts';

describe.each(backends())('scorecards on $name', (backend) => {
  const db = useDb(backend);

  it('creates a draft, publishes it, and never changes a published version', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const created = await admin.post('/scorecards', sampleScorecard());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft', lockVersion: 1, name: 'Email support', publishedAt: null });
    expect(created.body.definition).toMatchObject({ passThreshold: 80, naPolicy: 'exclude', description: '' }); // defaults applied
    const id = created.body.id;

    const published = await admin.post(`/scorecards/${id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, status: 'published', publishedAt: expect.any(String) });

    // no draft left: editing or publishing again is a rule broken, not a silent change
    const edit = await admin.put(`/scorecards/${id}/draft`, { definition: { ...sampleScorecard(), name: 'Changed' }, lockVersion: 1 });
    expect(edit.status).toBe(422);
    expect((await admin.post(`/scorecards/${id}/publish`)).status).toBe(422);

    const next = await admin.post(`/scorecards/${id}/draft`);
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ version: 2, status: 'draft', lockVersion: 1 });
    expect((await admin.post(`/scorecards/${id}/draft`)).status).toBe(409); // one draft at a time
    const saved = await admin.put(`/scorecards/${id}/draft`, {
      definition: { ...sampleScorecard(), name: 'Email v2', passThreshold: 90 },
      lockVersion: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, lockVersion: 2, name: 'Email v2' });
    expect((await admin.post(`/scorecards/${id}/publish`)).body.version).toBe(2);

    const v1 = await admin.get(`/scorecards/${id}/versions/1`);
    expect(v1.body.definition.name).toBe('Email support');
    expect(v1.body.definition.passThreshold).toBe(80);
    const v2 = await admin.get(`/scorecards/${id}/versions/2`);
    expect(v2.body.definition.passThreshold).toBe(90);
    const summary = await admin.get(`/scorecards/${id}`);
    expect(summary.body).toMatchObject({ status: 'published', currentVersion: 2, latestVersion: 2, name: 'Email v2', draft: null });
    expect(summary.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ]);
    expect((await admin.get(`/scorecards/${id}/versions/3`)).status).toBe(404);
    expect((await admin.get(`/scorecards/${id}/versions/x`)).status).toBe(400);
  });

  it('answers 409 to a draft save with a stale lockVersion', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const { body } = await admin.post('/scorecards', sampleScorecard());
    const first = await admin.put(`/scorecards/${body.id}/draft`, { definition: { ...sampleScorecard(), name: 'Mine' }, lockVersion: 1 });
    expect(first.status).toBe(200);
    const stale = await admin.put(`/scorecards/${body.id}/draft`, { definition: { ...sampleScorecard(), name: 'Theirs' }, lockVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toContain('someone else saved this draft');
    expect((await admin.get(`/scorecards/${body.id}/versions/1`)).body.definition.name).toBe('Mine');
  });

  it('refuses invalid definitions with path-named issues (create, import, draft edit)', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const bad = sampleScorecard() as any;
    bad.sections[1].criteria[0].weight = -1;
    bad.sections[0].criteria[1].extra = true;
    for (const path of ['/scorecards', '/scorecards/import']) {
      const res = await admin.post(path, bad);
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual(
        expect.arrayContaining(['sections[1].criteria[0].weight: must be >= 0', 'sections[0].criteria[1]: unknown key "extra"']),
      );
    }
    const { body } = await admin.post('/scorecards', sampleScorecard());
    const res = await admin.put(`/scorecards/${body.id}/draft`, { definition: bad, lockVersion: 1 });
    expect(res.status).toBe(400);
    expect(res.body.issues).toContain('definition.sections[1].criteria[0].weight: must be >= 0');
    expect((await admin.put(`/scorecards/${body.id}/draft`, { definition: sampleScorecard() })).body.issues).toEqual([
      'lockVersion: is required (number)',
    ]);
    const n = await countOf(db(), 'SELECT count(*) AS n FROM scorecards WHERE account = $1', [t.account]);
    expect(n).toBe(1);
  });

  it('imports, exports in the public JSON format (round trip), and duplicates', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const imported = await admin.post('/scorecards/import', sampleScorecard('Imported'));
    expect(imported.status).toBe(201);
    await admin.post(`/scorecards/${imported.body.id}/publish`);
    const exported = await admin.get(`/scorecards/${imported.body.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body).toEqual(imported.body.definition);
    const again = await admin.post('/scorecards/import', exported.body);
    expect(again.status).toBe(201);
    expect(again.body.definition).toEqual(exported.body);
    expect((await admin.get(`/scorecards/${imported.body.id}/export?version=4`)).status).toBe(404);
    expect((await admin.get(`/scorecards/${imported.body.id}/export?version=zero`)).status).toBe(400);

    const copy = await admin.post(`/scorecards/${imported.body.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Imported (copy)', version: 1, status: 'draft' });
    expect(copy.body.id).not.toBe(imported.body.id);
    expect(copy.body.definition.sections).toEqual(imported.body.definition.sections);
  });

  it('lists with versions, the current definition and evaluation counts; filters by status', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const live = await publishedScorecard(t);
    const draftOnly = (await admin.post('/scorecards', sampleScorecard('Draft only'))).body.id;
    const gone = await publishedScorecard(t, sampleScorecard('Old'));
    await t.as('reviewer', 2).post('/evaluations', evaluationBody(live));
    await t.as('reviewer', 2).post('/evaluations', evaluationBody(live));
    await admin.post(`/scorecards/${gone}/archive`);
    expect((await admin.post(`/scorecards/${gone}/archive`)).status).toBe(200); // twice is harmless

    const all = await admin.get('/scorecards');
    expect(all.body.items.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      [live, 'published'],
      [draftOnly, 'draft'],
      [gone, 'archived'],
    ]);
    const liveItem = all.body.items[0];
    expect(liveItem).toMatchObject({ currentVersion: 1, evaluationCount: 2, current: { name: 'Email support' } });
    expect(liveItem.versions).toHaveLength(1);
    expect((await admin.get('/scorecards?status=draft')).body.items.map((s: { id: string }) => s.id)).toEqual([draftOnly]);
    expect((await admin.get('/scorecards?status=bogus')).status).toBe(400);

    // everyone else sees published scorecards only, without drafts
    for (const role of ['agent', 'reviewer', 'lead'] as const) {
      const list = await t.as(role, 40).get('/scorecards');
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([live]);
      expect(list.body.items[0].draft).toBeUndefined();
      expect((await t.as(role, 40).get('/scorecards?status=draft')).status).toBe(403);
    }
    const agent = t.as('agent', 40);
    expect((await agent.get(`/scorecards/${draftOnly}`)).status).toBe(404);
    expect((await agent.get(`/scorecards/${draftOnly}/versions/1`)).status).toBe(403);
    expect((await agent.get(`/scorecards/${live}/versions/1`)).status).toBe(200);
    await admin.post(`/scorecards/${live}/draft`);
    expect((await agent.get(`/scorecards/${live}/versions/2`)).status).toBe(403);
    expect((await agent.get(`/scorecards/${live}`)).body.versions).toHaveLength(1);
  });

  it('deletes a draft version, never a published one; a scorecard never published goes with its draft; audited', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const audits = async (id: string) =>
      db().query<{ action: string; detail: unknown }>(
        `SELECT action, detail FROM audit_log WHERE account = $1 AND entity_id = $2 AND action = 'scorecard.delete-draft' ORDER BY seq`,
        [t.account, id],
      );

    // never published: the scorecard goes with its only draft
    const only = (await admin.post('/scorecards', sampleScorecard('Left over'))).body.id;
    expect((await t.as('reviewer', 2).delete(`/scorecards/${only}/versions/1`)).status).toBe(403);
    expect((await admin.delete(`/scorecards/${only}/versions/1`)).status).toBe(204);
    expect((await admin.get(`/scorecards/${only}`)).status).toBe(404);
    expect((await admin.get('/scorecards')).body.items.map((s: { name: string }) => s.name)).not.toContain('Left over');
    expect(await audits(only)).toEqual([{ action: 'scorecard.delete-draft', detail: { version: 1, scorecardDeleted: true } }]);

    // published v1 with a draft v2: v1 stays; a save since the caller read the draft is a conflict
    const id = await publishedScorecard(t);
    expect((await admin.post(`/scorecards/${id}/draft`)).body.version).toBe(2);
    await admin.put(`/scorecards/${id}/draft`, { definition: { ...sampleScorecard(), name: 'Saved since' }, lockVersion: 1 });
    expect((await admin.delete(`/scorecards/${id}/versions/1`)).status).toBe(409);
    const stale = await admin.delete(`/scorecards/${id}/versions/2?lockVersion=1`);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toContain('someone else saved this draft');
    expect((await admin.delete(`/scorecards/${id}/versions/2?lockVersion=2`)).status).toBe(204);
    const after = (await admin.get(`/scorecards/${id}`)).body;
    expect(after).toMatchObject({ status: 'published', currentVersion: 1, latestVersion: 1, draft: null });
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(await audits(id)).toEqual([{ action: 'scorecard.delete-draft', detail: { version: 2, scorecardDeleted: false } }]);
    // the next draft is version 2 again
    expect((await admin.post(`/scorecards/${id}/draft`)).body.version).toBe(2);

    for (const path of [`/scorecards/${id}/versions/3`, '/scorecards/nope/versions/1']) expect((await admin.delete(path)).status).toBe(404);
    expect((await admin.delete(`/scorecards/${id}/versions/x`)).status).toBe(400);
  });

  it('refuses changes to an archived scorecard with 422 and unknown ids with 404', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const id = await publishedScorecard(t);
    await admin.post(`/scorecards/${id}/archive`);
    expect((await admin.post(`/scorecards/${id}/draft`)).status).toBe(422);
    expect((await admin.post(`/scorecards/${id}/publish`)).status).toBe(422);
    for (const path of ['/scorecards/nope', '/scorecards/nope/versions/1', '/scorecards/nope/export']) {
      expect((await admin.get(path)).status).toBe(404);
    }
    for (const path of ['/scorecards/nope/publish', '/scorecards/nope/archive', '/scorecards/nope/draft', '/scorecards/nope/duplicate']) {
      expect((await admin.post(path)).status).toBe(404);
    }
  });
});
