/**
 * The manifest for a deployment: `QA_SERVICE_DOMAIN=qa.example.com npm run build` points the locations at the
 * service that serves the app's pages (`https://qa.example.com/app/<page>`) and whitelists that domain. Without it
 * the locations stay on `http://localhost:3030` (a local `npm run service`, e.g. for `zcli apps:server` tests).
 */

/** `qa.example.com`, `qa.example.com:8443` or `qa.example.com/ticket-qa` (the service under a path prefix). */
const SPEC = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?(\/[\w.~-]+)*\/?$/i;

type Json = Record<string, unknown>;

export function serviceManifest(manifest: Json, domain: string | undefined): Json {
  const spec = domain?.trim();
  if (!spec) return manifest;
  const m = SPEC.exec(spec);
  if (!m)
    throw new Error(
      `QA_SERVICE_DOMAIN="${spec}" must be the service's domain, e.g. qa.example.com (no scheme; optionally :port and a /path prefix)`,
    );
  const base = `https://${spec.replace(/\/+$/, '')}`;
  const location = structuredClone(manifest.location) as Record<string, Record<string, { url: string } & Json>>;
  for (const byName of Object.values(location)) {
    for (const spec of Object.values(byName)) {
      const page = new URL(spec.url, 'http://x/').pathname.split('/').pop();
      spec.url = `${base}/app/${page}`;
    }
  }
  return { ...manifest, location, domainWhitelist: [m[1]!.toLowerCase()] };
}
