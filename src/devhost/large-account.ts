/**
 * A large account for tests and benchmarks of the sync: the sample account (its people, groups, fields and tickets)
 * plus `tickets` generated tickets over the past year, their agents, groups and customers. Deterministic: each ticket
 * is drawn from its own seeded generator (the seed and its number), so the same options give the same account, and a
 * ticket does not depend on the ones before it. Conversations of 2 to 8 comments (customer and agent by turns, mostly
 * short), a fifth of them in German; channels and groups mixed as in a mid-size support team; reopens, CSAT on about a
 * fifth, metrics on all. Generating 100k tickets takes a few seconds (`large-account.test.ts` measures it).
 */
import { seededRandom } from './random.ts';
import type { SampleData } from './sample-data.ts';
import type { Channel, TicketStatus, ZdComment, ZdGroup, ZdTicket, ZdUser } from './zendesk-types.ts';

export interface LargeAccountOptions {
  /** How many tickets to generate. */
  tickets: number;
  /** Same seed, same account (default 15). */
  seed?: number;
  /** Dates are relative to this (the account's last year). */
  now: Date;
}

/** The first generated ticket, user, group and comment ids: above every id of the sample account. */
export const LARGE = { firstTicketId: 100_001, firstAgentId: 11_001, firstCustomerId: 200_001, firstGroupId: 31_001 } as const;
const FIRST_COMMENT_ID = 10_000_000;
const COMMENT_SLOTS = 16;
const AGENTS = 60;
const CUSTOMERS = 20_000;
const DAY_S = 24 * 3600;

type Lang = 'en' | 'de';
interface Topic {
  lang: Lang;
  group: string;
  weight: number;
  subject: string;
  /** The customer's lines, the first opening the ticket. */
  customer: string[];
  /** The agent's lines. */
  agent: string[];
  tags: string[];
  type: NonNullable<ZdTicket['type']>;
}

