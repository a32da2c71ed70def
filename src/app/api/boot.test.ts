// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BOOT_ELEMENT_ID, parseBoot, readBoot, serviceBase } from './boot.ts';

const good = {
  session: 's1.acme.Zm9vYmFy',
  expiresAt: '2026-03-02T10:00:00.000Z',
  hardExpiresAt: '2026-03-02T18:00:00.000Z',
  account: 'acme',
  user: { id: 10001, name: 'Rita Reviewer', role: 'reviewer' },
};
const text = (over: Record<string, unknown> = {}) => JSON.stringify({ ...good, ...over });

describe('the boot the service puts in the page', () => {
  it('reads session, account and the user the service decided', () => {
    expect(parseBoot(text())).toEqual({ status: 'ok', boot: good });
  });

  it('is missing when the page has no boot element (not opened through Zendesk)', () => {
    expect(parseBoot(null)).toEqual({ status: 'missing' });
    expect(parseBoot(undefined)).toEqual({ status: 'missing' });
  });

  it.each([
    ['not JSON', '{"session":', 'not JSON'],
    ['an array', '[]', 'not an object'],
    ['no session', text({ session: undefined }), 'session'],
    ['an empty session', text({ session: '' }), 'session'],
    ['a session with a line break (header injection)', text({ session: 's1.acme.x\r\nX-QA-Role: admin' }), 'session'],
    ['no account', text({ account: '' }), 'account'],
    ['no expiry', text({ hardExpiresAt: undefined }), 'expiry'],
    ['no user', text({ user: null }), 'user'],
    ['a user id that is not a positive whole number', text({ user: { ...good.user, id: '10001' } }), 'user'],
    ['a role that is not a QA role', text({ user: { ...good.user, role: 'owner' } }), 'user'],
    ['an end user', text({ user: { ...good.user, role: 'end-user' } }), 'user'],
  ])('refuses %s', (_what, raw, reason) => {
    expect(parseBoot(raw)).toEqual({ status: 'malformed', reason });
  });

  it('reads the element once per document', () => {
    const doc = document.implementation.createHTMLDocument('page');
    const script = doc.createElement('script');
    script.type = 'application/json';
    script.id = BOOT_ELEMENT_ID;
    script.textContent = text();
    doc.head.append(script);
    const first = readBoot(doc);
    expect(first).toMatchObject({ status: 'ok', boot: { user: { role: 'reviewer' } } });
    // a later change in the page (a script tampering with it) changes nothing
    script.textContent = text({ user: { ...good.user, role: 'admin' } });
    expect(readBoot(doc)).toBe(first);
    expect(readBoot(document.implementation.createHTMLDocument('empty'))).toEqual({ status: 'missing' });
  });

  it('finds the service prefix in the page path', () => {
    expect(serviceBase('/app/ticket-sidebar.html')).toBe('');
    expect(serviceBase('/service/app/nav-bar.html')).toBe('/service');
    expect(serviceBase('/a/app/b/app/nav-bar.html')).toBe('/a/app/b');
    expect(serviceBase('/ticket-sidebar.html')).toBe('');
  });
});
