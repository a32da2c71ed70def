import type { RootCauseKind, ScorecardDefinitionInput } from './scorecard.ts';

// Starter scorecards an admin copies and adapts. They follow common QA practice: judgement
// criteria kept apart from ticket metrics, compliance as critical gates, root causes that tell an agent's
// skill gap from a process, product, tooling or policy failure.

type SectionInput = ScorecardDefinitionInput['sections'][number];
type CriterionInput = SectionInput['criteria'][number];

/** Every root cause the templates use, with the kind reports group it under. */
const CAUSE_KINDS = {
  'Knowledge gap': 'agent-skill',
  'Did not read the history': 'agent-skill',
  'Soft-skill gap': 'agent-skill',
  'Writing skills': 'agent-skill',
  'Macro used without editing': 'agent-skill',
  'Process not followed': 'process',
  'Process unclear or missing': 'process',
  'Help article out of date': 'process',
  'Workload or queue pressure': 'process',
  'Product defect': 'product-defect',
  'Tool limitation': 'tooling',
  'Missing customer data': 'tooling',
  'Policy prevented a fix': 'policy',
  'Policy unclear': 'policy',
} as const satisfies Record<string, RootCauseKind>;
type Cause = keyof typeof CAUSE_KINDS;

function causes(...labels: Cause[]): Pick<CriterionInput, 'rootCauses' | 'rootCauseKinds'> {
  return { rootCauses: labels, rootCauseKinds: Object.fromEntries(labels.map((l) => [l, CAUSE_KINDS[l]])) };
}

const SOLUTION_CAUSES = causes('Knowledge gap', 'Help article out of date', 'Product defect', 'Tool limitation', 'Policy prevented a fix');
const TONE_CAUSES = causes('Soft-skill gap', 'Macro used without editing', 'Workload or queue pressure');
const PROCESS_CAUSES = causes('Process not followed', 'Process unclear or missing', 'Tool limitation');

/** The compliance gates every template shares; a failure here fails the evaluation whatever the score. */
function compliance(consent: CriterionInput): SectionInput {
  return {
    id: 'compliance',
    name: 'Process and compliance',
    weight: 15,
    criteria: [
      {
        id: 'identity-check',
        label: 'Verified identity before account details or changes',
        guidance:
          'Ran the identity check required for this request type (e.g. two account details, or a signed-in request) before ' +
          'disclosing or changing anything on the account. N/A when nothing account-specific was shared or changed.',
        scale: { preset: 'binary' },
        weight: 2,
        allowNA: true,
        critical: { effect: 'zero' },
        commentRequiredAtOrBelow: 0,
        ...PROCESS_CAUSES,
      },
      {
        id: 'data-protection',
        label: 'Protected personal data',
        guidance:
          'No full card numbers, passwords, health or other sensitive data requested or repeated in the conversation; ' +
          'redacted where the customer sent it; shared nothing about another person.',
        scale: { preset: 'binary' },
        weight: 2,
        critical: { effect: 'zero' },
        commentRequiredAtOrBelow: 0,
        ...PROCESS_CAUSES,
      },
      consent,
      {
        id: 'policy-followed',
        label: 'Followed policy and procedure',
        guidance: 'Refunds, credits, exceptions and escalations within policy and with the approvals the policy asks for.',
        scale: { preset: '3-point' },
        weight: 1,
        commentRequiredAtOrBelow: 0.5,
        ...causes('Process not followed', 'Process unclear or missing', 'Policy unclear'),
      },
    ],
  };
}

const WRITTEN_CONSENT: CriterionInput = {
  id: 'consent',
  label: 'Had consent before sharing data or acting for the customer',
  guidance:
    'Asked before sharing details with a third party, adding a contact, or signing the customer up to anything. ' +
    'N/A when none of that happened.',
  scale: { preset: 'binary' },
  weight: 1,
  allowNA: true,
  critical: { effect: 'cap', cap: 50 },
  commentRequiredAtOrBelow: 0,
  ...PROCESS_CAUSES,
};

