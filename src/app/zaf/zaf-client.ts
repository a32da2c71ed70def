/** ZafPort over a real ZAF SDK client; the SDK itself is imported only by boot.ts (it touches window at import). */
import type { ZafSdkClient } from 'zendesk_app_framework_sdk';
import {
  ZafRequestError,
  type ZafContext,
  type ZafGetResult,
  type ZafMetadata,
  type ZafPort,
  type ZafRequestOptions,
  type ZafResponse,
} from './port.ts';

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

/** Headers arrive as an object (httpCompleteResponse) or as jqXHR's raw header block. */
export function parseHeaders(raw: unknown): Record<string, string> {
  if (typeof raw === 'string') {
    const headers: Record<string, string> = {};
    for (const line of raw.split(/\r?\n/)) {
      const at = line.indexOf(':');
      if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
    return headers;
  }
  if (!isObject(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
}

/** Zendesk rejects `client.request` with a jqXHR-like object; normalise it (or anything else) to ZafRequestError. */
export function toRequestError(reason: unknown): ZafRequestError {
  if (reason instanceof ZafRequestError) return reason;
  if (!isObject(reason)) return new ZafRequestError(0, {}, String(reason ?? ''));
  const status = typeof reason.status === 'number' ? reason.status : Number(reason.status) || 0;
  const headers = parseHeaders(
    reason.headers ??
      (typeof reason.getAllResponseHeaders === 'function' ? (reason.getAllResponseHeaders as () => unknown)() : reason.responseHeaders),
  );
  const text =
    typeof reason.responseText === 'string'
      ? reason.responseText
      : reason.responseJSON !== undefined
        ? JSON.stringify(reason.responseJSON)
        : String(reason.message ?? '');
  return new ZafRequestError(status, headers, text);
}

/** With httpCompleteResponse the SDK resolves `{status, headers, responseJSON, responseText}`; older hosts give the body. */
export function toResponse<T>(value: unknown): ZafResponse<T> {
  if (isObject(value) && typeof value.status === 'number' && ('responseJSON' in value || 'responseText' in value)) {
    const response: ZafResponse<T> = { status: value.status, headers: parseHeaders(value.headers) };
    if (value.responseJSON !== undefined && value.responseJSON !== null) response.responseJSON = value.responseJSON as T;
    if (typeof value.responseText === 'string') response.responseText = value.responseText;
    return response;
  }
  return typeof value === 'string'
    ? { status: 200, headers: {}, responseText: value }
    : { status: 200, headers: {}, responseJSON: value as T };
}

export function createZafClient(sdk: ZafSdkClient): ZafPort {
  return {
    metadata: async () => (await sdk.metadata()) as ZafMetadata,
    context: async () => (await sdk.context()) as ZafContext,
    async get(paths) {
      // An array get never rejects for a bad path: the SDK leaves errors under `errors` (fixtures/zaf).
      const { errors, ...values } = await sdk.get([...paths]);
      return { values, errors: isObject(errors) ? errors : {} } satisfies ZafGetResult;
    },
    async set(path, value) {
      await sdk.set(path, value);
    },
    invoke: (name, ...args) => sdk.invoke(name, ...args),
    async request<T>(options: ZafRequestOptions) {
      try {
        return toResponse<T>(await sdk.request({ ...options, httpCompleteResponse: true }));
      } catch (reason) {
        throw toRequestError(reason);
      }
    },
    on(event, handler) {
      sdk.on(event, handler);
      return () => {
        sdk.off(event, handler);
      };
    },
    trigger(instanceGuid, name, data) {
      sdk.instance(instanceGuid).trigger(name, data);
    },
  };
}
