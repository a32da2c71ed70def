/**
 * Measures each automatic check on the labelled set (src/server/autoqa/labelled-set.ts): precision, recall and n per
 * check and language. Each labelled message is checked as a conversation of its own: an agent reply (after a short
 * customer question in its language, so the conversation has both sides) or a customer message. Spelling is counted
 * per word (a flagged word is right when the label lists it) and per reply (any misspelling); readability as "hard to
 * read" (reading ease below 50) on replies of at least 12 words; sentiment as two questions, negative (score below 0)
 * and positive (score above 0). The held-out part of the set is reported apart from the development part the checks
 * were written beside. Usage: npm run autoqa:eval [-- --misses] to list every miss.
 */
import type { CheckResult, Language } from '../src/server/autoqa/check.ts';
import { createChecks, runChecks } from '../src/server/autoqa/checks.ts';
import type { Conversation } from '../src/server/autoqa/conversation.ts';
import {
  ALLOW_LIST,
  DEVELOPMENT_SET,
  HELD_OUT_SET,
  type LabelledAgentReply,
  type LabelledCustomerMessage,
  type LabelledMessage,
} from '../src/server/autoqa/labelled-set.ts';

const HARD_BELOW = 50;
const showMisses = process.argv.includes('--misses');

const QUESTION: Record<Language, string> = {
  en: 'Hello, I have a question about my account and my last order. Could you help me?',
  de: 'Hallo, ich habe eine Frage zu meinem Konto und meiner letzten Bestellung. Können Sie mir helfen?',
};

const metrics = { firstReplyMinutes: null, fullResolutionMinutes: null, reopens: null, csat: null };

function agentConversation(m: LabelledAgentReply): Conversation {
  return {
    ticketId: 1,
    metrics,
    names: [...m.names],
    comments: [
      { id: 1, authorId: 1, authorRole: 'end-user', public: true, body: QUESTION[m.language], createdAt: '2026-12-01T09:00:00Z' },
      { id: 2, authorId: 2, authorRole: 'agent', public: true, body: m.text, createdAt: '2026-12-01T10:00:00Z' },
    ],
  };
}

function customerConversation(m: LabelledCustomerMessage): Conversation {
  return {
    ticketId: 1,
    metrics,
    comments: [{ id: 1, authorId: 1, authorRole: 'end-user', public: true, body: m.text, createdAt: '2026-12-01T09:00:00Z' }],
  };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  na: number;
}

class Tallies {
  readonly rows = new Map<string, Tally>();
  readonly misses: string[] = [];
  languageRight = 0;

  count(key: string, expected: boolean, predicted: boolean | null, what: string): void {
    let t = this.rows.get(key);
    if (!t) this.rows.set(key, (t = { tp: 0, fp: 0, fn: 0, tn: 0, na: 0 }));
    if (predicted === null) {
      t.na++;
      return;
    }
    if (expected && predicted) t.tp++;
    else if (!expected && predicted) t.fp++;
    else if (expected && !predicted) t.fn++;
    else t.tn++;
    if (expected !== predicted) this.misses.push(`${key}: ${predicted ? 'false positive' : 'missed'} ${what}`);
  }
}

const byId = (results: CheckResult[], id: string) => results.find((r) => r.checkId === id)!;
const bool = (r: CheckResult) => (r.applicable && r.value.type === 'boolean' ? r.value.value : null);
const num = (r: CheckResult) => (r.applicable && r.value.type === 'number' ? r.value.value : null);
const short = (text: string) => JSON.stringify(text.length > 70 ? `${text.slice(0, 70)}…` : text);

const checks = createChecks({ allowList: ALLOW_LIST });

async function evaluate(set: readonly LabelledMessage[]): Promise<Tallies> {
  const t = new Tallies();
  for (const m of set) {
    if (m.role === 'agent') {
      const results = await runChecks(checks, agentConversation(m));
      const greeting = byId(results, 'greeting');
      if (greeting.applicable && greeting.language === m.language) t.languageRight++;
      for (const flag of ['greeting', 'closing', 'apology', 'empathy'] as const) {
        t.count(`${flag} ${m.language}`, m.flags.has(flag), bool(byId(results, flag)), `${m.id} ${short(m.text)}`);
      }
      const spelling = byId(results, 'spelling');
      const flagged = spelling.applicable ? spelling.evidence.map((e) => e.text) : null;
      t.count(`spelling/reply ${m.language}`, m.misspelled.length > 0, flagged && flagged.length > 0, `${m.id} ${short(m.text)}`);
      if (flagged) {
        for (const w of flagged) t.count(`spelling/word ${m.language}`, m.misspelled.includes(w), true, `${m.id} "${w}"`);
        for (const w of m.misspelled) if (!flagged.includes(w)) t.count(`spelling/word ${m.language}`, true, false, `${m.id} "${w}"`);
      }
      const ease = num(byId(results, 'readability'));
      t.count(
        `hard-to-read ${m.language}`,
        m.flags.has('hard'),
        ease === null ? null : ease < HARD_BELOW,
        `${m.id} (${ease}) ${short(m.text)}`,
      );
    } else {
      const results = await runChecks(checks, customerConversation(m));
      const start = byId(results, 'sentiment-start');
      if (start.applicable && start.language === m.language) t.languageRight++;
      const score = num(start);
      const what = `${m.id} (${score}) ${short(m.text)}`;
      t.count(`sentiment-negative ${m.language}`, m.sentiment === 'negative', score === null ? null : score < 0, what);
      t.count(`sentiment-positive ${m.language}`, m.sentiment === 'positive', score === null ? null : score > 0, what);
    }
  }
  return t;
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function print(title: string, set: readonly LabelledMessage[], t: Tallies): void {
  console.log(`\n${title}: ${set.length} messages; language detected right in ${t.languageRight}`);
  console.log('check                   precision  recall     n   (tp fp fn tn, not applicable)');
  for (const [key, r] of [...t.rows.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const n = r.tp + r.fp + r.fn + r.tn;
    console.log(
      `${key.padEnd(24)}${pct(r.tp, r.tp + r.fp).padStart(9)} ${pct(r.tp, r.tp + r.fn).padStart(7)} ${String(n).padStart(5)}   (${r.tp} ${r.fp} ${r.fn} ${r.tn}, ${r.na})`,
    );
  }
  if (showMisses) for (const m of t.misses) console.log(`  ${m}`);
}

print('held-out set (written after the checks were frozen)', HELD_OUT_SET, await evaluate(HELD_OUT_SET));
print('development set (the checks were written beside it: flattering)', DEVELOPMENT_SET, await evaluate(DEVELOPMENT_SET));
