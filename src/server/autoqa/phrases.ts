/**
 * The phrasings the phrase checks look for, per language. Written as sources with `\b`, compiled with a word boundary
 * that knows letters beyond ASCII (JavaScript's `\b` does not: "Grüße" would end at "ü"), case-insensitive, one match
 * at a time (no /g state between calls).
 */
import type { Language } from './check.ts';

const L = '[\\p{L}\\p{N}_]';
const BOUNDARY = `(?:(?<!${L})(?=${L})|(?<=${L})(?!${L}))`;

export function phrase(source: string, flags = ''): RegExp {
  return new RegExp(source.replaceAll('\\b', BOUNDARY), `iu${flags}`);
}

const lines = (...sources: string[]) => sources.map((s) => phrase(s, 'm'));
const anywhere = (...sources: string[]) => sources.map((s) => phrase(s));

export type Phrases = Record<Language, readonly RegExp[]>;

/** A salutation or an opening thanks at the start of a line of the reply's opening, with the name after it. */
export const GREETINGS: Phrases = {
  en: lines(
    '^[ \\t]*(?:hi|hello|hey|hiya|heya|howdy|dear|greetings|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|welcome)\\b[^\\n,!.:;]{0,40}[,!.:]?',
    '^[ \\t]*(?:(?:many |big )?thanks|thank you)(?: so much| very much| kindly)? for (?:reaching out|contacting|getting in touch|writing|your (?:message|email|e-mail|mail|patience|request|question|inquiry|enquiry|reply|ticket|note))\\b',
    "^[ \\t]*(?:i )?hope (?:you(?:'re|’re| are) (?:well|doing well|having)|this (?:e-?mail|message|note) finds you)\\b",
  ),
  de: lines(
    '^[ \\t]*(?:hallo|hi|hey|hello|moin(?: moin)?|servus|grüß gott|grüezi|grüß dich|guten (?:morgen|tag|abend)|sehr geehrte[rs]?|liebe[rs]?|werte[rs]?|(?:herzlich )?willkommen)\\b[^\\n,!.:;]{0,40}[,!.:]?',
    '^[ \\t]*(?:(?:vielen|herzlichen|besten|lieben) )?dank(?:e)?(?: schön| sehr)? für (?:ihre|deine|die|ihr|dein|eure) (?:nachricht|anfrage|e-?mail|mail|geduld|rückmeldung|kontaktaufnahme|bestellung|frage|meldung)\\b',
    '^[ \\t]*(?:vielen )?dank(?:e)?,? dass (?:sie|du) (?:sich|dich) (?:bei uns )?(?:gemeldet|an uns gewandt)',
  ),
};

const EN_SIGN_OFFS = [
  '\\b(?:(?:best|kind|kindest|warm|warmest|many) )?regards\\b',
  '\\b(?:best wishes|all the best|cheers|sincerely|respectfully|yours (?:truly|sincerely|faithfully)|take care|talk soon|speak soon|thanks again|thanks so much|many thanks|with thanks|thank you again)\\b',
];

/** A sign-off: what follows it is the signature (names, not prose). */
export const SIGN_OFFS: Phrases = {
  en: [...anywhere(...EN_SIGN_OFFS), ...lines('^[ \\t]*(?:best|thanks|thank you|thx|cheers)[ \\t]*[,!.]?[ \\t]*$')],
  de: [
    ...anywhere(
      '\\b(?:mit )?(?:freundlichen|besten|herzlichen|lieben|vielen|schönen|sonnigen|kollegialen|netten) grü(?:ß|ss)en\\b',
      '\\b(?:viele|beste|liebe|herzliche|freundliche|schöne|sonnige|nette) grü(?:ß|ss)e\\b',
      '\\bhochachtungsvoll\\b',
      ...EN_SIGN_OFFS,
    ),
    ...lines(
      '^[ \\t]*(?:lg|vg|mfg|bg|gruß|gruss|grüße|ciao|tschüss|tschüs|servus|danke|vielen dank|bis bald)[ \\t]*[,!.]?(?:[ \\t]+\\p{Lu}\\p{L}*)?[ \\t]*$',
    ),
  ],
};

/** A sign-off, a good wish or an offer of further help near the end of the last reply. */
export const CLOSINGS: Phrases = {
  en: [
    ...SIGN_OFFS.en,
    ...anywhere(
      '\\bhave an? (?:great|nice|good|lovely|wonderful|fantastic|pleasant|awesome) (?:day|weekend|evening|week|one|afternoon|rest of (?:the|your) (?:day|week))\\b',
      '\\benjoy (?:your|the) (?:day|weekend|evening|trip|holiday|holidays|stay|new)\\b',
      "\\blet (?:me|us) know if (?:you (?:have|need|run|still)|there(?:'s|’s| is)|anything|we can|i can|this|that|the)\\b",
      "\\b(?:feel free to (?:reach out|contact|get in touch|reply|write|let us know)|(?:don't|don’t|do not) hesitate to|reach out (?:anytime|any time|again)|(?:always )?happy to help)\\b",
      '\\b(?:is there anything else|anything else (?:i|we) can (?:help|do))\\b',
    ),
  ],
  de: [
    ...SIGN_OFFS.de,
    ...anywhere(
      '\\b(?:einen |eine |ein )?schöne[ns]? (?:tag|abend|feierabend|sonntag|woche|wochenende|start in die woche|nachmittag)(?: noch)?\\b',
      '\\bkann ich (?:sonst |ihnen |dir )*(?:noch )?(?:etwas|irgendetwas|mehr) für (?:sie|dich) tun\\b',
      '\\b(?:bei|für) (?:weitere[n]?|andere[n]?|alle[n]? weiteren) (?:fragen|anliegen)\\b',
      '\\b(?:melden sie sich|meld dich|wenden sie sich|kommen sie|sprechen sie uns|schreiben sie uns) (?:gerne|gern|jederzeit)\\b',
      '\\b(?:zögern sie nicht|stehe(?:n)? (?:ich|wir) (?:ihnen |dir )?(?:gerne |jederzeit )*zur verfügung|alles gute)\\b',
    ),
  ],
};

