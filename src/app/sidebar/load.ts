/**
 * The sidebar's load: the service request (identity and role come from the page's boot, so it goes out at once)
 * beside one `client.get` for every Zendesk path. Metrics and CSAT are not needed to score, so they follow once the
 * scorecard is usable (see loadTicketNumbers).
 */
import type { QaRole } from '../../core/evaluation.ts';
import { matchScorecards } from '../../core/matching.ts';
import type { TicketMetrics } from '../../core/metrics.ts';
import { readBoot, type AppUser, type Boot, type BootRead } from '../api/boot.ts';
import type { ServiceErrorKind } from '../api/result.ts';
import { bootServiceCall } from '../api/service-call.ts';
import { createSidebarApi, type SidebarApi } from '../api/sidebar-api.ts';
import type { PublishedScorecard, SidebarData } from '../api/wire.ts';
import type { ZafContext, ZafGetResult, ZafMetadata, ZafPort } from '../zaf/port.ts';
import { readLocale, readMetrics, readTicket, type SidebarTicket } from './ticket.ts';
import { REQUIREMENT_PATHS, fieldIdsFrom, writeBackEnabled, type WriteBackFields } from './write-back.ts';

export interface SidebarModel {
  account: string;
  ticket: SidebarTicket;
  /** Who the service says the user is (from the boot). */
  user: AppUser;
  role: QaRole;
  settings: Record<string, unknown>;
  fields: WriteBackFields;
  writeBack: boolean;
  service: SidebarApi;
  data: SidebarData;
  /** Published scorecards that apply to this ticket, most specific first. */
  applicable: PublishedScorecard[];
}

/** `outside-zendesk`: the page has no (valid) boot, so it was not opened through Zendesk's signed load. */
export type LoadProblem = ServiceErrorKind | 'outside-zendesk' | 'no-ticket';

export type LoadOutcome =
  | { status: 'ready'; model: SidebarModel }
  | { status: 'problem'; problem: LoadProblem; message: string; retryAfter?: number };

export interface LoadInput {
  zaf: ZafPort;
  metadata: ZafMetadata;
  context: ZafContext;
  /** The page's boot; read from the document when not given. */
  boot?: BootRead;
}

export type MakeService = (boot: Boot) => SidebarApi;

const serviceOf: MakeService = (boot) => createSidebarApi(bootServiceCall(boot));

export const LOAD_PATHS = ['currentUser.locale', 'ticket', ...REQUIREMENT_PATHS];

export interface StartedLoad {
  /** The user's Zendesk locale, from the same get (undefined when Zendesk did not say). */
  locale: Promise<string | undefined>;
  outcome: Promise<LoadOutcome>;
}

/**
 * Starts the load: the get goes out at once, also when a problem is already known, because the user's locale
 * rides on it, so the strings need no round trip of their own. The service request goes out beside it, and
 * `onRole` hears the QA role from the boot at once, so the view's code can load beside both.
 */
export function startSidebarLoad(
  input: LoadInput,
  makeService: MakeService = serviceOf,
  onRole: (role: QaRole) => void = () => {},
): StartedLoad {
  const got = input.zaf.get(LOAD_PATHS);
  // a problem found before the answer (no ticket, no boot) must not leave its rejection unheard
  got.catch(() => undefined);
  const locale = got.then(({ values }) => readLocale(values['currentUser.locale']));
  return { locale, outcome: finishLoad(got, input, makeService, onRole) };
}

export function loadSidebar(input: LoadInput, makeService: MakeService = serviceOf, onRole?: (role: QaRole) => void): Promise<LoadOutcome> {
  return startSidebarLoad(input, makeService, onRole).outcome;
}

async function finishLoad(
  got: Promise<ZafGetResult>,
  input: LoadInput,
  makeService: MakeService,
  onRole: (role: QaRole) => void,
): Promise<LoadOutcome> {
  const { metadata, context } = input;
  const settings = metadata.settings ?? {};
  const ticketId = context.ticketId;
  if (!ticketId) return { status: 'problem', problem: 'no-ticket', message: '' };
  const read = input.boot ?? readBoot();
  if (read.status !== 'ok')
    return { status: 'problem', problem: 'outside-zendesk', message: read.status === 'malformed' ? `boot: ${read.reason}` : '' };
  const { boot } = read;
  const role = boot.user.role;
  onRole(role);
  const service = makeService(boot);
  const [loaded, { values }] = await Promise.all([service.loadSidebar(ticketId), got]);
  if (loaded.status === 'error') {
    const { kind, message, retryAfter } = loaded.error;
    return { status: 'problem', problem: kind, message, ...(retryAfter === undefined ? {} : { retryAfter }) };
  }

  const ticket = readTicket(values.ticket, ticketId);
  return {
    status: 'ready',
    model: {
      account: boot.account,
      ticket,
      user: boot.user,
      role,
      settings,
      fields: fieldIdsFrom(values, settings),
      writeBack: writeBackEnabled(settings),
      service,
      data: loaded.value,
      applicable: matchScorecards(
        loaded.value.scorecards.map((s) => ({ ...s, name: s.definition.name, appliesTo: s.definition.appliesTo })),
        ticket,
      ),
    },
  };
}

/** The ticket's numbers, after the scorecard is usable: metrics, and CSAT from the ticket (the metrics lack it). */
export async function loadTicketNumbers(zaf: ZafPort, ticketId: number, known: TicketMetrics['csat']): Promise<TicketMetrics | null> {
  const [metrics, ticket] = await Promise.allSettled([
    zaf.request({ url: `/api/v2/tickets/${ticketId}/metrics.json`, type: 'GET' }),
    known === null ? zaf.request({ url: `/api/v2/tickets/${ticketId}.json`, type: 'GET' }) : Promise.resolve(null),
  ]);
  const csat =
    ticket.status === 'fulfilled' && ticket.value
      ? readTicket((ticket.value.responseJSON as { ticket?: unknown })?.ticket, ticketId).csat
      : known;
  return metrics.status === 'fulfilled' ? readMetrics(metrics.value.responseJSON, csat) : null;
}

/** Scorecard definitions by id and version, for evaluations scored with an older version. */
export function versionLookup(data: SidebarData): (id: string, version: number) => PublishedScorecard | undefined {
  const all = new Map([...data.versions, ...data.scorecards].map((s) => [`${s.id}@${s.version}`, s]));
  return (id, version) => all.get(`${id}@${version}`);
}
