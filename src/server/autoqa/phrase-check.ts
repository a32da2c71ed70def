/**
 * A check that answers whether one of its phrasings occurs in a region of the agent's replies: yes with the phrase as
 * evidence, no with the region read as evidence. Greeting, closing, apology and empathy are such checks.
 */
import { applicable, type Check, type Evidence, evidenceOf, type Language, type NotApplicableResult, notApplicable } from './check.ts';
import { type Analysed, analyse, type Conversation, type Message } from './conversation.ts';
import { isSupported } from './language.ts';
import { GREETINGS, type Phrases, SIGN_OFFS } from './phrases.ts';
import { firstMatch } from './text.ts';

export interface Region {
  message: Message;
  from: number;
  to: number;
}

export interface PhraseCheckSpec {
  id: string;
  version: number;
  phrases: Phrases;
  /** what is read, in order; the first match decides */
  regions(analysed: Analysed): Region[];
  /** the note on a "no": what was read and not found */
  missing: string;
}

/** The agent's replies and their language, or why a check of the replies does not apply. */
export function readReplies(
  check: Pick<Check, 'id' | 'version'>,
  conversation: Conversation,
): { analysed: Analysed; language: Language } | NotApplicableResult {
  const analysed = analyse(conversation);
  if (analysed.agentReplies.length === 0) return notApplicable(check, 'no-agent-reply', 'the ticket has no public agent reply');
  const { language } = analysed;
  if (language === 'und') return notApplicable(check, 'too-short', 'too little text to tell its language');
  if (!isSupported(language)) return notApplicable(check, 'language-not-supported', `language ${language}`);
  return { analysed, language };
}

export function phraseCheck(spec: PhraseCheckSpec): Check {
  const check: Check = {
    id: spec.id,
    version: spec.version,
    run(conversation: Conversation) {
      const read = readReplies(check, conversation);
      if ('applicable' in read) return read;
      const { analysed, language } = read;
      const regions = spec.regions(analysed);
      for (const { message, from, to } of regions) {
        const found = firstMatch(message.masked, spec.phrases[language], from, to);
        if (found) {
          const evidence = evidenceOf(message.comment.id, message.comment.body, found.start, found.end);
          return applicable(check, { type: 'boolean', value: true }, [evidence], { language });
        }
      }
      const evidence: Evidence[] = regions.map(({ message, from, to }) =>
        evidenceOf(message.comment.id, message.comment.body, from, to, spec.missing),
      );
      return applicable(check, { type: 'boolean', value: false }, evidence, { language });
    },
  };
  return check;
}

/** The region of a message: its first `opening` or last `closing` characters, trimmed of blank space at the cut. */
export function opening(message: Message, length: number): Region {
  const body = message.masked;
  const start = body.length - body.trimStart().length;
  return { message, from: start, to: Math.min(body.trimEnd().length, start + length) };
}

export function ending(message: Message, length: number): Region {
  const end = message.masked.trimEnd().length;
  const start = message.masked.length - message.masked.trimStart().length;
  return { message, from: Math.max(start, end - length), to: end };
}

export function whole(message: Message): Region {
  return opening(message, message.masked.length);
}

/** The first reply's greeting window and the last reply's closing window (greeting.ts and closing.ts read these). */
export const GREETING_WINDOW = 200;
export const CLOSING_WINDOW = 350;

/** Spans of a reply that hold names rather than prose: its greeting (with the name) and everything after a sign-off. */
export function nonProse(message: Message, language: Language): [number, number][] {
  const out: [number, number][] = [];
  const open = opening(message, GREETING_WINDOW);
  const greeting = firstMatch(message.masked, GREETINGS[language], open.from, open.to);
  if (greeting) out.push([greeting.start, greeting.end]);
  const end = ending(message, CLOSING_WINDOW);
  const signOff = firstMatch(message.masked, SIGN_OFFS[language], end.from, end.to);
  if (signOff) out.push([signOff.start, message.masked.length]);
  return out;
}