function documentation(extra: CriterionInput[] = []): SectionInput {
  return {
    id: 'documentation',
    name: 'Documentation',
    weight: 5,
    criteria: [
      {
        id: 'ticket-fields',
        label: 'Ticket fields, tags and status correct',
        guidance: 'Reason, product and priority fields set; the right tags; solved / pending / on-hold matches reality.',
        scale: { preset: 'binary' },
        weight: 1,
        ...causes('Process not followed', 'Tool limitation'),
      },
      {
        id: 'internal-note',
        label: 'Internal note a colleague can pick up from',
        guidance: 'What was checked, what was done, what is pending. N/A for a one-touch ticket solved in the reply.',
        scale: { preset: '3-point' },
        weight: 1,
        allowNA: true,
        ...causes('Process not followed', 'Workload or queue pressure'),
      },
      ...extra,
    ],
  };
}

const LINKED_PROBLEM: CriterionInput = {
  id: 'linked-problem',
  label: 'Linked to the problem ticket or filed the defect',
  guidance: 'When the cause is a known or new product defect, linked the ticket to its problem ticket or filed one.',
  scale: { preset: 'binary' },
  weight: 1,
  allowNA: true,
  ...causes('Process not followed', 'Process unclear or missing'),
};

function understanding(weight: number, probing: string, extra: CriterionInput[] = []): SectionInput {
  return {
    id: 'understanding',
    name: 'Understanding',
    weight,
    criteria: [
      {
        id: 'understood-need',
        label: 'Understood the full request',
        guidance: 'Addressed every question, including the need behind it; did not answer a different question.',
        scale: { preset: '3-point' },
        weight: 2,
        commentRequiredAtOrBelow: 0.5,
        ...causes('Knowledge gap', 'Did not read the history'),
      },
      {
        id: 'used-context',
        label: 'Used the history and customer context',
        guidance: 'Read earlier replies and linked tickets, and used what the customer already gave; did not ask for it again.',
        scale: { preset: 'binary' },
        weight: 1,
        ...causes('Did not read the history', 'Missing customer data', 'Tool limitation'),
      },
      {
        id: 'clarified',
        label: 'Asked the right questions',
        guidance: probing,
        scale: { preset: '3-point' },
        weight: 1,
        allowNA: true,
        ...causes('Knowledge gap', 'Soft-skill gap'),
      },
      ...extra,
    ],
  };
}

function solution(weight: number, extra: CriterionInput[] = []): SectionInput {
  return {
    id: 'solution',
    name: 'Solution',
    weight,
    criteria: [
      {
        id: 'accurate',
        label: 'Correct and complete solution',
        guidance:
          'Accurate, complete and in line with the help centre and policy; nothing the customer will have to ask again. ' +
          'Rate the answer, not the outcome: a correct "no" scores well.',
        scale: { preset: '5-point' },
        weight: 4,
        commentRequiredAtOrBelow: 0.5,
        ...SOLUTION_CAUSES,
      },
      {
        id: 'resolved-first-contact',
        label: 'Resolved in one contact where possible',
        guidance: 'Solved without needless back-and-forth or hand-offs. N/A when the fix depends on someone else.',
        scale: { preset: '3-point' },
        weight: 2,
        allowNA: true,
        ...causes('Knowledge gap', 'Process unclear or missing', 'Tool limitation'),
      },
      {
        id: 'next-steps',
        label: 'Set clear next steps',
        guidance: 'Says what happens next, who does it and by when, or that nothing more is needed.',
        scale: { preset: 'binary' },
        weight: 1,
        ...causes('Process not followed', 'Soft-skill gap'),
      },
      ...extra,
    ],
  };
}

function toneAndEmpathy(weight: number, extra: CriterionInput[] = []): SectionInput {
  return {
    id: 'tone',
    name: 'Tone and empathy',
    weight,
    criteria: [
      {
        id: 'empathy',
        label: 'Acknowledged the customer’s situation',
        guidance: 'Showed it understood the impact on the customer, in their terms, and matched their urgency.',
        scale: { preset: '3-point' },
        weight: 1,
        commentRequiredAtOrBelow: 0,
        ...TONE_CAUSES,
      },
      {
        id: 'positive-tone',
        label: 'Positive, professional tone',
        guidance: 'Courteous and confident; says what can be done rather than only what cannot; no blame, sarcasm or jargon.',
        scale: { preset: '3-point' },
        weight: 1,
        commentRequiredAtOrBelow: 0,
        ...TONE_CAUSES,
      },
      ...extra,
    ],
  };
}

