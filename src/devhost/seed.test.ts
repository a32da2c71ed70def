/**
 * The demo seed against the local Zendesk: every seeded evaluation is of a ticket the local Zendesk has (a report's
 * drill-down opens it), of the agent it was assigned to, on its channel, group and brand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import { createPgliteDb, type Db } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { systemClock, type AccountConfig, type AppFiles } from '../server/deps.ts';
import { createDevhost, type Manifest, type RunningDevhost } from './devhost.ts';
import { IDS } from './sample-data.ts';
import { HISTORY_FIRST_ID } from './sample-history.ts';
import { seedDemo, type SeedResult } from './seed.ts';
import { createZendeskState, type ZendeskState } from './zendesk-state.ts';

const manifest: Manifest = { name: 'Ticket QA', version: '0.0.0', location: { support: {} }, parameters: [] };
// the service only needs the location pages to sign people in
const pages: AppFiles = async (path) =>
  /^(ticket-sidebar|nav-bar|background)\.html$/.test(path)
    ? { body: new TextEncoder().encode('<!doctype html><html><head></head><body></body></html>'), type: 'text/html' }
    : null;

let state: ZendeskState;
let devhost: RunningDevhost;
let db: Db;
let seed: SeedResult;

beforeAll(async () => {
  state = createZendeskState();
  devhost = await createDevhost({ state, manifest, bundle: { files: new Map() } }).listen(0);
  db = await createPgliteDb('memory://');
  await migrate(db);
  const accounts: AccountConfig[] = [
    {
      subdomain: state.subdomain,
      appId: state.appId,
      apiUser: state.apiCredential.apiUser,
      apiToken: state.apiCredential.apiToken,
      zendeskUrl: devhost.hostOrigin,
    },
  ];
  seed = await seedDemo({
    serviceAt: (clock) => createApp({ db, clock, authClock: systemClock, accounts, appFiles: pages }),
    sign: (userId) => state.signLoad(userId, 'ticket_sidebar'),
    state,
    now: new Date(),
  });
}, 120_000);

afterAll(async () => {
  await devhost?.close();
  await db?.close();
});

interface Row {
  ticket_id: number;
  reviewee_id: number;
  channel: string | null;
  group_id: number | null;
  brand_id: number | null;
  created_at: string | Date;
  final_score: number | null;
}

describe('the four weeks of seeded evaluations', () => {
  it('are all of tickets the local Zendesk has, assigned to the agent reviewed, on their channel, group and brand', async () => {
    expect(seed.seeded).toBe(true);
    const rows = await db.query<Row>(
      'SELECT ticket_id, reviewee_id, channel, group_id, brand_id, created_at, final_score FROM evaluations',
    );
    expect(rows.length).toBe(seed.evaluations);
    expect(rows.length).toBeGreaterThan(150);
    const missing = rows.filter((r) => !state.ticket(Number(r.ticket_id)));
    expect(missing.map((r) => r.ticket_id)).toEqual([]);
    for (const r of rows) {
      const t = state.ticket(Number(r.ticket_id))!;
      expect({ id: t.id, assignee: t.assignee_id, channel: t.channel, group: t.group_id, brand: t.brand_id }).toEqual({
        id: Number(r.ticket_id),
        assignee: Number(r.reviewee_id),
        channel: r.channel,
        group: r.group_id === null ? null : Number(r.group_id),
        brand: r.brand_id === null ? null : Number(r.brand_id),
      });
      // reviewed once it was solved
      expect(['solved', 'closed']).toContain(t.status);
      expect(Date.parse(t.metrics.solved_at!)).toBeLessThan(new Date(r.created_at).getTime());
    }
    // one evaluation per generated ticket: a reviewer samples a ticket once
    const history = rows.filter((r) => Number(r.ticket_id) >= HISTORY_FIRST_ID).map((r) => Number(r.ticket_id));
    expect(new Set(history).size).toBe(history.length);
  });

  it('leave the QA fields the app writes back on the tickets still open to updates then', async () => {
    const withFields = state.tickets().filter((t) => state.fieldValue(t, IDS.fields.qaResult) !== null);
    expect(withFields.length).toBeGreaterThan(0);
    for (const t of withFields) {
      const [latest] = await db.query<Row>(
        'SELECT ticket_id, final_score FROM evaluations WHERE ticket_id = $1 ORDER BY created_at DESC LIMIT 1',
        [t.id],
      );
      expect(latest, `ticket ${t.id}`).toBeDefined();
      expect(state.fieldValue(t, IDS.fields.qaScore)).toBe(
        latest!.final_score === null ? null : Math.round(latest!.final_score * 100) / 100,
      );
      expect(t.tags).toContain(state.fieldValue(t, IDS.fields.qaResult));
    }
  });

  it('leave the hand-written tickets as they are, apart from the few evaluated for their sidebars', () => {
    const fresh = createZendeskState();
    for (const t of fresh.tickets().filter((x) => x.id < HISTORY_FIRST_ID)) {
      expect(state.ticket(t.id)!.custom_fields).toEqual(t.custom_fields);
    }
  });
});
