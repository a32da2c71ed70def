/**
 * Verifies the JWT Zendesk posts with a signed location load (manifest `signedUrls`). What Zendesk documents and what
 * we concluded where it is silent: docs/decisions/015-identity-from-zendesk.md.
 */
import { decodeJwt, errors, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import type { AccountConfig } from '../deps.ts';

/** Seconds of clock difference allowed on `exp`, `nbf` and `iat`. */
export const CLOCK_LEEWAY_S = 30;
/** Zendesk's tokens live about five minutes; a longer-lived one was not made by Zendesk. */
const MAX_LIFETIME_S = 15 * 60;

export interface VerifiedLoad {
  account: AccountConfig;
  installationId: number;
  userId: number;
  /** `context.location`, e.g. `ticket_sidebar`. */
  location: string | null;
}

/** Why a token was refused: said to the log and the throttle, never in detail to the caller. */
export class TokenRefused extends Error {
  constructor(
    message: string,
    /** The account the token claimed, when it named a known one (for per-account throttling). */
    readonly account?: string,
  ) {
    super(message);
  }
}

export interface KeySource {
  /** The account's public key; `fresh` asks Zendesk again (after a failed signature, for key rotation). */
  publicKey(account: AccountConfig, fresh: boolean): Promise<CryptoKey>;
  /** The installation ids of the app in this account. */
  installations(account: AccountConfig): Promise<number[]>;
}

export const issuerOf = (account: AccountConfig) => `${account.subdomain}.zendesk.com`;
export const audienceOf = (account: AccountConfig, installationId: number) =>
  `https://${account.subdomain}.zendesk.com/api/v2/apps/installations/${installationId}.json`;

const USER_URL = /^https:\/\/([a-z0-9-]+)\.zendesk\.com\/api\/v2\/users\/(\d{1,18})(?:\.json)?$/;

/** `sub`: the user's API URL (the form Zendesk's examples show) or a bare id; the subdomain must be the issuer's. */
function userIdOf(sub: unknown, account: AccountConfig): number | null {
  if (typeof sub === 'number') return Number.isSafeInteger(sub) && sub > 0 ? sub : null;
  if (typeof sub !== 'string') return null;
  const url = USER_URL.exec(sub);
  const id = url ? (url[1] === account.subdomain ? Number(url[2]) : NaN) : /^\d{1,18}$/.test(sub) ? Number(sub) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export async function verifyZendeskToken(
  token: string,
  accounts: readonly AccountConfig[],
  keys: KeySource,
  now: Date,
): Promise<VerifiedLoad> {
  let claimed: ReturnType<typeof decodeJwt>;
  try {
    claimed = decodeJwt(token);
  } catch {
    throw new TokenRefused('not a JWT');
  }
  const account = accounts.find((a) => issuerOf(a) === claimed.iss);
  if (!account) throw new TokenRefused(`iss ${JSON.stringify(claimed.iss)} is not an account this service serves`);

  const installations = await keys.installations(account);
  const audiences = installations.map((id) => audienceOf(account, id));
  const verify = async (fresh: boolean) =>
    jwtVerify(token, await keys.publicKey(account, fresh), {
      // RS256 only: `none`, HS256 (also HS256 keyed with the public key) and every other algorithm are refused
      algorithms: ['RS256'],
      issuer: issuerOf(account),
      audience: audiences,
      clockTolerance: CLOCK_LEEWAY_S,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub', 'aud', 'iss'],
    });
  let payload: Awaited<ReturnType<typeof verify>>['payload'];
  try {
    payload = (await verify(false)).payload;
  } catch (e) {
    if (e instanceof errors.JWSSignatureVerificationFailed) {
      // Zendesk may have rotated the key: read it once more before refusing
      try {
        payload = (await verify(true)).payload;
      } catch (again) {
        throw new TokenRefused(describe(again), account.subdomain);
      }
    } else throw new TokenRefused(describe(e), account.subdomain);
  }
  const nowS = Math.floor(now.getTime() / 1000);
  if (payload.iat! > nowS + CLOCK_LEEWAY_S) throw new TokenRefused('iat is in the future', account.subdomain);
  if (payload.exp! - payload.iat! > MAX_LIFETIME_S) throw new TokenRefused('the token lives longer than Zendesk’s do', account.subdomain);
  const userId = userIdOf(payload.sub, account);
  if (userId === null) throw new TokenRefused('sub names no user of this account', account.subdomain);
  const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
  const installationId = installations.find((id) => audienceOf(account, id) === aud)!;
  const context = payload.context as { location?: unknown } | undefined;
  return { account, installationId, userId, location: typeof context?.location === 'string' ? context.location : null };
}

function describe(e: unknown): string {
  if (e instanceof errors.JOSEError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Public keys and installations per account, asked of Zendesk once and kept (a cache: each instance has its own). */
export function zendeskKeySource(
  clientOf: (account: AccountConfig) => {
    publicKeyPem(appId: number): Promise<string>;
    installationsOf(appId: number): Promise<number[]>;
  },
): KeySource {
  const keys = new Map<string, { key: Promise<CryptoKey>; at: number }>();
  const installs = new Map<string, { ids: Promise<number[]>; at: number }>();
  const KEY_TTL = 60 * 60_000;
  const REFRESH_GAP = 60_000;
  return {
    publicKey(account, fresh) {
      const cached = keys.get(account.subdomain);
      const stale = !cached || Date.now() - cached.at > KEY_TTL || (fresh && !account.publicKey && Date.now() - cached.at > REFRESH_GAP);
      if (!stale) return cached.key;
      const key = (account.publicKey ? Promise.resolve(account.publicKey) : clientOf(account).publicKeyPem(account.appId)).then((pem) =>
        importSPKI(pem, 'RS256'),
      );
      keys.set(account.subdomain, { key, at: Date.now() });
      key.catch(() => keys.delete(account.subdomain));
      return key;
    },
    installations(account) {
      if (account.installationId) return Promise.resolve([account.installationId]);
      const cached = installs.get(account.subdomain);
      if (cached && Date.now() - cached.at < 10 * 60_000) return cached.ids;
      const ids = clientOf(account).installationsOf(account.appId);
      installs.set(account.subdomain, { ids, at: Date.now() });
      ids.catch(() => installs.delete(account.subdomain));
      return ids;
    },
  };
}