// {order}, {amount} and {first} are filled per ticket
const TOPICS: Topic[] = [
  {
    lang: 'en',
    group: 'Support',
    weight: 12,
    subject: 'Where is my order #{order}?',
    customer: [
      'My order #{order} still shows "label created" after a week. Can you check?',
      'Any news? I need it by Friday.',
      'It has not moved since yesterday either.',
    ],
    agent: [
      'Thanks for waiting, {first}. The carrier scanned the parcel late; it should arrive within two working days.',
      'I have asked the carrier to prioritise it and will keep an eye on the tracking for you.',
      'The parcel is out for delivery today.',
    ],
    tags: ['delivery'],
    type: 'question',
  },
  {
    lang: 'en',
    group: 'Billing',
    weight: 9,
    subject: 'Refund for order #{order}',
    customer: [
      'I returned order #{order} two weeks ago and have not seen the refund of {amount} yet.',
      'Still nothing on my card statement.',
    ],
    agent: [
      'Your return arrived on Monday and I have issued the refund of {amount}. Banks take 3-5 business days.',
      'I checked with our payment provider: the refund was sent, reference RF-{order}.',
    ],
    tags: ['refund'],
    type: 'question',
  },
  {
    lang: 'en',
    group: 'Technical Support',
    weight: 8,
    subject: 'Cannot log in to the app',
    customer: ['The app says my password is wrong, but it works on the website.', 'I reinstalled it and it still fails.'],
    agent: [
      'Sorry about that, {first}. Please update to the latest version; the old one has a known sign-in bug.',
      'I have reset your session on our side; please try once more and let me know.',
    ],
    tags: ['login', 'app'],
    type: 'incident',
  },
  {
    lang: 'en',
    group: 'Returns',
    weight: 7,
    subject: 'Item in order #{order} arrived damaged',
    customer: ['The jug of my blender from order #{order} is cracked. Photos attached.', 'Do I need to send the broken one back?'],
    agent: ['I am sorry! A replacement ships today at no cost.', 'No need to send it back; please recycle it.'],
    tags: ['damaged', 'replacement'],
    type: 'incident',
  },
  {
    lang: 'en',
    group: 'Sales',
    weight: 5,
    subject: 'Question about the annual plan',
    customer: ['What is the price difference between the monthly and the annual plan for 20 seats?', 'Can we pay by invoice?'],
    agent: ['For 20 seats the annual plan saves {amount} a year compared to monthly.', 'Yes, annual plans can be paid by invoice.'],
    tags: ['pricing', 'sales'],
    type: 'question',
  },
  {
    lang: 'en',
    group: 'Escalations',
    weight: 4,
    subject: 'Complaint: charged twice',
    customer: ['You charged me {amount} twice this month. This is the second time it happens.', 'I expect this fixed today.'],
    agent: [
      'You are right, and I apologise. I have refunded the duplicate charge of {amount} myself.',
      'I have also added a credit to your account for the trouble.',
    ],
    tags: ['complaint', 'billing'],
    type: 'incident',
  },
  {
    lang: 'en',
    group: 'Technical Support',
    weight: 4,
    subject: 'Webhook deliveries failing',
    customer: ['Our webhook endpoint gets HTTP 500 from your side since this morning.', 'It is still failing for about 10% of events.'],
    agent: ['Thanks, we can reproduce it; engineering is on it.', 'The fix is deployed; failed deliveries are being retried now.'],
    tags: ['webhooks', 'bug'],
    type: 'problem',
  },
  {
    lang: 'de',
    group: 'DACH Support',
    weight: 6,
    subject: 'Wo bleibt meine Bestellung #{order}?',
    customer: ['Meine Bestellung #{order} ist seit einer Woche nicht angekommen. Können Sie nachsehen?', 'Gibt es schon Neuigkeiten?'],
    agent: [
      'Danke für Ihre Geduld, {first}. Das Paket wurde verspätet gescannt und kommt in zwei Werktagen an.',
      'Ich habe beim Versanddienst nachgefragt; das Paket ist heute in der Zustellung.',
    ],
    tags: ['delivery', 'de'],
    type: 'question',
  },
  {
    lang: 'de',
    group: 'DACH Support',
    weight: 4,
    subject: 'Rechnung für Bestellung #{order} fehlerhaft',
    customer: ['Auf der Rechnung zu #{order} fehlt unsere Umsatzsteuer-ID.', 'Bitte schicken Sie eine korrigierte Rechnung.'],
    agent: [
      'Vielen Dank für den Hinweis. Ich habe die Rechnung mit Ihrer Umsatzsteuer-ID neu ausgestellt.',
      'Die korrigierte Rechnung finden Sie jetzt in Ihrem Kundenkonto.',
    ],
    tags: ['invoice', 'de'],
    type: 'task',
  },
  {
    lang: 'de',
    group: 'DACH Support',
    weight: 3,
    subject: 'Beschwerde: Rückerstattung fehlt',
    customer: ['Ich warte seit drei Wochen auf meine Rückerstattung über {amount}.', 'Das ist inakzeptabel.'],
    agent: [
      'Das tut mir sehr leid. Ich habe die Rückerstattung über {amount} heute selbst veranlasst.',
      'Als Entschuldigung haben wir Ihrem Konto eine Gutschrift hinzugefügt.',
    ],
    tags: ['complaint', 'refund', 'de'],
    type: 'incident',
  },
];
const CLOSING: Record<Lang, { agent: string; customer: string }> = {
  en: { agent: 'Glad that is sorted. Just reply if anything else comes up.', customer: 'Thank you, that solved it.' },
  de: { agent: 'Schön, dass es geklappt hat. Melden Sie sich gern bei weiteren Fragen.', customer: 'Danke, das hat geholfen.' },
};
const REOPEN: Record<Lang, string> = {
  en: 'Sorry, I have to reopen this: it happened again.',
  de: 'Leider muss ich das Ticket wieder öffnen: Es ist erneut passiert.',
};

// a mid-size team: written channels first, then live ones, messaging growing
const CHANNELS: Array<[Channel, number]> = [
  ['email', 34],
  ['web', 14],
  ['chat', 20],
  ['native_messaging', 10],
  ['voice', 14],
  ['api', 8],
];
// how many comments a conversation has: most are short
const LENGTHS: Array<[number, number]> = [
  [2, 34],
  [3, 25],
  [4, 17],
  [5, 10],
  [6, 7],
  [7, 4],
  [8, 3],
];
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Elena', 'Felix', 'Greta', 'Hugo', 'Isabel', 'Jakub', 'Kira', 'Leo', 'Maya', 'Nils'];
const LAST_NAMES = ['Schmidt', 'Carter', 'Jensen', 'Okafor', 'Petrova', 'Wagner', 'Lindqvist', 'Martin', 'Costa', 'Nowak', 'Tanaka'];

