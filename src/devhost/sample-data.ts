/**
 * The local account "acme": people, groups, brands, forms, QA ticket fields, fourteen hand-written tickets with
 * conversations (ids 1-14, what the tests open), and the four weeks of solved tickets before them (sample-history.ts,
 * ids from 1000: what the seeded evaluations are of).
 */
import { CUSTOMER_FIRST_ID, CUSTOMERS, HISTORY_FIRST_ID, historySpecs, type HistoryAccount } from './sample-history.ts';
import type { Channel, TicketStatus, ZdBrand, ZdComment, ZdField, ZdForm, ZdGroup, ZdTicket, ZdUser } from './zendesk-types.ts';

export const SUBDOMAIN = 'acme';

/** Named ids, so tests and the seed can refer to people and places without magic numbers. */
export const IDS = {
  users: { rita: 10001, alex: 10002, sam: 10003, ada: 10004, lee: 10005 },
  /** More agents, so reports compare more than two people; not in the user switcher. */
  moreAgents: { jordan: 10006, mia: 10007, omar: 10008 },
  groups: { support: 30001, billing: 30002, escalations: 30003, qaReviewers: 30004, qaLeads: 30005 },
  brands: { acme: 40001, acmePro: 40002 },
  forms: { standard: 50001, billing: 50002 },
  fields: { qaScore: 60101, qaResult: 60102 },
} as const;

export interface SampleData {
  users: ZdUser[];
  groups: ZdGroup[];
  memberships: Record<number, number[]>;
  brands: ZdBrand[];
  forms: ZdForm[];
  fields: ZdField[];
  tickets: ZdTicket[];
}

const AGENTS = IDS.users;
const G = IDS.groups;

interface TicketSpec {
  subject: string;
  channel: Channel;
  status: TicketStatus;
  group: number | null;
  assignee: number | null;
  brand?: number;
  form?: number;
  /** The customer; the hand-written tickets each have their own (20001 for ticket 1, ...). */
  requester?: number;
  priority?: ZdTicket['priority'];
  type?: ZdTicket['type'];
  tags?: string[];
  hoursAgo: number;
  /** [from 'c' (customer) or 'a' (assignee), text, minutes after creation] */
  talk: Array<['c' | 'a', string, number]>;
  replyMin?: number;
  resolutionMin?: number;
  reopens?: number;
  csat?: { score: 'good' | 'bad' | 'offered'; comment?: string };
}

