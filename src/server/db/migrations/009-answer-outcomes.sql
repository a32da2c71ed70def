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