function weighted<T>(rnd: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  let r = rnd() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items.at(-1)![0];
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const nameOf = (i: number) =>
  `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`;

/** The account's groups by name: the sample's support groups and the large account's own. */
function groupsOf(base: SampleData, created: string): ZdGroup[] {
  const own = ['Technical Support', 'Returns', 'Sales', 'DACH Support'].map((name, i) => ({
    id: LARGE.firstGroupId + i,
    name,
    created_at: created,
  }));
  return [...base.groups, ...own];
}

/** Adds the large account's groups, agents, customers and tickets to `base` (the sample account), in place. */
export function addLargeAccount(base: SampleData, options: LargeAccountOptions): void {
  const seed = options.seed ?? 15;
  const nowS = Math.floor(options.now.getTime() / 1000);
  const created = iso(nowS - 400 * DAY_S);
  const groups = groupsOf(base, created);
  const groupId = new Map(groups.map((g) => [g.name, g.id]));
  // 60 agents, each in one topic group (a German speaker in DACH Support), ids after the sample's
  const topicGroups = [...new Set(TOPICS.map((t) => t.group))];
  const agents: ZdUser[] = Array.from({ length: AGENTS }, (_, i) => ({
    id: LARGE.firstAgentId + i,
    name: `${nameOf(i * 7 + 3)} (agent ${i + 1})`,
    email: `agent${i + 1}@acme.example`,
    role: 'agent',
    locale: topicGroups[i % topicGroups.length] === 'DACH Support' ? 'de' : 'en-US',
    time_zone: 'Europe/Berlin',
    default_group_id: groupId.get(topicGroups[i % topicGroups.length]!)!,
    created_at: created,
  }));
  const agentsIn = new Map(topicGroups.map((g) => [g, agents.filter((a) => a.default_group_id === groupId.get(g))]));
  const customers: ZdUser[] = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: LARGE.firstCustomerId + i,
    name: nameOf(i),
    email: `customer${i + 1}@customer.example`,
    role: 'end-user',
    locale: 'en-US',
    time_zone: 'Europe/London',
    default_group_id: null,
    created_at: created,
  }));
  base.groups = groups;
  base.users.push(...agents, ...customers);
  for (const a of agents) base.memberships[a.id] = [a.default_group_id!];
  const topics = TOPICS.map((t) => [t, t.weight] as const);
  for (let n = 0; n < options.tickets; n++) {
    base.tickets.push(generatedTicket(seededRandom(seed * 1_000_003 + n), n, nowS, topics, agentsIn, groupId, base));
  }
}

