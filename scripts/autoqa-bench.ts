/**
 * Micro-benchmark of the automatic checks on one core: conversations built from the labelled set's messages (a
 * customer message and an agent reply by turns, 2 to 6 public comments and now and then an internal note, English and
 * German), one word in ten of every fourth message misspelled by a swap of two letters so the dictionaries also meet
 * words their caches have not seen. Prints the one-off start-up (dictionaries and lexicons), then conversations and
 * messages checked per second, and what that makes of the issue's target: a month of a 100k-ticket account on 2 cores.
 * Usage: npm run autoqa:bench [-- tickets] (default 5000).
 */
import { createChecks, runChecks } from '../src/server/autoqa/checks.ts';
import type { Conversation, ConversationComment } from '../src/server/autoqa/conversation.ts';
import { preloadDictionaries } from '../src/server/autoqa/dictionaries.ts';
import { ALLOW_LIST, LABELLED_SET, type LabelledMessage } from '../src/server/autoqa/labelled-set.ts';
import { sentimentEngine } from '../src/server/autoqa/sentiment-lexicon.ts';

const TICKETS = Number(process.argv[2] ?? 5000);
const TARGET_TICKETS = 100_000;
const TARGET_CORES = 2;

let seed = 16;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

function misspell(text: string): string {
  return text.replace(/\p{L}{5,}/gu, (w) => {
    if (rnd() > 0.1) return w;
    const i = 1 + Math.floor(rnd() * (w.length - 3));
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  });
}

function conversations(n: number): Conversation[] {
  const by = (language: string, role: string) => LABELLED_SET.filter((m) => m.language === language && m.role === role);
  const pools: Record<string, { agent: LabelledMessage[]; customer: LabelledMessage[] }> = {
    en: { agent: by('en', 'agent'), customer: by('en', 'end-user') },
    de: { agent: by('de', 'agent'), customer: by('de', 'end-user') },
  };
  const out: Conversation[] = [];
  for (let t = 0; t < n; t++) {
    const pool = pools[rnd() < 0.6 ? 'en' : 'de']!;
    const length = 2 + Math.floor(rnd() * 5);
    const comments: ConversationComment[] = [];
    for (let i = 0; i < length; i++) {
      const customer = i % 2 === 0;
      const text = pick(customer ? pool.customer : pool.agent).text;
      comments.push({
        id: t * 10 + i,
        authorId: customer ? 1 : 2,
        authorRole: customer ? 'end-user' : 'agent',
        public: customer || rnd() > 0.06,
        body: rnd() < 0.25 ? misspell(text) : text,
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, t, i)).toISOString(),
      });
    }
    out.push({
      ticketId: t,
      comments,
      metrics: { firstReplyMinutes: Math.floor(rnd() * 600), fullResolutionMinutes: Math.floor(rnd() * 6000), reopens: 0, csat: null },
      names: ['Jonas Weber', 'Priya Nair'],
    });
  }
  return out;
}

let started = performance.now();
preloadDictionaries();
sentimentEngine();
const startup = performance.now() - started;

const checks = createChecks({ allowList: ALLOW_LIST });
const warmup = conversations(200);
for (const c of warmup) await runChecks(checks, c);

const work = conversations(TICKETS);
const messages = work.reduce((sum, c) => sum + c.comments.filter((m) => m.public).length, 0);
const spent = new Map(checks.map((c) => [c.id, 0]));
started = performance.now();
for (const c of work) {
  for (const check of checks) {
    const t = performance.now();
    await check.run(c);
    spent.set(check.id, spent.get(check.id)! + performance.now() - t);
  }
}
const seconds = (performance.now() - started) / 1000;

const perSecond = TICKETS / seconds;
const targetMinutes = TARGET_TICKETS / (perSecond * TARGET_CORES) / 60;
console.log(`start-up (dictionaries, lexicons), once per process: ${(startup / 1000).toFixed(1)} s`);
console.log(`${TICKETS} conversations, ${messages} public messages, ${checks.length} checks each, one core: ${seconds.toFixed(1)} s`);
console.log(`${perSecond.toFixed(0)} conversations/s, ${(messages / seconds).toFixed(0)} messages/s per core`);
console.log(
  `a month of a ${TARGET_TICKETS / 1000}k-ticket account on ${TARGET_CORES} cores: ${targetMinutes.toFixed(1)} min (target: under 10)`,
);
console.log(
  `time per check (the first also reads the conversation: language, masking): ${[...spent].map(([id, ms]) => `${id} ${((100 * ms) / (seconds * 1000)).toFixed(0)}%`).join(', ')}`,
);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
