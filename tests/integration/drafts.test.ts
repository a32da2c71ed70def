import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenants } from '../support/db-client.ts';

const TICKET = 4242;

const content = (scorecardId: string, over: Record<string, unknown> = {}) => ({
  evaluationId: randomUUID(),
  scorecardId,
  scorecardVersion: 1,
  revieweeId: 61,
  answers: { offered: { rating: 1 } },
  overallComment: 'Half done',
  savedAt: 1_700_000_000_000,
  ...over,
});

describe.each(backends())('drafts kept by the service on $name', (backend) => {
  const db = useDb(backend);

  it('saves with revisions; a save from an older revision (another tab) is refused with the stored copy, never overwritten', async () => {
    const [a] = tenants(db());
    const id = await publishedScorecard(a);
    const rita = a.as('reviewer', 10);
    const first = content(id);
    const created = await rita.put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: first });
    expect(created.status).toBe(200);
    expect(created.body.draft).toMatchObject({ ticketId: TICKET, slot: id, revision: 1, content: first });

    // tab A saves on top of revision 1
    const tabA = await rita.put(`/drafts/${TICKET}/${id}`, { baseRevision: 1, content: { ...first, overallComment: 'Tab A' } });
    expect(tabA.body.draft.revision).toBe(2);
    // tab B still thinks revision 1, and a second "new" draft: both refused with what is stored
    for (const baseRevision of [1, null]) {
      const tabB = await rita.put(`/drafts/${TICKET}/${id}`, { baseRevision, content: { ...first, overallComment: 'Tab B' } });
      expect(tabB.status).toBe(409);
      expect(tabB.body.current).toMatchObject({ revision: 2, content: { overallComment: 'Tab A' } });
      expect(tabB.body.error).toMatch(/another tab or device/);
    }
    // the same reviewer on another device reads it back
    const listed = await rita.get(`/drafts?ticketId=${TICKET}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ revision: 2, content: { overallComment: 'Tab A' } });
  });

  it('keeps each reviewer to their own drafts, per slot; agents keep none; the body must match its slot', async () => {
    const [a, b] = tenants(db());
    const id = await publishedScorecard(a);
    await a.as('reviewer', 10).put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: content(id) });
    expect((await a.as('reviewer', 11).get(`/drafts?ticketId=${TICKET}`)).body.items).toEqual([]);
    expect((await a.as('lead', 12).get(`/drafts?ticketId=${TICKET}`)).body.items).toEqual([]);
    expect((await b.as('reviewer', 10).get(`/drafts?ticketId=${TICKET}`)).body.items).toEqual([]);
    // another reviewer's save to the same ticket and slot is their own draft, not a conflict
    expect((await a.as('reviewer', 11).put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: content(id) })).status).toBe(200);
    expect((await a.as('agent', 61).get(`/drafts?ticketId=${TICKET}`)).status).toBe(403);
    expect((await a.as('agent', 61).put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: content(id) })).status).toBe(403);
    const session = randomUUID();
    const calibration = content(id, { calibrationSessionId: session });
    expect((await a.as('reviewer', 10).put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: calibration })).status).toBe(422);
    expect(
      (await a.as('reviewer', 10).put(`/drafts/${TICKET}/calibration-${session}`, { baseRevision: null, content: calibration })).status,
    ).toBe(200);
    const bad = await a
      .as('reviewer', 10)
      .put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: { ...content(id), overallComment: 'x'.repeat(10_001) } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.join(' ')).toContain('content.overallComment');
    expect(await countOf(db(), 'SELECT count(*)::int AS n FROM drafts WHERE account = $1', [a.zendesk.subdomain])).toBe(3);
  });

  it('the submit that stores the evaluation deletes its draft in the same statement; an amend deletes the edit draft', async () => {
    const [a] = tenants(db());
    const id = await publishedScorecard(a);
    const rita = a.as('reviewer', 10);
    const body = evaluationBody(id, { ticketId: TICKET });
    await rita.put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: content(id, { evaluationId: body.id }) });
    expect((await rita.post('/evaluations', body)).status).toBe(201);
    expect((await rita.get(`/drafts?ticketId=${TICKET}`)).body.items).toEqual([]);

    await rita.put(`/drafts/${TICKET}/${id}`, {
      baseRevision: null,
      content: content(id, { evaluationId: randomUUID(), amends: body.id, amendsLockVersion: 1 }),
    });
    expect((await rita.put(`/evaluations/${body.id}`, { answers: sampleAnswers(), lockVersion: 1 })).status).toBe(200);
    expect((await rita.get(`/drafts?ticketId=${TICKET}`)).body.items).toEqual([]);

    // discarding is idempotent
    await rita.put(`/drafts/${TICKET}/${id}`, { baseRevision: null, content: content(id) });
    expect((await rita.delete(`/drafts/${TICKET}/${id}`)).status).toBe(204);
    expect((await rita.delete(`/drafts/${TICKET}/${id}`)).status).toBe(204);
    expect(await countOf(db(), 'SELECT count(*)::int AS n FROM drafts WHERE account = $1', [a.zendesk.subdomain])).toBe(0);
  });
});
