-- Scorecard format 2 (docs/decisions/027-scorecard-format-2.md): what each answer row says beyond its fraction.
-- Scores above 100 (bonus, up to a card's maxScore of 1000) need nothing here: no CHECK bounds a score, and the
-- report rollups (002) keep sums and counts in double precision and bigint.

-- whether the answer counts as a failure of its criterion (core's optionFails: an option's countsAsFail, else the
-- fraction below the criterion's failBelow, default 0.5); null for N/A and for non-scoring criteria
ALTER TABLE evaluation_answers ADD COLUMN failed boolean;
-- false for a non-scoring criterion (answered and reported, never in the score)
ALTER TABLE evaluation_answers ADD COLUMN scoring boolean NOT NULL DEFAULT true;
-- a bonus criterion (its own flag or its section's): earned points count, possible points do not
ALTER TABLE evaluation_answers ADD COLUMN bonus boolean NOT NULL DEFAULT false;

-- rows stored before format 2 failed below half marks, as the reports computed it
UPDATE evaluation_answers SET failed = fraction < 0.5 WHERE NOT na AND fraction IS NOT NULL;

-- rows of format-2 versions (stored through the API before this migration) by their criterion's own rules, as
-- answerRows writes them from now on
UPDATE evaluation_answers a SET
  scoring = c.scoring,
  bonus = c.bonus,
  failed = CASE
    WHEN a.na OR a.fraction IS NULL OR NOT c.scoring THEN NULL
    ELSE coalesce((c.criterion -> 'scale' -> 'options' -> a.rating ->> 'countsAsFail')::boolean,
                  a.fraction < coalesce((c.criterion ->> 'failBelow')::float8, 0.5))
  END
FROM (
  SELECT e.account, e.id AS evaluation_id, criterion,
         coalesce((criterion ->> 'scoring')::boolean, true) AS scoring,
         coalesce((section ->> 'bonus')::boolean, false) OR coalesce((criterion ->> 'bonus')::boolean, false) AS bonus
    FROM evaluations e
    JOIN scorecard_versions v ON v.account = e.account AND v.scorecard_id = e.scorecard_id AND v.version = e.scorecard_version
    CROSS JOIN LATERAL jsonb_array_elements(v.definition -> 'sections') AS section
    CROSS JOIN LATERAL jsonb_array_elements(section -> 'criteria') AS criterion
   WHERE v.definition ->> 'formatVersion' = '2'
) c
WHERE a.account = c.account AND a.evaluation_id = c.evaluation_id AND a.criterion_id = c.criterion ->> 'id';
