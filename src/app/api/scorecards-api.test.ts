/** The admin client against the real service routes on PGlite, through the app's own transport with a real session. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant, type Tenant } from '../../../tests/support/db-client.ts';
import { createPgliteDb, type Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createScorecardsApi, type ScorecardsApi } from './scorecards-api.ts';
import { createServiceCall } from './service-call.ts';

let db: Db;
let acme: Tenant;

const card = (name: string) => ({
  name,
  method: 'weighted-criteria' as const,
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'C', scale: { preset: 'binary' as const }, weight: 1 }] }],
});

/** The page's transport with the session a Zendesk-signed load gave `role`; fetch goes straight to the app. */
async function apiAs(role: 'admin' | 'lead'): Promise<{ api: ScorecardsApi; urls: string[] }> {
  const session = await acme.session(role, role === 'admin' ? 7 : 8);
  const urls: string[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    urls.push(`${init?.method} ${url}`);
    return acme.app.request(url, init);
  }) as typeof globalThis.fetch;
  return { api: createScorecardsApi(createServiceCall({ session, base: '', fetch })), urls };
}

beforeAll(async () => {
  db = await createPgliteDb('memory://');
  await migrate(db);
  acme = tenant(db);
});
afterAll(async () => {
  await db.close();
});

describe('scorecards api over the real routes', () => {
  it('a session the service does not know is an ended session', async () => {
    const fetch = ((url: string, init?: RequestInit) => acme.app.request(url, init)) as typeof globalThis.fetch;
    const api = createScorecardsApi(createServiceCall({ session: `s1.${acme.account}.not-a-session`, base: '', fetch }));
    expect(await api.list()).toMatchObject({ status: 'error', error: { kind: 'session-ended' } });
  });

  it('creates, saves with the lock version, publishes, starts the next draft, and lists', async () => {
    const { api, urls } = await apiAs('admin');
    const created = await api.create(card('Email'));
    if (created.status !== 'ok') throw new Error(created.error.message);
    const { id, lockVersion } = created.value;
    const saved = await api.saveDraft(id, { ...card('Email'), passThreshold: 70 }, lockVersion);
    expect(saved).toEqual({ status: 'ok', value: { lockVersion: lockVersion + 1 } });
    expect((await api.publish(id)).status).toBe('ok');

    const list = await api.list();
    const summary = list.status === 'ok' ? list.value.find((s) => s.id === id) : undefined;
    expect(summary).toMatchObject({ status: 'published', currentVersion: 1, evaluationCount: 0 });
    const draft = await api.startDraft(summary!.id);
    expect(draft.status === 'ok' && draft.value).toMatchObject({ version: 2, lockVersion: 1, definition: { passThreshold: 70 } });
    expect(urls[0]).toBe('POST /api/v1/scorecards');
  });

  it('maps a stale save to a conflict and never overwrites', async () => {
    const { api } = await apiAs('admin');
    const created = await api.create(card('Shared'));
    if (created.status !== 'ok') throw new Error(created.error.message);
    const { id } = created.value;
    expect((await api.saveDraft(id, card('First'), 1)).status).toBe('ok');
    const stale = await api.saveDraft(id, card('Second'), 1);
    expect(stale.status === 'error' && stale.error.kind).toBe('conflict');
    const now = await api.get(id);
    expect(now.status === 'ok' && now.value.draft?.definition.name).toBe('First');
  });

  it('refuses a second draft, and deletes a draft only as it was last read', async () => {
    const { api, urls } = await apiAs('admin');
    const created = await api.create(card('Racing'));
    if (created.status !== 'ok') throw new Error(created.error.message);
    const { id } = created.value;
    await api.publish(id);
    expect((await api.startDraft(id)).status).toBe('ok');
    const second = await api.startDraft(id);
    expect(second.status === 'error' && second.error.kind).toBe('conflict');
    await api.saveDraft(id, card('Racing v2'), 1);
    const stale = await api.deleteDraft(id, 2, 1);
    expect(stale.status === 'error' && stale.error.kind).toBe('conflict');
    expect(await api.deleteDraft(id, 2, 2)).toEqual({ status: 'ok', value: null });
    expect(urls.at(-1)).toBe(`DELETE /api/v1/scorecards/${id}/versions/2?lockVersion=2`);
    const now = await api.get(id);
    expect(now.status === 'ok' && now.value).toMatchObject({ latestVersion: 1, draft: null });
  });

  it('gets path-named issues for a bad definition and a forbidden for non-admins', async () => {
    const { api } = await apiAs('admin');
    const bad = await api.create({ ...card('Bad'), passThreshold: 200 });
    expect(bad.status === 'error' && bad.error).toMatchObject({ kind: 'invalid', issues: ['passThreshold: must be <= 100'] });
    const lead = await (await apiAs('lead')).api.create(card('Nope'));
    expect(lead).toMatchObject({ status: 'error', error: { kind: 'forbidden' } });
  });

  it('exports the public format and runs the what-if', async () => {
    const { api } = await apiAs('admin');
    const created = await api.create(card('Export me'));
    if (created.status !== 'ok') throw new Error(created.error.message);
    const exported = await api.exportDefinition(created.value.id, 1);
    expect(exported.status === 'ok' && exported.value).toMatchObject({ name: 'Export me', naPolicy: 'exclude' });
    const whatIf = await api.whatIf(created.value.id, card('Export me'));
    expect(whatIf).toEqual({
      status: 'ok',
      value: {
        days: 90,
        currentAverage: null,
        whatIfAverage: null,
        passRate: { current: null, whatIf: null },
        criticalFailRate: { current: null, whatIf: null },
        wouldFail: 0,
        wouldPass: 0,
        n: 0,
        notRescored: 0,
      },
    });
  });
});
