/**
 * The account's recent past: the tickets its agents solved in the four weeks before the sample tickets, generated
 * (deterministically: the same every run) so that the seeded evaluations (seed.ts) are of tickets this account has,
 * with their assignee, channel, group, brand, conversation, metrics and CSAT. Each day 9 to 14 tickets were solved,
 * from about 30 days to 2.5 days ago; those solved more than 4 days ago were closed since, as Zendesk's default
 * automation does. Everything is relative to `now` (sample-data.ts turns it into dates).
 */
import { seededRandom } from './random.ts';
import type { Channel, TicketStatus, ZdTicket } from './zendesk-types.ts';

/** The first generated ticket's id; the hand-written tickets come first (1, 2, ...), then these. */
export const HISTORY_FIRST_ID = 1000;
/** The generated customers' first user id (the hand-written tickets' requesters are 20001 and on). */
export const CUSTOMER_FIRST_ID = 20101;

/** What a generated ticket is made from; sample-data.ts builds the Zendesk record. */
export interface HistorySpec {
  subject: string;
  channel: Channel;
  status: TicketStatus;
  group: number;
  assignee: number;
  requester: number;
  brand: number;
  form: number;
  priority: ZdTicket['priority'];
  type: ZdTicket['type'];
  tags: string[];
  hoursAgo: number;
  talk: Array<['c' | 'a', string, number]>;
  replyMin: number;
  resolutionMin: number;
  reopens: number;
  csat?: { score: 'good' | 'bad' | 'offered'; comment?: string };
}

/** The ids the generator needs from the account (sample-data.ts passes them; no import back, no cycle). */
export interface HistoryAccount {
  groups: { support: number; billing: number; escalations: number };
  brands: { acme: number; acmePro: number };
  forms: { standard: number; billing: number };
  /** The agents who work tickets, their groups, and how long they take (1 is the team's usual pace). */
  agents: ReadonlyArray<{ id: number; groups: readonly number[]; pace: number }>;
}

export const CUSTOMERS = [
  'Anna Schmidt',
  'Ben Carter',
  'Clara Jensen',
  'David Okafor',
  'Elena Petrova',
  'Felix Wagner',
  'Greta Lindqvist',
  'Hugo Martin',
  'Isabel Costa',
  'Jakub Nowak',
  'Kira Tanaka',
  'Leo Fischer',
  'Maya Patel',
  'Nils Berg',
  'Olga Ivanova',
  'Pablo Ruiz',
  'Quinn Murphy',
  'Rosa Bianchi',
  'Samir Haddad',
  'Tara Walsh',
  'Umar Farouk',
  'Vera Novak',
  'Will Turner',
  'Xenia Popescu',
  'Yusuf Kaya',
  'Zoe Laurent',
  'Arjun Mehta',
  'Bea Horvath',
  'Carlos Mendes',
  'Dana Cohen',
  'Emil Larsen',
  'Fiona Byrne',
  'Georg Huber',
  'Hana Sato',
  'Ivan Horak',
  'Julia Meyer',
  'Karim Nasser',
  'Lina Vogel',
  'Marco Conti',
  'Nora Aydin',
];

/** A topic a customer writes about: its group, channels, wording and what the agent does. */
interface Topic {
  group: keyof HistoryAccount['groups'];
  /** Relative frequency. */
  weight: number;
  subject: string;
  opening: string;
  reply: string;
  /** The customer's last word, when the conversation has one. */
  followUp?: string;
  tags: string[];
  type: NonNullable<ZdTicket['type']>;
  priority: NonNullable<ZdTicket['priority']>;
  /** Only written channels (email, web form, API), e.g. a technical report; else any channel. */
  written?: boolean;
  /** Always the Acme Pro brand. */
  pro?: boolean;
}

