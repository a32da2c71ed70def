/** A stateful in-memory ZafPort for unit tests of views: paths you can set, events you can emit, a request handler. */
import {
  ZafRequestError,
  type ZafContext,
  type ZafGetResult,
  type ZafMetadata,
  type ZafPort,
  type ZafRequestOptions,
  type ZafResponse,
} from './port.ts';

export type FakeRequestHandler = (options: ZafRequestOptions) => ZafResponse | Promise<ZafResponse>;
export type FakeInvokeHandler = (name: string, args: unknown[]) => unknown;
/** Where `trigger` goes: e.g. another fake's `emit`, to wire two instances together. */
export type FakeTriggerHandler = (instanceGuid: string, name: string, data: unknown) => void;

export interface FakeTrigger {
  instanceGuid: string;
  name: string;
  data: unknown;
}

export interface FakeZafOptions {
  metadata?: Partial<ZafMetadata>;
  context?: Partial<ZafContext>;
  /** Initial values by ZAF path, e.g. `{ 'ticket.id': 7, currentUser: {...} }`. */
  values?: Record<string, unknown>;
  request?: FakeRequestHandler;
  invoke?: FakeInvokeHandler;
}

export interface FakeZaf extends ZafPort {
  setValue(path: string, value: unknown): void;
  deleteValue(path: string): void;
  value(path: string): unknown;
  /** Make `get` report this path under `errors` (as Zendesk does for an unavailable path). */
  failPath(path: string, message?: string): void;
  emit(event: string, data?: unknown): void;
  listenerCount(event: string): number;
  handleRequests(handler: FakeRequestHandler): void;
  handleInvoke(handler: FakeInvokeHandler): void;
  handleTriggers(handler: FakeTriggerHandler): void;
  /** Every request sent so far, oldest first. */
  readonly requests: readonly ZafRequestOptions[];
  /** Every instance message sent so far (`trigger`), oldest first. */
  readonly triggers: readonly FakeTrigger[];
}

export const FAKE_METADATA: ZafMetadata = {
  appId: 1,
  installationId: 1,
  name: 'Ticket QA',
  version: '0.1.0',
  settings: {},
};

export const FAKE_CONTEXT: ZafContext = {
  host: 'zendesk',
  product: 'support',
  location: 'ticket_sidebar',
  account: { subdomain: 'acme' },
  instanceGuid: '00000000-0000-4000-8000-000000000001',
};

export function createFakeZaf(options: FakeZafOptions = {}): FakeZaf {
  const metadata: ZafMetadata = { ...FAKE_METADATA, ...options.metadata };
  const context: ZafContext = { ...FAKE_CONTEXT, ...options.context };
  const values = new Map(Object.entries(options.values ?? {}));
  const failures = new Map<string, string>();
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const requests: ZafRequestOptions[] = [];
  const triggers: FakeTrigger[] = [];
  let onTrigger: FakeTriggerHandler = () => {};
  let onRequest: FakeRequestHandler = (request) => {
    throw new ZafRequestError(404, { 'content-type': 'text/plain' }, `no fake handler for ${request.url}`);
  };
  let onInvoke: FakeInvokeHandler = () => undefined;
  if (options.request) onRequest = options.request;
  if (options.invoke) onInvoke = options.invoke;

  const emit = (event: string, data?: unknown) => {
    for (const handler of [...(listeners.get(event) ?? [])]) handler(data);
  };

  return {
    metadata: async () => structuredClone(metadata),
    context: async () => structuredClone(context),
    async get(paths) {
      const result: ZafGetResult = { values: {}, errors: {} };
      for (const path of paths) {
        const failure = failures.get(path);
        if (failure !== undefined) result.errors[path] = { name: 'Error', message: failure };
        else if (values.has(path)) result.values[path] = structuredClone(values.get(path));
        else result.errors[path] = { name: 'Error', message: `${path} unavailable` };
      }
      return result;
    },
    async set(path, value) {
      values.set(path, structuredClone(value));
      // Zendesk announces property changes as `<path>.changed`.
      emit(`${path}.changed`, value);
    },
    async invoke(name, ...args) {
      return onInvoke(name, args);
    },
    async request<T>(request: ZafRequestOptions) {
      requests.push(structuredClone(request));
      return (await onRequest(request)) as ZafResponse<T>;
    },
    on(event, handler) {
      const set = listeners.get(event) ?? new Set();
      set.add(handler);
      listeners.set(event, set);
      return () => {
        set.delete(handler);
      };
    },
    trigger(instanceGuid, name, data) {
      triggers.push({ instanceGuid, name, data: structuredClone(data) });
      // asynchronous, as a message through the host is
      queueMicrotask(() => onTrigger(instanceGuid, name, structuredClone(data)));
    },
    setValue: (path, value) => {
      failures.delete(path);
      values.set(path, value);
    },
    deleteValue: (path) => {
      values.delete(path);
    },
    value: (path) => values.get(path),
    failPath: (path, message = `${path} unavailable`) => {
      failures.set(path, message);
    },
    emit,
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    handleRequests: (handler) => {
      onRequest = handler;
    },
    handleInvoke: (handler) => {
      onInvoke = handler;
    },
    handleTriggers: (handler) => {
      onTrigger = handler;
    },
    requests,
    triggers,
  };
}
