/**
 * The app's one transport to the reporting service (DESIGN.md §6): Zendesk's proxy puts the secure token in the
 * Authorization header. The sidebar's client and the nav bar's admin, report and plan calls all go through it.
 */
import type { QaRole } from '../../core/evaluation.ts';
import { ZafRequestError, type ZafPort } from '../zaf/port.ts';
import { fail, kindOfStatus, ok, type Result } from './result.ts';
import { readErrorBody } from './wire.ts';

export interface Identity {
  userId: number;
  role: QaRole;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parsed body (JSON, else the text, e.g. a CSV export), or the error as a value. */
export type ServiceCall = (method: Method, path: string, body?: unknown) => Promise<Result<unknown>>;

/** Proxy requests give up after this long, so an outage turns into "unreachable" instead of a spinner. */
const TIMEOUT_MS = 15_000;

export function zafServiceCall(zaf: ZafPort, serviceUrl: string, who: Identity): ServiceCall {
  const base = serviceUrl.replace(/\/+$/, '');
  return async (method, path, body) => {
    try {
      const res = await zaf.request({
        url: `${base}/api/v1${path}`,
        type: method,
        secure: true,
        cors: false,
        httpCompleteResponse: true,
        timeout: TIMEOUT_MS,
        headers: { Authorization: 'Bearer {{setting.serviceToken}}', 'X-QA-User-Id': String(who.userId), 'X-QA-Role': who.role },
        ...(body === undefined ? {} : { contentType: 'application/json', data: JSON.stringify(body) }),
      });
      if (res.status >= 400) return failure(res.status, res.responseText ?? JSON.stringify(res.responseJSON ?? ''));
      return ok(res.responseJSON ?? (res.responseText ? safeJson(res.responseText) : null));
    } catch (e) {
      if (e instanceof ZafRequestError) return failure(e.status, e.responseText);
      // the port turns every rejection into ZafRequestError (status 0 = unreachable): anything else is a bug
      return fail('server', e instanceof Error ? e.message : String(e));
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function failure(status: number, text: string): Result<never> {
  const body = readErrorBody(text);
  return fail(kindOfStatus(status), body.message ?? `HTTP ${status}`, body.issues);
}