// {order}, {product}, {tracking}, {amount}, {invoice}, {code}, {plan}, {first} are filled per ticket
const TOPICS: Topic[] = [
  {
    group: 'support',
    weight: 10,
    subject: 'Where is my order #{order}?',
    type: 'question',
    priority: 'normal',
    tags: ['delivery'],
    opening: 'I ordered a week ago and the tracking page for order #{order} still says "label created". Can you check?',
    reply:
      'Thanks for waiting, {first}. The parcel left our warehouse yesterday; the carrier scanned it late. It should arrive within two working days, tracking {tracking}.',
    followUp: 'It arrived this morning, thank you.',
  },
  {
    group: 'support',
    weight: 6,
    subject: 'Item arrived damaged (order #{order})',
    type: 'incident',
    priority: 'high',
    tags: ['damaged', 'replacement'],
    opening: 'The {product} from order #{order} arrived with a cracked housing. Photos attached.',
    reply:
      'I am sorry about that. A replacement {product} ships today at no cost, tracking {tracking}; no need to send the damaged one back.',
    followUp: 'That was quick, thanks!',
  },
  {
    group: 'billing',
    weight: 7,
    subject: 'Refund for order #{order}',
    type: 'question',
    priority: 'normal',
    tags: ['refund'],
    opening: 'I returned the {product} from order #{order} two weeks ago. When do I get my money back?',
    reply:
      'Your return reached our warehouse on Monday and I have issued the refund of {amount} to your card. Banks take 3-5 business days to show it.',
    followUp: 'Got it, thanks.',
  },
  {
    group: 'billing',
    weight: 5,
    subject: 'Invoice {invoice} shows the wrong amount',
    type: 'incident',
    priority: 'normal',
    tags: ['invoice'],
    written: true,
    opening: 'Invoice {invoice} charges us for 12 seats, but we removed two in the middle of the month.',
    reply:
      'You are right: the two seats were removed mid-cycle. I have issued a credit note of {amount} and a corrected invoice; both are in your billing page.',
  },
  {
    group: 'support',
    weight: 7,
    subject: "Can't log in after changing my password",
    type: 'incident',
    priority: 'normal',
    tags: ['login', 'account'],
    opening: 'Since I changed my password yesterday the app says "invalid credentials" every time.',
    reply: 'I have signed you out of every session. Please sign in again with the new password, and remove the old one your browser saved.',
    followUp: 'Works now.',
  },
  {
    group: 'billing',
    weight: 5,
    subject: 'Please cancel my subscription',
    type: 'task',
    priority: 'low',
    tags: ['cancellation', 'subscription'],
    opening: 'I would like to cancel my {plan} plan at the end of this billing period.',
    reply: 'Done: your {plan} plan ends with this billing period and you will not be charged again. Your data stays available for 30 days.',
  },
  {
    group: 'support',
    weight: 5,
    subject: 'Item missing from my package',
    type: 'incident',
    priority: 'normal',
    tags: ['missing_item'],
    opening: 'Order #{order} arrived, but the {product} was not in the box.',
    reply: 'Sorry! It was left out at packing. I have sent the {product} by express, tracking {tracking}.',
    followUp: 'Received, thanks.',
  },
  {
    group: 'support',
    weight: 5,
    subject: '{product} stopped working',
    type: 'incident',
    priority: 'normal',
    tags: ['warranty'],
    opening: 'My {product} does not switch on any more. It is eight months old.',
    reply:
      'That is covered by the two-year warranty. I have emailed you a prepaid label; a new {product} leaves as soon as the carrier scans the parcel.',
  },
  {
    group: 'support',
    weight: 4,
    subject: 'Discount code {code} not accepted',
    type: 'question',
    priority: 'low',
    tags: ['discount'],
    opening: 'Checkout says {code} is invalid.',
    reply:
      '{code} applies to orders over 50 EUR and your basket was a little under. I have applied a one-off 10% discount to your order instead.',
    followUp: 'Perfect, thank you.',
  },
  {
    group: 'billing',
    weight: 4,
    subject: 'Card declined at checkout',
    type: 'incident',
    priority: 'high',
    tags: ['payment'],
    opening: 'My card keeps getting declined on your site, though it works everywhere else.',
    reply: 'Our payment provider flagged a billing address mismatch. I have cleared the check; please try once more.',
    followUp: 'It went through, thanks.',
  },
  {
    group: 'escalations',
    weight: 3,
    subject: 'Complaint: two weeks without an answer',
    type: 'incident',
    priority: 'high',
    tags: ['complaint', 'escalated'],
    opening: 'I wrote twice about order #{order} and nobody answered. This is not acceptable.',
    reply:
      'I am sorry you were left waiting; that is on us. I looked into order #{order} myself: it ships today, tracking {tracking}, and I have added a 15 EUR credit to your account.',
    followUp: 'Thank you for finally sorting it out.',
  },
  {
    group: 'escalations',
    weight: 3,
    subject: 'Complaint: charged after I cancelled',
    type: 'incident',
    priority: 'urgent',
    tags: ['complaint', 'billing'],
    opening: 'You charged me {amount} although I cancelled last month!',
    reply:
      'You are right, and I apologise. The cancellation was not applied; I have refunded {amount} and confirmed the cancellation by email.',
  },
  {
    group: 'support',
    weight: 3,
    subject: 'Export to CSV fails at 80%',
    type: 'problem',
    priority: 'normal',
    tags: ['export', 'bug'],
    written: true,
    pro: true,
    opening: 'Exporting the project list to CSV stops at 80% with "something went wrong".',
    reply: 'Thanks for the report. Large exports time out in the browser; I have run it for you and emailed the file. A fix is scheduled.',
  },
  {
    group: 'escalations',
    weight: 3,
    subject: 'API token stopped working',
    type: 'incident',
    priority: 'high',
    tags: ['api'],
    written: true,
    pro: true,
    opening: 'Our integration gets 401 Unauthorized since this morning.',
    reply:
      'The token reached the 90-day rotation limit. Create a new one in Settings > API; I have extended the old one by 7 days so nothing breaks meanwhile.',
  },
  {
    group: 'support',
    weight: 4,
    subject: 'Change the delivery address of order #{order}',
    type: 'task',
    priority: 'normal',
    tags: ['address'],
    opening: 'I have moved. Can you send order #{order} to my new address instead?',
    reply: 'Caught it before it shipped: order #{order} now goes to your new address.',
    followUp: 'Great, thanks.',
  },
  {
    group: 'billing',
    weight: 3,
    subject: 'Question about the {plan} plan price',
    type: 'question',
    priority: 'low',
    tags: ['pricing'],
    opening: 'What is the difference between paying monthly and yearly for {plan}?',
    reply: 'Yearly is billed once at the price of ten months, so two months are free; you can switch at any time from the billing page.',
  },
  {
    group: 'support',
    weight: 4,
    subject: 'Wrong size delivered (order #{order})',
    type: 'incident',
    priority: 'normal',
    tags: ['exchange'],
    opening: 'I ordered the {product} in M and received an L.',
    reply: 'Sorry for the mix-up. The M leaves today, tracking {tracking}, and a prepaid label for the L is in your inbox.',
    followUp: 'Thanks for the quick fix.',
  },
  {
    group: 'escalations',
    weight: 2,
    subject: 'Locked out: two-factor codes not arriving',
    type: 'incident',
    priority: 'high',
    tags: ['2fa', 'account'],
    opening: 'I do not receive the SMS codes any more and cannot sign in.',
    reply: 'After checking your identity I switched you to authenticator-app codes; the setup steps are in your inbox.',
    followUp: 'I am back in, thank you.',
  },
];

