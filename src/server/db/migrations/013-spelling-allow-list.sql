-- The account's spelling allow-list (decision 030): product words and jargon the AutoQA spelling check accepts,
-- trimmed and de-duplicated case-insensitively by the service. Results computed with another list are stale (the
-- spelling check's part of autoqa_tickets.checks_key carries a hash of the list).
ALTER TABLE autoqa_settings ADD COLUMN spelling_allow text[] NOT NULL DEFAULT '{}';