const TICKETS: TicketSpec[] = [
  {
    subject: "Can't reset my password",
    channel: 'email',
    status: 'open',
    group: G.support,
    assignee: AGENTS.alex,
    priority: 'normal',
    type: 'question',
    tags: ['password', 'account'],
    hoursAgo: 5,
    replyMin: 38,
    talk: [
      ['c', 'Hi, the reset link you send me says "expired" every time I click it. I have tried three times this morning.', 0],
      [
        'a',
        'Sorry about that, Maria. Reset links expire after 30 minutes; I have sent a fresh one just now. Could you try it within the next few minutes and let me know?',
        38,
      ],
      ['c', 'Still the same message, unfortunately.', 95],
    ],
  },
  {
    subject: 'Order #4411 arrived damaged',
    channel: 'chat',
    status: 'solved',
    group: G.support,
    assignee: AGENTS.alex,
    priority: 'high',
    type: 'incident',
    tags: ['damaged', 'refund'],
    hoursAgo: 30,
    replyMin: 1,
    resolutionMin: 22,
    csat: { score: 'good', comment: 'Quick and friendly, thanks!' },
    talk: [
      ['c', 'My blender arrived with a cracked jug. Photos attached.', 0],
      [
        'a',
        'Oh no, I am sorry! I can see the photos. I have started a free replacement; it ships today and you can keep or recycle the broken one.',
        1,
      ],
      ['c', 'Great, thank you so much.', 20],
      ['a', 'You are welcome. Tracking number: ZX-99813. Anything else I can help with?', 22],
    ],
  },
  {
    subject: 'Charged twice for March invoice',
    channel: 'voice',
    status: 'closed',
    group: G.billing,
    assignee: AGENTS.sam,
    priority: 'urgent',
    type: 'incident',
    tags: ['billing', 'double_charge'],
    hoursAgo: 24 * 9,
    replyMin: 0,
    resolutionMin: 2 * 24 * 60,
    reopens: 1,
    csat: { score: 'bad', comment: 'Took two calls to get my money back.' },
    talk: [
      ['c', 'Call recording (6 min): customer reports two identical charges of 49.00 EUR on 3 March.', 0],
      ['a', 'Confirmed the duplicate charge and refunded 49.00 EUR. Refunds take 3-5 business days.', 7],
      ['c', 'The refund has not arrived after a week. Calling again.', 60 * 24 * 2 - 30],
      ['a', 'The first refund failed at the bank. Re-issued it by bank transfer and confirmed by email.', 60 * 24 * 2],
    ],
  },
  {
    subject: 'Update VAT number on invoices',
    channel: 'web',
    status: 'pending',
    group: G.billing,
    assignee: AGENTS.sam,
    form: IDS.forms.billing,
    priority: 'low',
    type: 'task',
    tags: ['invoice', 'vat'],
    hoursAgo: 50,
    replyMin: 240,
    talk: [
      ['c', 'Please add our new VAT number DE123456789 to all future invoices.', 0],
      ['a', 'Happy to. For tax reasons we need the request from the account owner; could you confirm from the owner address?', 240],
    ],
  },
  {
    subject: 'Question about API rate limits',
    channel: 'email',
    status: 'new',
    group: G.support,
    assignee: null,
    type: 'question',
    tags: ['api'],
    hoursAgo: 2,
    talk: [['c', 'How many requests per minute can our integration make before it gets throttled?', 0]],
  },
  {
    subject: 'Webhook deliveries failing with 500',
    channel: 'api',
    status: 'open',
    group: G.escalations,
    assignee: AGENTS.alex,
    brand: IDS.brands.acmePro,
    priority: 'high',
    type: 'problem',
    tags: ['webhooks', 'bug'],
    hoursAgo: 20,
    replyMin: 55,
    talk: [
      ['c', 'Created by the monitoring integration: 132 webhook deliveries failed with HTTP 500 in the last hour.', 0],
      ['a', 'Thanks, we can reproduce it. Engineering is on it; I will update you within two hours.', 55],
    ],
  },
  {
    subject: 'How do I export my data?',
    channel: 'chat',
    status: 'closed',
    group: G.support,
    assignee: AGENTS.alex,
    brand: IDS.brands.acmePro,
    type: 'question',
    tags: ['export'],
    hoursAgo: 24 * 12,
    replyMin: 2,
    resolutionMin: 9,
    csat: { score: 'good' },
    talk: [
      ['c', 'Where can I download all my projects?', 0],
      ['a', 'Settings > Account > Export. You get a zip by email within a few minutes.', 2],
      ['c', 'Found it, thanks.', 9],
    ],
  },
  {
    subject: 'Complaint: agent was rude on the phone',
    channel: 'email',
    status: 'solved',
    group: G.escalations,
    assignee: AGENTS.sam,
    priority: 'high',
    type: 'incident',
    tags: ['complaint', 'escalated'],
    hoursAgo: 24 * 3,
    replyMin: 90,
    resolutionMin: 26 * 60,
    csat: { score: 'offered' },
    talk: [
      ['c', 'I called yesterday about my refund and the agent hung up on me. This is unacceptable.', 0],
      [
        'a',
        'I am sorry for how that call went; that is not how we want to treat you. I have processed your refund myself and shared your feedback with the team lead.',
        90,
      ],
      ['c', 'Thank you for taking it seriously.', 24 * 60],
    ],
  },
  {
    subject: 'Callback about delivery delay',
    channel: 'voice',
    status: 'solved',
    group: G.support,
    assignee: AGENTS.alex,
    tags: ['delivery'],
    hoursAgo: 24 * 4,
    replyMin: 0,
    resolutionMin: 12,
    csat: { score: 'good' },
    talk: [
      ['c', 'Call recording (4 min): customer asks why order #5120 is late.', 0],
      ['a', 'Explained the carrier delay, gave the new delivery date and offered free express shipping next time.', 12],
    ],
  },
  {
    subject: 'Refund for cancelled subscription',
    channel: 'web',
    status: 'open',
    group: G.billing,
    assignee: AGENTS.sam,
    form: IDS.forms.billing,
    priority: 'normal',
    type: 'question',
    tags: ['refund', 'subscription'],
    hoursAgo: 26,
    replyMin: 180,
    talk: [
      ['c', 'I cancelled on day 3 of the annual plan. Am I entitled to a refund?', 0],
      ['a', 'Yes, cancellations within 14 days are fully refunded. I have started it; you will see it in 3-5 business days.', 180],
      ['c', 'Will I keep access until then?', 400],
    ],
  },
  {
    subject: 'Two-factor codes not arriving',
    channel: 'email',
    status: 'closed',
    group: G.support,
    assignee: AGENTS.sam,
    brand: IDS.brands.acmePro,
    priority: 'high',
    type: 'incident',
    tags: ['2fa', 'account'],
    hoursAgo: 24 * 15,
    replyMin: 310,
    resolutionMin: 3 * 24 * 60,
    reopens: 2,
    talk: [
      ['c', 'SMS codes never arrive, I am locked out.', 0],
      ['a', 'Please check that your number is correct in your profile.', 310],
      ['c', 'It is correct. Still nothing.', 24 * 60],
      ['a', 'I switched you to authenticator-app codes and sent setup instructions.', 3 * 24 * 60],
    ],
  },
  {
    subject: 'Discount code not applied',
    channel: 'chat',
    status: 'pending',
    group: G.support,
    assignee: AGENTS.alex,
    type: 'question',
    tags: ['discount'],
    hoursAgo: 8,
    replyMin: 3,
    talk: [
      ['c', 'SPRING20 says invalid at checkout.', 0],
      ['a', 'SPRING20 is valid from tomorrow. I can apply it manually if you place the order now; shall I?', 3],
    ],
  },
  {
    subject: 'Voicemail: question about annual plan',
    channel: 'voice',
    status: 'new',
    group: G.billing,
    assignee: null,
    type: 'question',
    tags: ['voicemail'],
    hoursAgo: 1,
    talk: [['c', 'Voicemail (1 min): caller wants to know the price difference between monthly and annual plans.', 0]],
  },
  {
    subject: 'Login loop on mobile app',
    channel: 'email',
    status: 'solved',
    group: G.support,
    assignee: AGENTS.alex,
    priority: 'normal',
    type: 'incident',
    tags: ['mobile', 'vip'],
    hoursAgo: 24 * 6,
    replyMin: 25,
    resolutionMin: 4 * 60,
    csat: { score: 'good', comment: 'Solved it quickly.' },
    talk: [
      ['c', 'After the update the app sends me back to the login screen every time.', 0],
      ['a', 'Thanks for the details. Please clear the app cache (Settings > Apps > Acme > Clear cache) and sign in again.', 25],
      ['c', 'That fixed it!', 4 * 60],
    ],
  },
];