/** Taking responsibility for a failing: sorry for/about/that, apologies, regret; never "no need to apologise". */
export const APOLOGIES: Phrases = {
  en: [
    ...anywhere(
      "\\b(?:i'm|i’m|i am|we're|we’re|we are|i|we)(?: so| very| really| truly| terribly| deeply| sincerely)? sorry (?:that|again|once again)\\b",
      '\\bsorry (?:for|about)\\b',
      "\\b(?:i'm|i’m|i am|we're|we’re|we are)(?: so| very| really| truly)? sorry (?:we|i)\\b",
      "(?<!(?:no need|don't need|don’t need|not) to )\\bapolog(?:ise|ize|ising|izing|ies|y)\\b",
      '\\b(?:we|i) (?:deeply |sincerely )?regret (?:the|any|that|this)\\b',
    ),
    ...lines('^[ \\t]*(?:so |very |really )?sorry(?: for| about| again|[ \\t]*[,!.])'),
  ],
  de: [
    ...anywhere(
      '(?<!nicht zu |nicht )\\bentschuldig(?:en|ung|t|e)\\b',
      '\\b(?:tut|täte) (?:mir|uns)(?: sehr| wirklich| aufrichtig| echt| so)? leid\\b(?!,? (?:das |dies )?zu hören)',
      '\\b(?:verzeihen sie|verzeihung|wir bedauern|ich bedauere)\\b',
      '\\bsorry (?:für|wegen)\\b',
    ),
    ...lines('^[ \\t]*sorry[ \\t]*[,!.]'),
  ],
};

/** Acknowledging the customer's feelings or view: sorry to hear, I understand how..., that must be frustrating. */
export const EMPATHY: Phrases = {
  en: anywhere(
    '\\bsorry to (?:hear|read|learn|see)\\b',
    "\\b(?:i|we)(?: completely| totally| fully| really| can| can certainly| definitely| absolutely)? (?:understand|imagine|appreciate) (?:how|why|your (?:frustration|concern|disappointment|situation|worry|annoyance)|that (?:this|it|that)(?:'s|’s| is| has| must| was)|what a|the frustration)\\b",
    '\\b(?:i|we) can (?:see|tell) (?:how|why)\\b',
    "\\bthat(?:'s|’s| is| was| sounds| must be| must have been)(?: really| so| very| understandably| incredibly)? (?:frustrating|annoying|stressful|inconvenient|disappointing|upsetting|worrying|not (?:ok|okay|acceptable|great))\\b",
    '\\b(?:how|so|really|very) (?:frustrating|annoying|stressful|disappointing|upsetting)\\b',
    "\\b(?:i hear you|i feel you|you(?:'re|’re| are) (?:absolutely |completely |totally |quite )?right|understandably|completely understandable|totally understandable|i know how (?:frustrating|annoying|important|stressful))\\b",
  ),
  de: anywhere(
    '\\b(?:ich|wir) (?:kann|können)(?: das| dies| ihren ärger| ihre frustration| ihren frust| ihre enttäuschung)?(?: gut| sehr gut| absolut| vollkommen| total| völlig)? (?:verstehen|nachvollziehen)\\b',
    '\\b(?:ich|wir) versteh(?:e|en)(?: gut| sehr gut| vollkommen| absolut| total| natürlich)?,? (?:ihren|ihre|deinen|deine|dass|wie|ihr|dein)\\b',
    '\\b(?:ich|wir) wei(?:ß|ss)(?: genau)?,? wie (?:wichtig|ärgerlich|frustrierend|stressig|nervig)\\b',
    '\\b(?:das|dies) (?:ist|war|klingt)(?: wirklich| natürlich| sehr| absolut| verständlicherweise| echt)? (?:ärgerlich|frustrierend|unangenehm|nervig|stressig|verständlich|nachvollziehbar|enttäuschend)\\b',
    '\\b(?:wie|sehr|total|echt) (?:ärgerlich|frustrierend|unangenehm)\\b',
    '\\bleid,? (?:das |dies )?zu hören\\b',
    '\\b(?:verständlicherweise|ich kann mir (?:gut )?vorstellen|sie haben (?:völlig |vollkommen |absolut |natürlich |völlig )?recht|du hast (?:völlig |vollkommen |absolut )?recht)\\b',
    '\\b(?:ihren|ihre|deinen|deine) (?:ärger|frust|frustration|enttäuschung|unmut|sorge|sorgen)\\b',
  ),
};
