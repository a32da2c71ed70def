import { describe, expect, it } from 'vitest';
import { createFakeZaf } from './fake-zaf.ts';
import { ZafRequestError } from './port.ts';
import { loadZafSession } from './use-zaf.tsx';

describe('createFakeZaf', () => {
  it('answers gets from its state and reports unknown or failing paths under errors', async () => {
    const zaf = createFakeZaf({ values: { 'ticket.id': 7 } });
    zaf.failPath('ticket.requester');
    const { values, errors } = await zaf.get(['ticket.id', 'ticket.requester', 'nope']);
    expect(values).toEqual({ 'ticket.id': 7 });
    expect(Object.keys(errors).sort()).toEqual(['nope', 'ticket.requester']);
  });

  it('set stores the value and announces <path>.changed', async () => {
    const zaf = createFakeZaf();
    const seen: unknown[] = [];
    const off = zaf.on('ticket.status.changed', (d) => seen.push(d));
    await zaf.set('ticket.status', 'solved');
    off();
    await zaf.set('ticket.status', 'closed');
    expect(seen).toEqual(['solved']);
    expect(zaf.value('ticket.status')).toBe('closed');
    expect(zaf.listenerCount('ticket.status.changed')).toBe(0);
  });

  it('routes requests to the handler, records them, and rejects without one', async () => {
    const zaf = createFakeZaf();
    await expect(zaf.request({ url: '/x' })).rejects.toBeInstanceOf(ZafRequestError);
    zaf.handleRequests((o) => ({ status: 201, headers: {}, responseJSON: { url: o.url } }));
    expect((await zaf.request({ url: '/y', type: 'POST' })).responseJSON).toEqual({ url: '/y' });
    expect(zaf.requests.map((r) => r.url)).toEqual(['/x', '/y']);
  });

  it('gives a session with metadata and context', async () => {
    const zaf = createFakeZaf({ metadata: { settings: { writeBack: true } }, context: { ticketId: 9 } });
    const session = await loadZafSession(zaf);
    expect(session.metadata.settings).toEqual({ writeBack: true });
    expect(session.context).toMatchObject({ location: 'ticket_sidebar', ticketId: 9 });
  });
});