const REQUESTERS = [
  'Maria Lopez',
  'Tom Becker',
  'Priya Natarajan',
  'Jonas Weber',
  'Chen Wei',
  'Olivia Brown',
  'Lukas Meyer',
  'Fatima Khan',
  'Noah Smith',
  'Emma Jansen',
  'Kenji Sato',
  'Sofia Rossi',
  'Ali Demir',
  'Grace Kim',
];

/** Who works the generated tickets, in which groups, at what pace (1 is the team's usual). */
const HISTORY_ACCOUNT: HistoryAccount = {
  groups: { support: G.support, billing: G.billing, escalations: G.escalations },
  brands: IDS.brands,
  forms: IDS.forms,
  agents: [
    { id: AGENTS.alex, groups: [G.support, G.escalations], pace: 0.8 },
    { id: AGENTS.sam, groups: [G.billing, G.escalations, G.support], pace: 1.1 },
    { id: IDS.moreAgents.jordan, groups: [G.support], pace: 0.7 },
    { id: IDS.moreAgents.mia, groups: [G.billing], pace: 1.4 },
    { id: IDS.moreAgents.omar, groups: [G.escalations, G.support], pace: 1 },
  ],
};
// the same every time: computed once
const HISTORY = historySpecs(HISTORY_ACCOUNT);

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Fresh sample data whose dates are relative to `now` (so the ticket list always looks current). */
export function sampleData(now: Date): SampleData {
  const at = (minutesAgo: number) => iso(new Date(now.getTime() - minutesAgo * 60_000));
  const created = at(60 * 24 * 90);
  const users: ZdUser[] = [
    {
      id: AGENTS.rita,
      name: 'Rita Reviewer',
      email: 'rita@acme.example',
      role: 'agent',
      locale: 'en-US',
      time_zone: 'Europe/Berlin',
      default_group_id: G.qaReviewers,
      created_at: created,
    },
    {
      id: AGENTS.alex,
      name: 'Alex Agent',
      email: 'alex@acme.example',
      role: 'agent',
      locale: 'en-US',
      time_zone: 'Europe/Berlin',
      default_group_id: G.support,
      created_at: created,
    },
    {
      id: AGENTS.sam,
      name: 'Sam Support',
      email: 'sam@acme.example',
      role: 'agent',
      locale: 'de',
      time_zone: 'Europe/Berlin',
      default_group_id: G.billing,
      created_at: created,
    },
    {
      id: AGENTS.ada,
      name: 'Ada Admin',
      email: 'ada@acme.example',
      role: 'admin',
      locale: 'en-US',
      time_zone: 'Europe/Berlin',
      default_group_id: G.support,
      created_at: created,
    },
    {
      id: AGENTS.lee,
      name: 'Lee Lead',
      email: 'lee@acme.example',
      role: 'agent',
      locale: 'en-US',
      time_zone: 'Europe/Berlin',
      default_group_id: G.qaLeads,
      created_at: created,
    },
    ...(
      [
        [IDS.moreAgents.jordan, 'Jordan Park', G.support],
        [IDS.moreAgents.mia, 'Mia Novak', G.billing],
        [IDS.moreAgents.omar, 'Omar Haddad', G.escalations],
      ] as const
    ).map(
      ([id, name, group]): ZdUser => ({
        id,
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@acme.example`,
        role: 'agent',
        locale: 'en-US',
        time_zone: 'Europe/Berlin',
        default_group_id: group,
        created_at: created,
      }),
    ),
    ...[
      ...REQUESTERS.map((name, i) => [20001 + i, name] as const),
      ...CUSTOMERS.map((name, i) => [CUSTOMER_FIRST_ID + i, name] as const),
    ].map(
      ([id, name]): ZdUser => ({
        id,
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@customer.example`,
        role: 'end-user',
        locale: 'en-US',
        time_zone: 'Europe/London',
        default_group_id: null,
        created_at: created,
      }),
    ),
  ];
  const groups: ZdGroup[] = [
    { id: G.support, name: 'Support', created_at: created },
    { id: G.billing, name: 'Billing', created_at: created },
    { id: G.escalations, name: 'Escalations', created_at: created },
    { id: G.qaReviewers, name: 'QA Reviewers', created_at: created },
    { id: G.qaLeads, name: 'QA Leads', created_at: created },
  ];
  const memberships: Record<number, number[]> = {
    [AGENTS.rita]: [G.qaReviewers, G.support],
    [AGENTS.alex]: [G.support, G.escalations],
    [AGENTS.sam]: [G.billing, G.escalations, G.support],
    [AGENTS.ada]: [G.support],
    [AGENTS.lee]: [G.qaLeads, G.qaReviewers],
    [IDS.moreAgents.jordan]: [G.support],
    [IDS.moreAgents.mia]: [G.billing],
    [IDS.moreAgents.omar]: [G.escalations, G.support],
  };
  const brands: ZdBrand[] = [
    { id: IDS.brands.acme, name: 'Acme', subdomain: SUBDOMAIN, default: true, created_at: created },
    { id: IDS.brands.acmePro, name: 'Acme Pro', subdomain: 'acme-pro', default: false, created_at: created },
  ];
  const systemFields: ZdField[] = (
    [
      ['subject', 'Subject'],
      ['description', 'Description'],
      ['status', 'Status'],
      ['tickettype', 'Type'],
      ['priority', 'Priority'],
      ['group', 'Group'],
      ['assignee', 'Assignee'],
    ] as const
  ).map(([type, title], i) => ({
    id: 60001 + i,
    type,
    title,
    description: '',
    position: i,
    removable: false,
    regexp_for_validation: null,
    created_at: created,
  }));
  const fields: ZdField[] = [
    ...systemFields,
    {
      id: IDS.fields.qaScore,
      type: 'decimal',
      title: 'QA score',
      requirement: 'qa_score',
      position: 20,
      removable: true,
      description: 'Final QA score (0-100) of the latest evaluation, written by the Ticket QA app.',
      regexp_for_validation: '\\A[-+]?[0-9]*[.,]?[0-9]+\\z',
      created_at: created,
    },
    {
      id: IDS.fields.qaResult,
      type: 'tagger',
      title: 'QA result',
      requirement: 'qa_result',
      position: 21,
      removable: true,
      description: 'Result of the latest QA evaluation, written by the Ticket QA app.',
      regexp_for_validation: null,
      custom_field_options: [
        { id: 61001, name: 'Pass', value: 'qa_pass' },
        { id: 61002, name: 'Fail', value: 'qa_fail' },
        { id: 61003, name: 'Critical fail', value: 'qa_critical_fail' },
      ],
      created_at: created,
    },
  ];
  const allFieldIds = fields.map((f) => f.id);
  const forms: ZdForm[] = [
    { id: IDS.forms.standard, name: 'Default ticket form', default: true, ticket_field_ids: allFieldIds, created_at: created },
    { id: IDS.forms.billing, name: 'Billing request', default: false, ticket_field_ids: allFieldIds, created_at: created },
  ];
  let commentId = 70001;
  const ticketOf = (spec: TicketSpec, id: number, i: number): ZdTicket => {
    const requester = spec.requester ?? 20001 + i;
    const createdMinAgo = spec.hoursAgo * 60;
    const comments: ZdComment[] = spec.talk.map(([who, body, after]) => ({
      id: commentId++,
      author_id: who === 'c' ? requester : (spec.assignee ?? AGENTS.ada),
      body,
      public: true,
      created_at: at(Math.max(0, createdMinAgo - after)),
    }));
    const last = spec.talk.at(-1)?.[2] ?? 0;
    const resolved = spec.status === 'solved' || spec.status === 'closed';
    const pair = (m: number | undefined) => (m === undefined ? null : { calendar: m, business: Math.round(m * 0.6) });
    return {
      id,
      subject: spec.subject,
      description: spec.talk[0]?.[1] ?? '',
      status: spec.status,
      priority: spec.priority ?? null,
      type: spec.type ?? null,
      channel: spec.channel,
      requester_id: requester,
      assignee_id: spec.assignee,
      group_id: spec.group,
      brand_id: spec.brand ?? IDS.brands.acme,
      ticket_form_id: spec.form ?? IDS.forms.standard,
      tags: spec.tags ?? [],
      custom_fields: [
        { id: IDS.fields.qaScore, value: null },
        { id: IDS.fields.qaResult, value: null },
      ],
      created_at: at(createdMinAgo),
      updated_at: at(Math.max(0, createdMinAgo - last)),
      comments,
      metrics: {
        id: 80000 + id,
        reply_time_in_minutes: pair(spec.replyMin),
        first_resolution_time_in_minutes: resolved ? pair(spec.resolutionMin) : null,
        full_resolution_time_in_minutes: resolved ? pair(spec.resolutionMin) : null,
        agent_wait_time_in_minutes: pair(Math.round(last / 3)),
        requester_wait_time_in_minutes: pair(Math.round((last * 2) / 3)),
        on_hold_time_in_minutes: { calendar: 0, business: 0 },
        reopens: spec.reopens ?? 0,
        replies: spec.talk.filter(([who]) => who === 'a').length,
        group_stations: 1,
        assignee_stations: spec.assignee === null ? 0 : 1,
        solved_at: resolved ? at(Math.max(0, createdMinAgo - (spec.resolutionMin ?? last))) : null,
      },
      satisfaction: spec.csat
        ? {
            id: 90000 + id,
            score: spec.csat.score,
            comment: spec.csat.comment ?? null,
            created_at: at(Math.max(0, createdMinAgo - last - 60)),
          }
        : null,
    };
  };
  const tickets = [
    ...TICKETS.map((spec, i) => ticketOf(spec, i + 1, i)),
    ...HISTORY.map((spec, i) => ticketOf(spec, HISTORY_FIRST_ID + i, i)),
  ];
  return { users, groups, memberships, brands, forms, fields, tickets };
}
