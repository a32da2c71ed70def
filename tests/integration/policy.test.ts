import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../support/db.ts';
import { publishedScorecard, sampleScorecard, tenants, type Caller } from '../support/db-client.ts';

/** Every scorecard-managing call a role can make; each must answer `status`. */
async function manageStatuses(who: Caller, id: string): Promise<number[]> {
  const created = await who.post('/scorecards', sampleScorecard('By a manager'));
  const draft = await who.post(`/scorecards/${id}/draft`);
  const saved = await who.put(`/scorecards/${id}/draft`, { definition: sampleScorecard('Renamed'), lockVersion: 1 });
  const whatIf = await who.post(`/scorecards/${id}/what-if`, { definition: sampleScorecard() });
  const published = await who.post(`/scorecards/${id}/publish`);
  const duplicated = await who.post(`/scorecards/${id}/duplicate`);
  return [created, draft, saved, whatIf, published, duplicated].map((r) => r.status);
}

describe.each(backends())('account policy on $name', (backend) => {
  const db = useDb(backend);

  it('lets a lead manage scorecards only once an admin names leads; agents never; other accounts unaffected', async () => {
    const [a, b] = tenants(db());
    const id = await publishedScorecard(a);
    const bId = await publishedScorecard(b);
    const lead = a.as('lead', 7);

    expect((await lead.get('/policy')).body).toMatchObject({ scorecardManagerRoles: [] });
    expect(await manageStatuses(lead, id)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await lead.get('/scorecards?status=draft')).status).toBe(403);

    // only admins change the policy, with a parsed body
    for (const role of ['lead', 'reviewer', 'agent'] as const) {
      expect((await a.as(role, 7).put('/policy', { scorecardManagerRoles: ['lead'] })).status, role).toBe(403);
    }
    const bad = await a.as('admin', 1).put('/policy', { scorecardManagerRoles: ['agent'] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.join(' ')).toContain('scorecardManagerRoles[0]');
    expect((await a.as('admin', 1).put('/policy', { scorecardManagerRoles: ['lead', 'lead'] })).status).toBe(400);
    const set = await a.as('admin', 1).put('/policy', { scorecardManagerRoles: ['lead'] });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ scorecardManagerRoles: ['lead'] });
    expect((await a.as('agent', 50).get('/policy')).body).toMatchObject({ scorecardManagerRoles: ['lead'] });

    expect(await manageStatuses(lead, id)).toEqual([201, 201, 200, 200, 200, 201]);
    expect((await lead.get('/scorecards?status=draft')).status).toBe(200);
    // reviewers are not named; agents never may, whatever the policy says
    expect(await manageStatuses(a.as('reviewer', 8), id)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await manageStatuses(a.as('agent', 50), id)).toEqual([403, 403, 403, 403, 403, 403]);
    // the other account keeps its own (default) policy
    expect((await b.as('lead', 7).get('/policy')).body).toMatchObject({ scorecardManagerRoles: [] });
    expect(await manageStatuses(b.as('lead', 7), bId)).toEqual([403, 403, 403, 403, 403, 403]);

    // taking it back closes the door again, and each change is audited
    expect((await a.as('admin', 1).put('/policy', { scorecardManagerRoles: [] })).status).toBe(200);
    expect((await lead.post('/scorecards', sampleScorecard())).status).toBe(403);
    const audited = await countOf(db(), "SELECT count(*) AS n FROM audit_log WHERE account = $1 AND action = 'policy.set'", [a.account]);
    expect(audited).toBe(2);
    const [row] = await db().query<{ detail: unknown }>(
      "SELECT detail FROM audit_log WHERE account = $1 AND action = 'policy.set' ORDER BY seq LIMIT 1",
      [a.account],
    );
    expect(row!.detail).toEqual({ scorecardManagerRoles: { from: [], to: ['lead'] } });
  });
});
