/**
 * What the service put in the page when Zendesk's signed load was verified (`#ticket-qa-boot`, see
 * src/server/routes/app-pages.ts): the session the app calls the service with and who the service says the user
 * is. The one place the app learns identity and role; read and checked once per page.
 */
import type { QaRole } from '../../core/evaluation.ts';

export const BOOT_ELEMENT_ID = 'ticket-qa-boot';

/** The signed-in user as the service decided from Zendesk (the app only reflects the role; the service enforces it). */
export interface AppUser {
  id: number;
  name: string;
  role: QaRole;
}

export interface Boot {
  session: string;
  expiresAt: string;
  hardExpiresAt: string;
  account: string;
  user: AppUser;
}

export type BootRead = { status: 'ok'; boot: Boot } | { status: 'missing' } | { status: 'malformed'; reason: string };

const ROLES: ReadonlySet<string> = new Set<QaRole>(['admin', 'lead', 'reviewer', 'agent']);
type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The boot from the element's text; null text = no element (the page was not opened through Zendesk's signed load). */
export function parseBoot(text: string | null | undefined): BootRead {
  if (text === null || text === undefined) return { status: 'missing' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { status: 'malformed', reason: 'not JSON' };
  }
  if (!isObject(raw)) return { status: 'malformed', reason: 'not an object' };
  // a session is one line of printable ASCII: it goes into an Authorization header as it is
  if (!isText(raw.session) || !/^[\x21-\x7e]+$/.test(raw.session)) return { status: 'malformed', reason: 'session' };
  if (!isText(raw.account)) return { status: 'malformed', reason: 'account' };
  if (!isText(raw.expiresAt) || !isText(raw.hardExpiresAt)) return { status: 'malformed', reason: 'expiry' };
  const user = raw.user;
  if (!isObject(user) || !isId(user.id) || typeof user.name !== 'string' || typeof user.role !== 'string' || !ROLES.has(user.role)) {
    return { status: 'malformed', reason: 'user' };
  }
  return {
    status: 'ok',
    boot: {
      session: raw.session,
      expiresAt: raw.expiresAt,
      hardExpiresAt: raw.hardExpiresAt,
      account: raw.account,
      user: { id: user.id, name: user.name.trim() || `#${user.id}`, role: user.role as QaRole },
    },
  };
}

const read = new WeakMap<Document, BootRead>();

/** The page's boot, read and checked once per document. */
export function readBoot(doc: Document = document): BootRead {
  let result = read.get(doc);
  if (!result) {
    result = parseBoot(doc.getElementById(BOOT_ELEMENT_ID)?.textContent ?? null);
    read.set(doc, result);
  }
  return result;
}

/** The service's path prefix: the page's pathname up to `/app/` (`/qa/app/nav-bar.html` -> `/qa`); '' at the root. */
export function serviceBase(pathname: string): string {
  const at = pathname.lastIndexOf('/app/');
  return at < 0 ? '' : pathname.slice(0, at);
}
