/**
 * What Zendesk does for a location with signed URLs: a JWT signed RS256 with the app's private key, naming the
 * account (`iss`), the installation (`aud`) and the user (`sub`). Used by the local Zendesk and by tests.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export interface AppKeyPair {
  privateKey: KeyObject;
  publicKeyPem: string;
}

/** A fresh RSA key pair, as Zendesk keeps one per app. */
export function newAppKeyPair(): AppKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export interface AppTokenClaims {
  subdomain: string;
  appId: number;
  installationId: number;
  userId: number;
  /** `ticket_sidebar`, `nav_bar`, `background`. */
  location: string;
}

/** Zendesk's tokens live five minutes. */
export const APP_TOKEN_LIFETIME_S = 300;

export async function signAppToken(privateKey: KeyObject, c: AppTokenClaims, now = new Date()): Promise<string> {
  const zendesk = `https://${c.subdomain}.zendesk.com`;
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    context: { product: 'support', location: c.location },
    cnf: { jku: `${zendesk}/api/v2/apps/${c.appId}/public_key.pem` },
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(`${c.subdomain}.zendesk.com`)
    .setAudience(`${zendesk}/api/v2/apps/installations/${c.installationId}.json`)
    .setSubject(`${zendesk}/api/v2/users/${c.userId}.json`)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + APP_TOKEN_LIFETIME_S)
    .sign(privateKey);
}

/** What the service puts into a location page it served after a verified load (`#ticket-qa-boot`). */
export interface LoadedBoot {
  session: string;
  expiresAt: string;
  hardExpiresAt: string;
  account: string;
  user: { id: number; name: string; role: string };
}

/** The session in a location page the service served. */
export function bootOf(html: string): LoadedBoot {
  const m = /<script type="application\/json" id="ticket-qa-boot">(.*?)<\/script>/.exec(html);
  if (!m) throw new Error(`no boot in the page: ${html.slice(0, 300)}`);
  return JSON.parse(m[1]!) as LoadedBoot;
}

/** Anything that answers requests like a Hono app (`app.request(path, init)`). */
export interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** POSTs a signed token as Zendesk does for a location (form field `token`); resolves the page's response. */
export function signedLoad(
  app: RequestTarget,
  token: string,
  page = 'ticket-sidebar.html',
  headers: Record<string, string> = {},
  origin = 'https://example.zendesk.com',
): Promise<Response> {
  return Promise.resolve(
    app.request(`/app/${page}?origin=${encodeURIComponent(origin)}&app_guid=${randomUUID()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ token }).toString(),
    }),
  );
}