const WRITING: SectionInput = {
  id: 'writing',
  name: 'Grammar and clarity',
  weight: 10,
  criteria: [
    {
      id: 'grammar',
      label: 'Spelling and grammar',
      guidance: 'No spelling, grammar or punctuation mistakes; the customer’s name and product names spelt right.',
      scale: { preset: '4-point' },
      weight: 1,
      ...causes('Writing skills', 'Macro used without editing'),
    },
    {
      id: 'clarity',
      label: 'Clear and easy to follow',
      guidance: 'Plain words, short paragraphs, steps numbered, links working; a macro adapted to this customer.',
      scale: { preset: '3-point' },
      weight: 1,
      ...causes('Writing skills', 'Macro used without editing', 'Help article out of date'),
    },
  ],
};

export const TEMPLATES: Record<'email' | 'chat' | 'voice' | 'complaint', ScorecardDefinitionInput> = {
  email: {
    name: 'Email support',
    description: 'Written, asynchronous support by email and web form. Each section is scored, then combined by section weight.',
    method: 'weighted-sections',
    passThreshold: 80,
    naPolicy: 'exclude',
    appliesTo: { channels: ['email', 'web'] },
    sections: [
      {
        id: 'greeting',
        name: 'Greeting and closing',
        weight: 5,
        criteria: [
          {
            id: 'greeting',
            label: 'Personal greeting',
            guidance: 'Greets the customer by name and thanks them for getting in touch; no generic "Dear customer".',
            scale: { preset: 'binary' },
            weight: 1,
            ...causes('Macro used without editing', 'Soft-skill gap'),
          },
          {
            id: 'closing',
            label: 'Professional closing',
            guidance: 'Invites a reply if anything is unclear and signs off with the agent’s name.',
            scale: { preset: 'binary' },
            weight: 1,
            ...causes('Macro used without editing', 'Soft-skill gap'),
          },
        ],
      },
      understanding(15, 'Asked for the missing detail in one go, not one question per reply. N/A when nothing was missing.'),
      solution(35),
      toneAndEmpathy(15),
      WRITING,
      compliance(WRITTEN_CONSENT),
      documentation([LINKED_PROBLEM]),
    ],
  },

  chat: {
    name: 'Chat and messaging',
    description: 'Live chat and messaging. Points per criterion; the first-reply metric comes from the ticket, not the reviewer.',
    method: 'total-points',
    passThreshold: 80,
    naPolicy: 'exclude',
    appliesTo: { channels: ['chat', 'native_messaging'] },
    sections: [
      {
        id: 'greeting',
        name: 'Greeting, pace and closing',
        weight: 1,
        criteria: [
          {
            id: 'first-reply-time',
            label: 'First reply within 2 minutes',
            guidance: 'Scored from the ticket’s first reply time; N/A when Zendesk has no figure for it.',
            scale: { preset: 'binary' },
            weight: 2,
            metric: { name: 'first-reply-minutes', direction: 'at-most', target: 2 },
            ...causes('Workload or queue pressure', 'Tool limitation'),
          },
          {
            id: 'greeting',
            label: 'Warm, personal greeting',
            guidance: 'Greets by name, introduces themself, and picks up the customer’s first message instead of asking again.',
            scale: { preset: 'binary' },
            weight: 1,
            ...causes('Macro used without editing', 'Did not read the history'),
          },
          {
            id: 'kept-informed',
            label: 'Kept the customer informed while working',
            guidance:
              'Said what they were checking and roughly how long it would take; no silences over 2 minutes. N/A for a quick answer.',
            scale: { preset: '3-point' },
            weight: 2,
            allowNA: true,
            commentRequiredAtOrBelow: 0,
            ...causes('Workload or queue pressure', 'Soft-skill gap', 'Tool limitation'),
          },
          {
            id: 'closing',
            label: 'Closed the chat well',
            guidance: 'Checked the question was answered and whether anything else was needed before ending; no abrupt end.',
            scale: { preset: 'binary' },
            weight: 1,
            ...causes('Soft-skill gap', 'Workload or queue pressure'),
          },
        ],
      },
      understanding(1, 'Asked focused questions early instead of guessing. N/A when the first message had everything.'),
      solution(1),
      toneAndEmpathy(1, [
        {
          id: 'register',
          label: 'Matched the customer’s register',
          guidance: 'Conversational without being sloppy; mirrors a formal or casual customer; emoji only if the customer uses them.',
          scale: { preset: '3-point' },
          weight: 1,
          ...causes('Soft-skill gap'),
        },
      ]),
      {
        ...WRITING,
        criteria: WRITING.criteria.map((c) =>
          c.id === 'clarity'
            ? { ...c, guidance: 'Short messages, one idea each; no walls of text or several canned replies in a row.' }
            : c,
        ),
      },
      compliance(WRITTEN_CONSENT),
      documentation(),
    ],
  },

  voice: {
    name: 'Voice',
    description: 'Phone calls (Zendesk Talk). Listen to the recording; rate what the customer heard.',
    method: 'weighted-sections',
    passThreshold: 80,
    naPolicy: 'exclude',
    appliesTo: { channels: ['voice'] },
    sections: [
      {
        id: 'greeting',
        name: 'Opening and closing',
        weight: 10,
        criteria: [
          {
            id: 'greeting',
            label: 'Branded greeting with name',
            guidance: 'Company and agent name within the first seconds; a clear, unhurried opening.',
            scale: { preset: 'binary' },
            weight: 1,
            ...causes('Soft-skill gap'),
          },
          {
            id: 'summary',
            label: 'Summarised before ending the call',
            guidance: 'Recapped what was agreed and what happens next, and asked whether anything else was needed.',
            scale: { preset: '3-point' },
            weight: 2,
            ...causes('Soft-skill gap', 'Workload or queue pressure'),
          },
        ],
      },
      understanding(
        15,
        'Open questions first, then closed ones to confirm; repeated numbers and names back. N/A when nothing was unclear.',
        [
          {
            // reverse-scored: the best rating is "never"
            id: 'interruptions',
            label: 'Interrupted the customer',
            guidance: 'Let the customer finish. Talking over them once to stop a long detour is fine; repeatedly is not.',
            scale: {
              options: [
                { label: 'Repeatedly', fraction: 0 },
                { label: 'A few times', fraction: 0.25 },
                { label: 'Once', fraction: 0.75 },
                { label: 'Never', fraction: 1 },
              ],
            },
            weight: 1,
            commentRequiredAtOrBelow: 0.25,
            ...causes('Soft-skill gap', 'Workload or queue pressure'),
          },
        ],
      ),
      solution(30, [
        {
          id: 'hold-transfer',
          label: 'Hold and transfer etiquette',
          guidance:
            'Asked before a hold and said why and for how long; checked back within a minute; warm transfer with the context passed on. N/A when there was no hold or transfer.',
          scale: { preset: '3-point' },
          weight: 1,
          allowNA: true,
          ...causes('Process not followed', 'Tool limitation'),
        },
      ]),
      toneAndEmpathy(20, [
        {
          id: 'voice-delivery',
          label: 'Clear, calm delivery',
          guidance: 'Pace, volume and wording the customer can follow; no jargon; calm under pressure.',
          scale: { preset: '4-point' },
          weight: 1,
          ...causes('Soft-skill gap'),
        },
      ]),
      compliance({
        id: 'recording-consent',
        label: 'Recording disclosed and consent respected',
        guidance:
          'The call-recording notice was given (by the IVR or the agent); stopped recording when the customer objected or gave card details.',
        scale: { preset: 'binary' },
        weight: 1,
        critical: { effect: 'cap', cap: 50 },
        commentRequiredAtOrBelow: 0,
        ...PROCESS_CAUSES,
      }),
      documentation([LINKED_PROBLEM]),
    ],
  },

  complaint: {
    name: 'Complaint handling (HEAT)',
    description:
      'Hear, Empathise, Apologise, Take ownership; then escalate where the rules say so and follow up as promised. ' +
      'Applies to tickets tagged "complaint", on any channel.',
    method: 'weighted-criteria',
    passThreshold: 85,
    naPolicy: 'exclude',
    appliesTo: { tags: ['complaint'] },
    sections: [
      {
        id: 'hear',
        name: 'Hear',
        weight: 1,
        criteria: [
          {
            id: 'let-them-explain',
            label: 'Let the customer explain in full',
            guidance: 'No interrupting, defending or solving before the whole complaint is out.',
            scale: { preset: '3-point' },
            weight: 2,
            ...causes('Soft-skill gap', 'Workload or queue pressure'),
          },
          {
            id: 'restated',
            label: 'Restated the complaint to confirm it',
            guidance: 'Summarised what went wrong and what the customer wants, and checked it was right.',
            scale: { preset: 'binary' },
            weight: 1,
            ...causes('Soft-skill gap'),
          },
        ],
      },
      {
        id: 'empathise',
        name: 'Empathise',
        weight: 1,
        criteria: [
          {
            id: 'acknowledged-feelings',
            label: 'Acknowledged how the customer feels',
            guidance: 'Named the impact ("you were left without service for a week") rather than a stock phrase.',
            scale: { preset: '3-point' },
            weight: 2,
            commentRequiredAtOrBelow: 0,
            ...TONE_CAUSES,
          },
        ],
      },
      {
        id: 'apologise',
        name: 'Apologise',
        weight: 1,
        criteria: [
          {
            id: 'sincere-apology',
            label: 'Sincere apology without blame or excuses',
            guidance: 'Apologised for the experience, specifically; did not blame the customer, a colleague or "the system".',
            scale: { preset: '3-point' },
            weight: 2,
            commentRequiredAtOrBelow: 0,
            ...TONE_CAUSES,
          },
        ],
      },
      {
        id: 'ownership',
        name: 'Take ownership',
        weight: 1,
        criteria: [
          {
            id: 'owned-it',
            label: 'Took personal ownership',
            guidance: '"I will" rather than "they should"; stayed the customer’s contact until it was settled.',
            scale: { preset: '3-point' },
            weight: 2,
            commentRequiredAtOrBelow: 0.5,
            ...causes('Soft-skill gap', 'Process unclear or missing'),
          },
          {
            id: 'fair-remedy',
            label: 'Offered a fair remedy within policy',
            guidance: 'Fixed the cause where possible and offered redress the policy allows; explained clearly when the answer is no.',
            scale: { preset: '5-point' },
            weight: 3,
            commentRequiredAtOrBelow: 0.5,
            ...causes('Knowledge gap', 'Policy prevented a fix', 'Policy unclear', 'Product defect'),
          },
        ],
      },
      {
        id: 'escalation',
        name: 'Escalation and follow-up',
        weight: 1,
        criteria: [
          {
            id: 'escalated-correctly',
            label: 'Escalated when the rules call for it',
            guidance:
              'Escalated to the complaints team or a lead when the complaint met the escalation criteria (legal threat, regulator, repeat complaint, vulnerable customer). N/A when none applied.',
            scale: { preset: 'binary' },
            weight: 2,
            allowNA: true,
            critical: { effect: 'cap', cap: 60 },
            commentRequiredAtOrBelow: 0,
            ...causes('Process not followed', 'Process unclear or missing', 'Tool limitation'),
          },
          {
            id: 'follow-up',
            label: 'Followed up as promised',
            guidance:
              'Set a follow-up date, kept it, and confirmed the customer was satisfied with the outcome. N/A when settled in the first contact.',
            scale: { preset: '3-point' },
            weight: 2,
            allowNA: true,
            commentRequiredAtOrBelow: 0,
            ...causes('Process not followed', 'Workload or queue pressure', 'Tool limitation'),
          },
        ],
      },
      compliance({
        id: 'complaint-logged',
        label: 'Logged in the complaints register',
        guidance: 'Recorded as a complaint with its category and outcome, as the regulator and our policy require.',
        scale: { preset: 'binary' },
        weight: 1,
        critical: { effect: 'cap', cap: 50 },
        commentRequiredAtOrBelow: 0,
        ...PROCESS_CAUSES,
      }),
      documentation([LINKED_PROBLEM]),
    ],
  },
};

export type TemplateName = keyof typeof TEMPLATES;