function generatedTicket(
  rnd: () => number,
  n: number,
  nowS: number,
  topics: ReadonlyArray<readonly [Topic, number]>,
  agentsIn: Map<string, ZdUser[]>,
  groupId: Map<string, number>,
  base: SampleData,
): ZdTicket {
  const id = LARGE.firstTicketId + n;
  const topic = weighted(rnd, topics);
  const agents = agentsIn.get(topic.group)!;
  const agent = agents[Math.floor(rnd() * agents.length)]!;
  const requester = LARGE.firstCustomerId + Math.floor(rnd() * CUSTOMERS);
  const channel = weighted(rnd, CHANNELS);
  const live = channel === 'chat' || channel === 'voice' || channel === 'native_messaging';
  const values: Record<string, string> = {
    order: String(10000 + Math.floor(rnd() * 90000)),
    amount: `${19 + Math.floor(rnd() * 180)}.00 EUR`,
    first: nameOf(requester - LARGE.firstCustomerId).split(' ')[0]!,
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k);
  // created within the past year, more recently more often (the account grows)
  const createdS = nowS - Math.floor(365 * DAY_S * (1 - Math.sqrt(rnd()))) - 3600;
  const reopens = rnd() < 0.08 ? (rnd() < 0.2 ? 2 : 1) : 0;
  const length = Math.max(weighted(rnd, LENGTHS), reopens > 0 ? 4 : 2);
  // a reply in minutes on live channels, hours on written ones
  const gap = () => Math.floor(live ? 30 + rnd() * 600 : 1800 + rnd() * 30 * 3600);
  const comments: ZdComment[] = [];
  let at = createdS;
  for (let i = 0; i < length; i++) {
    const fromCustomer = i % 2 === 0;
    const last = i === length - 1;
    const lines = fromCustomer ? topic.customer : topic.agent;
    const reopening = fromCustomer && reopens > 0 && i === length - 2 - (length % 2 === 0 ? 0 : 1);
    const text = reopening
      ? REOPEN[topic.lang]
      : last
        ? CLOSING[topic.lang][fromCustomer ? 'customer' : 'agent']
        : fill(lines[Math.floor(i / 2) % lines.length]!);
    if (i > 0) at += gap() * (reopening ? 24 : 1);
    comments.push({
      id: FIRST_COMMENT_ID + n * COMMENT_SLOTS + i,
      author_id: fromCustomer ? requester : agent.id,
      body: channel === 'voice' && i === 0 ? `Call recording (${2 + Math.floor(rnd() * 12)} min): ${text}` : text,
      // an agent's internal note now and then
      public: fromCustomer || rnd() > 0.06,
      created_at: iso(Math.min(at, nowS - 120)),
    });
  }
  const lastS = Math.min(at, nowS - 120);
  const ageDays = (nowS - lastS) / DAY_S;
  const status: TicketStatus =
    ageDays > 4
      ? 'closed'
      : ageDays > 1
        ? 'solved'
        : weighted(rnd, [
            ['open', 4],
            ['pending', 3],
            ['solved', 5],
          ] as const);
  const resolved = status === 'solved' || status === 'closed';
  const replyMin = Math.round((Date.parse(comments[1]?.created_at ?? comments[0]!.created_at) / 1000 - createdS) / 60);
  const resolutionMin = Math.round((lastS - createdS) / 60);
  const pair = (m: number) => ({ calendar: m, business: Math.round(m * 0.6) });
  const r = rnd();
  const csatScore: 'good' | 'bad' | 'offered' | null =
    !resolved || r < 0.62 ? null : r < 0.8 ? 'offered' : rnd() < (reopens ? 0.5 : 0.15) ? 'bad' : 'good';
  const updatedS = resolved && status === 'closed' ? Math.min(lastS + 4 * DAY_S, nowS - 90) : lastS;
  return {
    id,
    subject: fill(topic.subject),
    description: comments[0]!.body,
    status,
    priority: topic.type === 'incident' ? 'high' : 'normal',
    type: topic.type,
    channel,
    requester_id: requester,
    assignee_id: agent.id,
    group_id: groupId.get(topic.group)!,
    brand_id: base.brands[rnd() < 0.25 ? 1 : 0]!.id,
    ticket_form_id: base.forms[topic.group === 'Billing' ? 1 : 0]!.id,
    tags: [...topic.tags, ...(reopens ? ['reopened'] : [])],
    custom_fields: base.fields.filter((f) => f.removable).map((f) => ({ id: f.id, value: null })),
    created_at: iso(createdS),
    updated_at: iso(updatedS),
    comments,
    metrics: {
      id: 80000 + id,
      reply_time_in_minutes: pair(replyMin),
      first_resolution_time_in_minutes: resolved ? pair(reopens ? Math.round(resolutionMin / 2) : resolutionMin) : null,
      full_resolution_time_in_minutes: resolved ? pair(resolutionMin) : null,
      agent_wait_time_in_minutes: pair(Math.round(resolutionMin / 3)),
      requester_wait_time_in_minutes: pair(Math.round((resolutionMin * 2) / 3)),
      on_hold_time_in_minutes: pair(0),
      reopens,
      replies: comments.filter((c) => c.author_id === agent.id).length,
      group_stations: 1,
      assignee_stations: 1,
      solved_at: resolved ? iso(lastS) : null,
    },
    satisfaction: csatScore
      ? {
          id: 90000 + id,
          score: csatScore,
          comment: csatScore === 'bad' ? 'Took too long.' : null,
          created_at: iso(Math.min(lastS + 3600, nowS - 100)),
        }
      : null,
  };
}
