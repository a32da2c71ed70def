/** The one narrow port between the app and the Zendesk Apps Framework; views reach it through hooks. */

export interface ZafRequestOptions {
  url: string;
  type?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  contentType?: string;
  data?: string;
  headers?: Record<string, string>;
  /** Let Zendesk's proxy substitute `{{setting.<name>}}` secure settings. */
  secure?: boolean;
  /** Send through Zendesk's proxy (needed for other origins). */
  cors?: boolean;
  httpCompleteResponse?: boolean;
  timeout?: number;
}

/** What ZAF's `client.request` gives with `httpCompleteResponse: true`. */
export interface ZafResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  responseJSON?: T;
  responseText?: string;
}

/** A failed `client.request`: Zendesk rejects with the jqXHR-like response. */
export class ZafRequestError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly responseText: string,
  ) {
    super(`request failed with HTTP ${status}`);
    this.name = 'ZafRequestError';
  }
  header(name: string): string | undefined {
    const wanted = name.toLowerCase();
    return Object.entries(this.headers).find(([k]) => k.toLowerCase() === wanted)?.[1];
  }
}

export interface ZafMetadata {
  appId: number;
  installationId: number;
  name: string;
  version: string;
  settings: Record<string, unknown>;
}

export interface ZafContext {
  host: 'zendesk';
  product: 'support';
  location: 'ticket_sidebar' | 'nav_bar' | 'modal' | string;
  account: { subdomain: string };
  instanceGuid: string;
  ticketId?: number;
}

export interface ZafGetResult {
  values: Record<string, unknown>;
  errors: Record<string, { message?: string; name?: string } | unknown>;
}

export interface ZafPort {
  metadata(): Promise<ZafMetadata>;
  context(): Promise<ZafContext>;
  /** One round trip for several paths; a failing path lands in `errors`, the others still resolve. */
  get(paths: string[]): Promise<ZafGetResult>;
  set(path: string, value: unknown): Promise<void>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  request<T = unknown>(options: ZafRequestOptions): Promise<ZafResponse<T>>;
  on(event: string, handler: (data: unknown) => void): () => void;
  /**
   * ZAF instance messaging, `client.instance(guid).trigger(name, data)`: fires `name` in the app instance `guid`
   * (found with `get(['instances'])`); fire and forget, and the receiver is not told who sent it.
   */
  trigger(instanceGuid: string, name: string, data?: unknown): void;
}
