// Scores answers against a scorecard from files, for admins checking a scorecard and for scripts: the scores, and the
// points earned and possible per section and in all (bonus apart, with the card's maxScore).
// Usage: npm run --silent score -- SCORECARD.json ANSWERS.json
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Answers, checkAnswers } from '../src/core/answers.ts';
import { parseWith, type Parsed } from '../src/core/issues.ts';
import { ScorecardDefinition } from '../src/core/scorecard.ts';
import { scoreEvaluation } from '../src/core/scoring.ts';

export const USAGE = 'usage: npm run --silent score -- SCORECARD.json ANSWERS.json';

export interface ScoreOutcome {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export type ReadText = (path: string) => string;

function readJson(path: string, read: ReadText): Parsed<unknown> {
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    return { ok: false, errors: [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, errors: [`not valid JSON (${(e as Error).message})`] };
  }
}

const inFile = (file: string, errors: string[]) => errors.map((e) => `${file}: ${e}`);

/** The whole command as a function of its arguments, so the same rules hold for tests and the CLI. */
export function runScore(args: readonly string[], read: ReadText): ScoreOutcome {
  if (args.length !== 2) return { code: 2, stdout: '', stderr: `${USAGE}\n` };
  const [cardFile, answersFile] = args as [string, string];
  const cardJson = readJson(cardFile, read);
  const answersJson = readJson(answersFile, read);
  const card = cardJson.ok ? parseWith(ScorecardDefinition, cardJson.value) : cardJson;
  const answers = answersJson.ok ? parseWith(Answers, answersJson.value) : answersJson;
  const errors = [...(card.ok ? [] : inFile(cardFile, card.errors)), ...(answers.ok ? [] : inFile(answersFile, answers.errors))];
  if (card.ok && answers.ok) {
    const problems = checkAnswers(card.value, answers.value, { requireComments: false });
    errors.push(
      ...inFile(
        answersFile,
        problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)),
      ),
    );
  }
  if (errors.length > 0 || !card.ok || !answers.ok) return { code: 1, stdout: '', stderr: errors.map((e) => `${e}\n`).join('') };

  const r = scoreEvaluation(card.value, answers.value);
  // points beside each score (decision 027): earned includes bonus, possible does not, bonusPossible is what bonus
  // criteria could add; maxScore is 100, or the card's declared maximum with bonus
  const out = {
    rawScore: r.rawScore,
    finalScore: r.finalScore,
    passed: r.passed,
    criticalFailures: r.criticalFailures,
    sections: r.sections.map((s) => ({ id: s.id, score: s.score, earned: s.earned, possible: s.possible, bonusPossible: s.bonusPossible })),
    earned: r.earned,
    possible: r.possible,
    bonusPossible: r.bonusPossible,
    maxScore: r.maxScore,
  };
  return { code: 0, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: '' };
}

// Runs only as a command, never on import.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = runScore(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
