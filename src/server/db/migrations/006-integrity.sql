-- Integrity rules (docs/decisions/016-integrity-rules.md): a lock version on every evaluation, acknowledgement
-- tracking, and the history entry's reason (e.g. the dispute resolution an amendment belongs to).

-- optimistic lock: +1 on every change (amend, withdraw, acknowledge, dispute, resolve); writers send the one they read
ALTER TABLE evaluations ADD COLUMN lock_version integer NOT NULL DEFAULT 1;
-- the lock version the reviewee acknowledged (null: never acknowledged)
ALTER TABLE evaluations ADD COLUMN acknowledged_version integer;
-- amended after the reviewee acknowledged it: the status went back to 'submitted' and the agent is asked again
ALTER TABLE evaluations ADD COLUMN changed_since_acknowledgement boolean NOT NULL DEFAULT false;

-- why a history entry was written, beyond its action: { "resolutionId": ..., "criterionIds": [...] } for a dispute's amendment
ALTER TABLE evaluation_history ADD COLUMN detail jsonb NOT NULL DEFAULT '{}';
