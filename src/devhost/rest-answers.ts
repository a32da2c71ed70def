/**
 * The REST emulation's answers: JSON bodies with Zendesk's content type, its 404, and its two documented ways to page
 * a list (https://developer.zendesk.com/api-reference/introduction/pagination/): offset (`?page=2&per_page=50`:
 * `next_page`, `previous_page` as URLs, `count`) and cursor (`?page[size]=50&page[after]=<cursor>`: `meta.has_more`,
 * `meta.after_cursor`, `meta.before_cursor`, `links.next`, `links.prev`). At most 100 records a page either way.
 */
export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const MAX_PAGE_SIZE = 100;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** Text made safe inside HTML, as Zendesk's `html_body` holds a plain comment. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export const notFound = () => json(404, { error: 'RecordNotFound', description: 'Not found' });

// cursors are opaque to clients, as Zendesk's are: a position, encoded
const encodeCursor = (position: number) => Buffer.from(`p${position}`).toString('base64url');
function decodeCursor(cursor: string): number | null {
  const m = Buffer.from(cursor, 'base64url')
    .toString()
    .match(/^p(\d+)$/);
  return m ? Number(m[1]) : null;
}

const size = (raw: string | null) => Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(Number(raw)) || MAX_PAGE_SIZE));

/** One page of `items` under `key`, as the request's query asks (cursor when any `page[...]` is given, else offset). */
export function paginate<T>(
  baseUrl: string,
  url: URL,
  key: string,
  items: readonly T[],
  sideloads: (page: T[]) => Record<string, unknown> = () => ({}),
): ApiResult {
  const q = url.searchParams;
  const link = (change: Record<string, string>, drop: string[] = []) => {
    const next = new URLSearchParams(q);
    for (const name of drop) next.delete(name);
    for (const [name, value] of Object.entries(change)) next.set(name, value);
    return `${baseUrl}${url.pathname}?${next.toString()}`;
  };

  if (q.has('page[size]') || q.has('page[after]') || q.has('page[before]')) {
    const n = size(q.get('page[size]'));
    const after = q.get('page[after]');
    const before = q.get('page[before]');
    const at = after !== null ? decodeCursor(after) : before !== null ? decodeCursor(before) : 0;
    if (at === null)
      return json(400, {
        error: 'InvalidPaginationParameter',
        description: 'page[after] and page[before] take a cursor from an earlier page',
      });
    const start = after === null && before !== null ? Math.max(0, at - n) : at;
    const page = items.slice(start, start + n);
    const more = start + page.length < items.length;
    const afterCursor = page.length > 0 ? encodeCursor(start + page.length) : null;
    const beforeCursor = page.length > 0 ? encodeCursor(start) : null;
    return json(200, {
      [key]: page,
      ...sideloads(page),
      meta: { has_more: more, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: more && afterCursor ? link({ 'page[size]': String(n), 'page[after]': afterCursor }, ['page[before]']) : null,
        prev: start > 0 && beforeCursor ? link({ 'page[size]': String(n), 'page[before]': beforeCursor }, ['page[after]']) : null,
      },
    });
  }

  const perPage = size(q.get('per_page'));
  const number = Math.max(1, Math.trunc(Number(q.get('page'))) || 1);
  const page = items.slice((number - 1) * perPage, number * perPage);
  const more = number * perPage < items.length;
  return json(200, {
    [key]: page,
    ...sideloads(page),
    next_page: more ? link({ page: String(number + 1), per_page: String(perPage) }) : null,
    previous_page: number > 1 ? link({ page: String(number - 1), per_page: String(perPage) }) : null,
    count: items.length,
  });
}