const PRODUCTS = ['blender', 'kettle', 'desk lamp', 'rain jacket', 'headphones', 'coffee grinder', 'backpack', 'toaster'];
const PLANS = ['Starter', 'Team', 'Pro'];
const GOOD = ['Quick and friendly.', 'Solved on the first reply, thanks!', 'Very helpful.', 'Great service.'];
const BAD = ['Took far too long.', 'I had to write twice.', 'The answer did not solve my problem.'];
// written channels more often than live ones, as in most support teams
const CHANNELS: Array<[Channel, number]> = [
  ['email', 38],
  ['chat', 27],
  ['voice', 15],
  ['web', 14],
  ['api', 6],
];

const DAY_MIN = 24 * 60;

/** The generated tickets, oldest solved first; the same list on every call. */
export function historySpecs(account: HistoryAccount): HistorySpec[] {
  const rnd = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let r = rnd() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items.at(-1)![0];
  };
  const between = (low: number, high: number) => low + rnd() * (high - low);
  const specs: HistorySpec[] = [];
  // 28 days of solved tickets, from 30.5 to 2.5 days ago
  for (let day = 27; day >= 0; day--) {
    const count = 9 + Math.floor(rnd() * 6);
    const solvedAgo = Array.from({ length: count }, () => (2.5 + day + rnd()) * DAY_MIN).sort((a, b) => b - a);
    for (const solvedMinAgo of solvedAgo) {
      const topic = weighted(TOPICS.map((t) => [t, t.weight] as const));
      const group = account.groups[topic.group];
      // an agent in several groups spends a share of their time in each
      const agent = weighted(account.agents.filter((a) => a.groups.includes(group)).map((a) => [a, 1 / a.groups.length] as const));
      // the API channel is an integration's report: only Acme Pro's technical topics come that way
      const channel = weighted(
        CHANNELS.filter(([c]) => (c === 'api' ? topic.pro === true : !topic.written || c === 'email' || c === 'web')),
      );
      const requester = CUSTOMER_FIRST_ID + Math.floor(rnd() * CUSTOMERS.length);
      const first = CUSTOMERS[requester - CUSTOMER_FIRST_ID]!.split(' ')[0]!;
      const values: Record<string, string> = {
        order: String(4000 + Math.floor(rnd() * 6000)),
        product: pick(PRODUCTS),
        tracking: `ZX-${10000 + Math.floor(rnd() * 90000)}`,
        amount: `${(19 + Math.floor(rnd() * 180)).toFixed(2)} EUR`,
        invoice: `INV-${String(10000 + Math.floor(rnd() * 90000))}`,
        code: pick(['SPRING20', 'WELCOME10', 'FREESHIP', 'LOYAL15']),
        plan: pick(PLANS),
        first,
      };
      const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k);
      const subject = fill(topic.subject);
      const capitalised = subject.charAt(0).toUpperCase() + subject.slice(1);

      // how long it took: live channels in minutes, written ones in hours to days; slower agents take longer
      const live = channel === 'chat' || channel === 'voice';
      const replyMin = Math.round(
        channel === 'voice' ? 0 : channel === 'chat' ? between(0, 3) * agent.pace : between(15, 420) * agent.pace,
      );
      const reopens = rnd() < 0.07 ? 1 : 0;
      const resolutionMin = Math.round(
        (live ? between(6, 40) : between(replyMin + 60, replyMin + 2 * DAY_MIN)) * (live ? agent.pace : 1) +
          reopens * between(DAY_MIN / 2, 2 * DAY_MIN),
      );
      const talk: HistorySpec['talk'] =
        channel === 'voice'
          ? [
              ['c', `Call recording (${Math.max(2, Math.round(resolutionMin / 3))} min): ${fill(topic.opening)}`, 0],
              ['a', fill(topic.reply), resolutionMin],
            ]
          : [
              ['c', fill(topic.opening), 0],
              ['a', fill(topic.reply), replyMin],
              ...(topic.followUp ? ([['c', topic.followUp, Math.round((replyMin + resolutionMin) / 2)]] as HistorySpec['talk']) : []),
              [
                'a',
                live
                  ? 'You are welcome! Anything else I can help with?'
                  : 'Glad that is sorted. I will close this ticket; just reply if anything else comes up.',
                resolutionMin,
              ],
            ];

      // CSAT: most customers do not answer the survey; slow or reopened tickets are rated bad more often
      const slow = resolutionMin > 1.5 * DAY_MIN || reopens > 0;
      const r = rnd();
      const csat: HistorySpec['csat'] =
        r < 0.3
          ? undefined
          : r < 0.5
            ? { score: 'offered' }
            : rnd() < (slow ? 0.45 : 0.12)
              ? { score: 'bad', comment: pick(BAD) }
              : { score: 'good', ...(rnd() < 0.5 ? { comment: pick(GOOD) } : {}) };
      const brand = topic.pro || rnd() < 0.2 ? account.brands.acmePro : account.brands.acme;
      specs.push({
        subject: capitalised,
        channel,
        status: solvedMinAgo > 4 * DAY_MIN ? 'closed' : 'solved',
        group,
        assignee: agent.id,
        requester,
        brand,
        form: topic.group === 'billing' && channel === 'web' ? account.forms.billing : account.forms.standard,
        priority: topic.priority,
        type: topic.type,
        tags: [...topic.tags, ...(brand === account.brands.acmePro ? ['pro'] : [])],
        hoursAgo: (solvedMinAgo + resolutionMin) / 60,
        talk,
        replyMin,
        resolutionMin,
        reopens,
        ...(csat ? { csat } : {}),
      });
    }
  }
  return specs;
}
