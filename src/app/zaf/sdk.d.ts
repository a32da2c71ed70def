/** Types for the untyped CommonJS `zendesk_app_framework_sdk` (2.0.x); only what zaf-client.ts uses. */
declare module 'zendesk_app_framework_sdk' {
  export interface ZafSdkClient {
    metadata(): Promise<unknown>;
    context(): Promise<unknown>;
    get(paths: string | string[]): Promise<Record<string, unknown>>;
    set(path: string, value: unknown): Promise<Record<string, unknown>>;
    invoke(name: string, ...args: unknown[]): Promise<Record<string, unknown>>;
    request(options: Record<string, unknown>): Promise<unknown>;
    on(event: string, handler: (data: unknown) => void, context?: unknown): void;
    off(event: string, handler: (data: unknown) => void): unknown;
    trigger(name: string, data?: unknown): void;
    /** A client that speaks for another instance of the app (`instanceGuid` from `get('instances')`). */
    instance(instanceGuid: string): ZafSdkClient;
  }
  const ZAFClient: {
    /** `false` when the page URL lacks `origin` and `app_guid` (i.e. not opened by Zendesk). */
    init(callback?: (context: unknown) => void): ZafSdkClient | false;
  };
  export default ZAFClient;
}
