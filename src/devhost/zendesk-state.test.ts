/** The local Zendesk's state between runs: what the app writes survives a restart on the same data folder. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDS } from './sample-data.ts';
import { callZendeskApi } from './zendesk-api.ts';
import { createZendeskState, type HostReport } from './zendesk-state.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'devhost-state-'));
  file = join(dir, 'local-zendesk.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The app's write-back: both QA fields through the REST emulation, as the signed-in reviewer. */
function writeQaFields(state: ReturnType<typeof createZendeskState>, ticketId: number, score: number, result: string) {
  const body = JSON.stringify({
    ticket: {
      custom_fields: [
        { id: IDS.fields.qaScore, value: score },
        { id: IDS.fields.qaResult, value: result },
      ],
    },
  });
  return callZendeskApi(state, {
    method: 'PUT',
    path: `/api/v2/tickets/${ticketId}.json`,
    body,
    userId: IDS.users.rita,
    baseUrl: 'http://localhost',
  });
}

describe('state file', () => {
  it('keeps a field value written through the REST API for a new state on the same folder', async () => {
    const first = createZendeskState({ stateFile: file });
    const solved = first.tickets().find((t) => t.status === 'solved')!;
    expect(writeQaFields(first, solved.id, 87.5, 'qa_pass').status).toBe(200);
    const stamp = first.ticket(solved.id)!.updated_at;
    await first.flush();

    const second = createZendeskState({ stateFile: file });
    const again = second.ticket(solved.id)!;
    expect(second.fieldValue(again, IDS.fields.qaScore)).toBe(87.5);
    expect(second.fieldValue(again, IDS.fields.qaResult)).toBe('qa_pass');
    expect(again.tags).toContain('qa_pass');
    expect(again.updated_at).toBe(stamp);
    // the other tickets are there too, unchanged
    expect(second.tickets().map((t) => t.id)).toEqual(first.tickets().map((t) => t.id));
  });

  it('writes once a moment after a burst of changes, through a temp file renamed into place', async () => {
    const state = createZendeskState({ stateFile: file, saveDelayMs: 30 });
    const [a, b] = state.tickets().filter((t) => t.status === 'open');
    writeQaFields(state, a!.id, 50, 'qa_fail');
    writeQaFields(state, b!.id, 95, 'qa_pass');
    // debounced: nothing on disk yet
    expect(existsSync(file)).toBe(false);
    await expect.poll(() => existsSync(file), { timeout: 2000 }).toBe(true);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      format: number;
      tickets: Array<{ id: number; custom_fields: Array<{ id: number; value: unknown }> }>;
    };
    expect(saved.format).toBe(1);
    expect(saved.tickets.find((t) => t.id === b!.id)!.custom_fields).toContainEqual({ id: IDS.fields.qaScore, value: 95 });
    // no temp file left behind
    expect(readdirSync(dir)).toEqual(['local-zendesk.json']);
  });

  it('without a file keeps everything in memory', async () => {
    const state = createZendeskState();
    const t = state.tickets().find((x) => x.status === 'open')!;
    writeQaFields(state, t.id, 70, 'qa_fail');
    await state.flush();
    expect(readdirSync(dir)).toEqual([]);
    expect(state.fieldValue(createZendeskState().ticket(t.id)!, IDS.fields.qaScore)).toBeNull();
  });

  it('reset() is saved too: the sample tickets come back after a restart', async () => {
    const state = createZendeskState({ stateFile: file });
    const t = state.tickets().find((x) => x.status === 'open')!;
    writeQaFields(state, t.id, 70, 'qa_fail');
    state.reset();
    await state.flush();
    const restarted = createZendeskState({ stateFile: file });
    expect(restarted.fieldValue(restarted.ticket(t.id)!, IDS.fields.qaScore)).toBeNull();
  });

  it('an unreadable file is moved aside and reported; the sample data is used', () => {
    writeFileSync(file, '{"format": 1, "tickets": [');
    const reports: HostReport[] = [];
    const state = createZendeskState({ stateFile: file, onReport: (r) => reports.push(r) });
    expect(state.ticket(1)).toBeDefined();
    expect(existsSync(`${file}.broken`)).toBe(true);
    expect(reports.map((r) => r.kind)).toEqual(['error']);
  });

  it('a file in another format is reported and not used', () => {
    writeFileSync(file, JSON.stringify({ format: 99, tickets: [] }));
    const reports: HostReport[] = [];
    const state = createZendeskState({ stateFile: file, onReport: (r) => reports.push(r) });
    expect(state.ticket(1)?.subject).toBe("Can't reset my password");
    expect(reports).toHaveLength(1);
  });
});

describe('comments', () => {
  it('a new comment gets an id above every other comment of the account', () => {
    const state = createZendeskState();
    const t = state.tickets().find((x) => x.status === 'open')!;
    const before = Math.max(...state.tickets().flatMap((x) => x.comments.map((c) => c.id)));
    const body = JSON.stringify({ ticket: { comment: { body: 'Following up.', public: false } } });
    expect(
      callZendeskApi(state, {
        method: 'PUT',
        path: `/api/v2/tickets/${t.id}.json`,
        body,
        userId: IDS.users.alex,
        baseUrl: 'http://localhost',
      }).status,
    ).toBe(200);
    expect(state.ticket(t.id)!.comments.at(-1)!.id).toBe(before + 1);
  });
});
