/**
 * Instance messages between the app's locations and its background instance, over ZAF instance messaging:
 * `get(['instances'])` lists the app's instances in this Zendesk session, `trigger(guid, name, data)` fires an
 * event in one of them. Zendesk does not tell the receiver who sent a message, so each message names its sender.
 */
import type { ZafPort } from '../zaf/port.ts';

export const BACKGROUND_LOCATION = 'background';
/** To the background: `{ from: <sender's instanceGuid>, id }`; it answers the sender with PONG. */
export const PING = 'ticket-qa:ping';
/** From the background, to the instance that pinged: `{ id, from: <background's instanceGuid>, signedIn }`. */
export const PONG = 'ticket-qa:pong';

export interface Ping {
  from: string;
  id: string;
}

export interface Pong {
  /** The ping's id. */
  id: string;
  /** The background instance's guid. */
  from: string;
  /** Whether the background holds a service session (its signed load was verified). */
  signedIn: boolean;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

export function parsePing(data: unknown): Ping | null {
  return isObject(data) && isText(data.from) && isText(data.id) ? { from: data.from, id: data.id } : null;
}

export function parsePong(data: unknown): Pong | null {
  return isObject(data) && isText(data.id) && isText(data.from) && typeof data.signedIn === 'boolean'
    ? { id: data.id, from: data.from, signedIn: data.signedIn }
    : null;
}

/** The guid of the app's background instance in this Zendesk session; null when there is none (or none listed). */
export async function findBackground(zaf: ZafPort): Promise<string | null> {
  const { values } = await zaf.get(['instances']);
  const instances = isObject(values.instances) ? Object.entries(values.instances) : [];
  for (const [guid, context] of instances) {
    if (isObject(context) && context.location === BACKGROUND_LOCATION) return isText(context.instanceGuid) ? context.instanceGuid : guid;
  }
  return null;
}

let pings = 0;

/**
 * Pings the background instance `background` from the instance `self`; its answer, or null when none came within
 * `timeoutMs` (a background still loading has not subscribed yet: ask again later).
 */
export function pingBackground(zaf: ZafPort, self: string, background: string, timeoutMs = 3000): Promise<Pong | null> {
  const id = `${self}:${++pings}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), timeoutMs);
    const off = zaf.on(PONG, (data) => {
      const pong = parsePong(data);
      if (pong?.id === id) finish(pong);
    });
    function finish(pong: Pong | null) {
      clearTimeout(timer);
      off();
      resolve(pong);
    }
    zaf.trigger(background, PING, { from: self, id } satisfies Ping);
  });
}
