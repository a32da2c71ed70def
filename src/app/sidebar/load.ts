/**
 * The sidebar's load: one `client.get` for every path (round trip 1) and one service request. Metrics and
 * CSAT are not needed to score, so they follow once the scorecard is usable (see loadTicketNumbers).
 */
import type { QaRole } from '../../core/evaluation.ts';
import { matchScorecards } from '../../core/matching.ts';
import type { TicketMetrics } from '../../core/metrics.ts';
import { qaRoleOf, type ZendeskUser } from '../api/qa-role.ts';
import type { ServiceErrorKind } from '../api/result.ts';
import { createZafServiceClient, type ServiceClient } from '../api/service-client.ts';
import type { PublishedScorecard, SidebarData } from '../api/wire.ts';
import type { ZafContext, ZafGetResult, ZafMetadata, ZafPort } from '../zaf/port.ts';
import { readMetrics, readTicket, readUser, type SidebarTicket } from './ticket.ts';
import { REQUIREMENT_PATHS, fieldIdsFrom, writeBackEnabled, type WriteBackFields } from './write-back.ts';

export interface SidebarModel {
  account: string;
  ticket: SidebarTicket;
  user: ZendeskUser;
  role: QaRole;
  settings: Record<string, unknown>;
  fields: WriteBackFields;
  writeBack: boolean;
  service: ServiceClient;
  data: SidebarData;
  /** Published scorecards that apply to this ticket, most specific first. */
  applicable: PublishedScorecard[];
}

export type LoadProblem = ServiceErrorKind | 'not-configured' | 'no-ticket' | 'no-user';

export type LoadOutcome = { status: 'ready'; model: SidebarModel } | { status: 'problem'; problem: LoadProblem; message: string };

export interface LoadInput {
  zaf: ZafPort;
  metadata: ZafMetadata;
  context: ZafContext;
}

export const LOAD_PATHS = ['currentUser', 'ticket', ...REQUIREMENT_PATHS];

export interface StartedLoad {
  /** The user's Zendesk locale, from the same get (undefined when Zendesk did not say). */
  locale: Promise<string | undefined>;
  outcome: Promise<LoadOutcome>;
}

/**
 * Starts the load: the get goes out at once, also when a problem is already known, because the user's locale
 * rides on it (`currentUser`), so the strings need no round trip of their own. `onRole` hears the QA role as soon
 * as Zendesk has answered, so the view's code can load beside the service request.
 */
export function startSidebarLoad(
  { zaf, metadata, context }: LoadInput,
  makeService = createZafServiceClient,
  onRole: (role: QaRole) => void = () => {},
): StartedLoad {
  const got = zaf.get(LOAD_PATHS);
  // a problem found before the answer (no ticket, no service URL) must not leave its rejection unheard
  got.catch(() => undefined);
  const locale = got.then(({ values }) => readUser(values.currentUser)?.locale);
  return { locale, outcome: finishLoad(got, { zaf, metadata, context }, makeService, onRole) };
}

export function loadSidebar(input: LoadInput, makeService = createZafServiceClient, onRole?: (role: QaRole) => void): Promise<LoadOutcome> {
  return startSidebarLoad(input, makeService, onRole).outcome;
}

async function finishLoad(
  got: Promise<ZafGetResult>,
  { zaf, metadata, context }: LoadInput,
  makeService: typeof createZafServiceClient,
  onRole: (role: QaRole) => void,
): Promise<LoadOutcome> {
  const settings = metadata.settings ?? {};
  const ticketId = context.ticketId;
  if (!ticketId) return { status: 'problem', problem: 'no-ticket', message: '' };
  const serviceUrl = typeof settings.serviceUrl === 'string' ? settings.serviceUrl.trim() : '';
  if (!serviceUrl) return { status: 'problem', problem: 'not-configured', message: '' };

  const { values } = await got;
  const user = readUser(values.currentUser);
  if (!user) return { status: 'problem', problem: 'no-user', message: '' };
  const role = qaRoleOf(user, settings);
  onRole(role);
  const service = makeService(zaf, { serviceUrl, identity: { userId: user.id, role } });
  const loaded = await service.loadSidebar(ticketId);
  if (loaded.status === 'error') return { status: 'problem', problem: loaded.error.kind, message: loaded.error.message };

  const ticket = readTicket(values.ticket, ticketId);
  return {
    status: 'ready',
    model: {
      account: context.account?.subdomain ?? 'local',
      ticket,
      user,
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
  const csat = ticket.status === 'fulfilled' && ticket.value ? readTicket((ticket.value.responseJSON as { ticket?: unknown })?.ticket, ticketId).csat : known;
  return metrics.status === 'fulfilled' ? readMetrics(metrics.value.responseJSON, csat) : null;
}

/** Scorecard definitions by id and version, for evaluations scored with an older version. */
export function versionLookup(data: SidebarData): (id: string, version: number) => PublishedScorecard | undefined {
  const all = new Map([...data.versions, ...data.scorecards].map((s) => [`${s.id}@${s.version}`, s]));
  return (id, version) => all.get(`${id}@${version}`);
}
