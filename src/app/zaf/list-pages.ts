/** Zendesk's offset-paged lists (`{ <key>: [...], next_page }`) read through the port, a bounded number of pages. */
import type { ZafPort } from './port.ts';

type Loose = Record<string, unknown>;

export interface ListPages {
  items: unknown[];
  /** The sideloaded list (`include=metric_sets` answers `metric_sets`), when one was asked for. */
  side: unknown[] | null;
}

/** Each page is one of the account's API calls, shared with every other app: callers say how many they may spend. */
export async function readListPages(zaf: ZafPort, first: string, key: string, maxPages: number, side?: string): Promise<ListPages> {
  const items: unknown[] = [];
  let sideItems: unknown[] | null = null;
  let next: string | null = first;
  for (let page = 0; next && page < maxPages; page++) {
    const res: { responseJSON?: Loose } = await zaf.request<Loose>({ url: next, type: 'GET', httpCompleteResponse: true });
    const body: Loose = res.responseJSON ?? {};
    items.push(...((body[key] as unknown[] | undefined) ?? []));
    if (side && Array.isArray(body[side])) sideItems = [...(sideItems ?? []), ...(body[side] as unknown[])];
    next = typeof body.next_page === 'string' ? body.next_page : null;
  }
  return { items, side: sideItems };
}
