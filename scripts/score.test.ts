import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real command: node with tsx, run in a temp dir so file names in messages are as typed.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'scripts', 'score.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let dir: string;

function score(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, SCRIPT, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const write = (name: string, value: unknown) => writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));

const scorecard = {
  name: 'Tiny',
  method: 'weighted-criteria',
  sections: [
    { id: 'a', name: 'A', criteria: [{ id: 'x', label: 'X', weight: 3, scale: { preset: 'binary' } }] },
    {
      id: 'b',
      name: 'B',
      criteria: [
        { id: 'y', label: 'Y', weight: 1, scale: { preset: '3-point' }, critical: { effect: 'zero' } },
        { id: 'z', label: 'Z', weight: 1, scale: { preset: 'binary' }, allowNA: true, commentRequiredAtOrBelow: 0 },
      ],
    },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'score-cli-'));
  copyFileSync(join(ROOT, 'examples', 'email-scorecard.json'), join(dir, 'email-scorecard.json'));
  copyFileSync(join(ROOT, 'examples', 'email-answers.json'), join(dir, 'email-answers.json'));
  write('scorecard.json', scorecard);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run score', () => {
  it('scores the README example: one JSON object on stdout, exit 0', () => {
    const r = score('email-scorecard.json', 'email-answers.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'rawScore',
      'finalScore',
      'passed',
      'criticalFailures',
      'sections',
      'earned',
      'possible',
      'bonusPossible',
      'maxScore',
    ]);
    // (10 * 100 + 20 * 100 + 40 * 75 + 20 * 75) / 90; compliance is N/A and drops out
    expect(out.rawScore).toBeCloseTo(250 / 3, 10);
    expect(out).toMatchObject({ passed: true, criticalFailures: [] });
    expect((out.sections as Array<{ id: string; score: number | null }>).map((x) => [x.id, x.score])).toEqual([
      ['opening', 100],
      ['understanding', 100],
      ['solution', 75],
      ['tone', 75],
      ['compliance', null],
    ]);
    // weighted-sections: the points view (6.75 of 8) is the answers' weights, not the sections' mix
    expect(out).toMatchObject({ earned: 6.75, possible: 8, bonusPossible: 0, maxScore: 100 });
  });

  it('keeps raw and final apart on a critical failure, unrounded', () => {
    // rating z at 0 has a comment rule, which the command does not enforce
    write('fail.json', [
      { criterionId: 'x', rating: 1 },
      { criterionId: 'y', rating: 0 },
      { criterionId: 'z', rating: 0 },
    ]);
    const r = score('scorecard.json', 'fail.json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      rawScore: 60,
      finalScore: 0,
      passed: false,
      criticalFailures: ['y'],
      sections: [
        { id: 'a', score: 100, earned: 3, possible: 3, bonusPossible: 0 },
        { id: 'b', score: 0, earned: 0, possible: 2, bonusPossible: 0 },
      ],
      earned: 3,
      possible: 5,
      bonusPossible: 0,
      maxScore: 100,
    });
  });

  it('prints null where nothing was scored', () => {
    write('zero-x.json', [
      { criterionId: 'x', rating: 1 },
      { criterionId: 'y', rating: 1 },
      { criterionId: 'z', na: true },
    ]);
    const r = score('scorecard.json', 'zero-x.json');
    expect(JSON.parse(r.stdout).rawScore).toBeCloseTo(350 / 4, 10);
    write('tiny-na.json', {
      ...scorecard,
      sections: [{ id: 'only', name: 'Only', criteria: [{ id: 'n', label: 'N', weight: 1, scale: { preset: 'binary' }, allowNA: true }] }],
    });
    write('all-na.json', [{ criterionId: 'n', na: true }]);
    expect(JSON.parse(score('tiny-na.json', 'all-na.json').stdout)).toEqual({
      rawScore: null,
      finalScore: null,
      passed: null,
      criticalFailures: [],
      sections: [{ id: 'only', score: null, earned: 0, possible: 0, bonusPossible: 0 }],
      earned: 0,
      possible: 0,
      bonusPossible: 0,
      maxScore: 100,
    });
  });

  it('prints points earned and possible per section, bonus apart, for a format-2 card', () => {
    copyFileSync(join(ROOT, 'examples', 'points-and-bonus-scorecard.json'), join(dir, 'points-card.json'));
    copyFileSync(join(ROOT, 'examples', 'points-and-bonus-answers.json'), join(dir, 'points-answers.json'));
    const r = score('points-card.json', 'points-answers.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // 30 + 45 + 20 of 100, and 15 of 20 bonus points: 110, up to 120; the non-scoring refund question counts nowhere
    expect(out.sections).toEqual([
      { id: 'understanding', score: 100, earned: 30, possible: 30, bonusPossible: 0 },
      { id: 'solution', score: 90, earned: 45, possible: 50, bonusPossible: 0 },
      { id: 'compliance', score: 100, earned: 20, possible: 20, bonusPossible: 0 },
      { id: 'extra', score: 75, earned: 15, possible: 0, bonusPossible: 20 },
    ]);
    expect(out).toMatchObject({ passed: true, criticalFailures: [], earned: 110, possible: 100, bonusPossible: 20, maxScore: 120 });
    expect(out.finalScore).toBeCloseTo(110, 10);
  });

  it.each([{ args: [] }, { args: ['scorecard.json'] }, { args: ['a', 'b', 'c'] }])(
    'wrong number of arguments $args: usage, exit 2',
    ({ args }) => {
      const r = score(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^usage: npm run --silent score -- SCORECARD\.json ANSWERS\.json\n$/);
    },
  );

  it('an unreadable file and invalid JSON are named, exit 1', () => {
    write('broken.json', '{ "name": ');
    const r = score('missing.json', 'broken.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('missing.json: cannot read the file (ENOENT)');
    expect(lines[1]).toMatch(/^broken\.json: not valid JSON \(.+\)$/);
  });

  it('a scorecard failing the schema: path-named errors, one per line, no stack trace', () => {
    write('bad-card.json', {
      ...scorecard,
      method: 'average',
      sections: [scorecard.sections[0], { ...scorecard.sections[1], criteria: [{ ...scorecard.sections[1]!.criteria[0], weight: -2 }] }],
    });
    write('ok.json', []);
    const r = score('bad-card.json', 'ok.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'bad-card.json: method: must be one of "weighted-criteria", "total-points", "weighted-sections"\n' +
        'bad-card.json: sections[1].criteria[0].weight: must be >= 0\n',
    );
  });

  it('answers failing the schema or the scorecard: named by path in the answers file', () => {
    write('bad-shape.json', [{ criterionId: 'x', rating: -1 }, { criterionId: 'y' }]);
    expect(score('scorecard.json', 'bad-shape.json')).toMatchObject({
      code: 1,
      stderr: 'bad-shape.json: [0].rating: must be >= 0\nbad-shape.json: [1]: give exactly one of "rating" or "na": true\n',
    });
    write('bad-rules.json', [
      { criterionId: 'x', na: true },
      { criterionId: 'y', rating: 3 },
      { criterionId: 'w', rating: 0 },
    ]);
    expect(score('scorecard.json', 'bad-rules.json')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: [
        'bad-rules.json: [0].na: criterion "x" does not allow N/A',
        'bad-rules.json: [1].rating: criterion "y" has 3 options: rating must be 0 to 2',
        'bad-rules.json: [2].criterionId: no criterion "w" in this scorecard',
        'bad-rules.json: criterion "z" is not answered',
        '',
      ].join('\n'),
    });
  });
});
