-- The committee's evaluation: the period and round a committee serves, who appointed it and by
-- when it scores, the PA 3 result frozen at finalisation, each seat's recorded basis and
-- ordinal, and outside experts registered as people. Keep identical in shape between
-- ../sqlite and ../postgres.

ALTER TABLE committees ADD COLUMN period BIGINT NOT NULL DEFAULT 0;
-- The round this one re-evaluates or follows (NULL: the first).
ALTER TABLE committees ADD COLUMN follows_id TEXT REFERENCES committees(id);
ALTER TABLE committees ADD COLUMN appointed_by TEXT REFERENCES people(id);
-- The date (YYYY-MM-DD) the sheets are due.
ALTER TABLE committees ADD COLUMN deadline TEXT;
-- domain::scoring::Outcome as JSON, written when the chair finalises; NULL before.
ALTER TABLE committees ADD COLUMN outcome TEXT;
ALTER TABLE committees ADD COLUMN finalized_at BIGINT;
ALTER TABLE committees ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX committees_follows ON committees(follows_id);

-- 0 for the chair, then 1, 2 for the members: the order PA 3 prints them in.
ALTER TABLE committee_members ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0;
-- ตำแหน่ง under the member's signature, as recorded at appointment.
ALTER TABLE committee_members ADD COLUMN position_text TEXT NOT NULL DEFAULT '';
CREATE INDEX committee_members_committee ON committee_members(committee_id);
CREATE INDEX committee_members_person ON committee_members(person_id);

-- An outside expert (ผู้ทรงคุณวุฒิภายนอก) registered for committee seats, not on any unit's staff.
ALTER TABLE people ADD COLUMN external BIGINT NOT NULL DEFAULT 0;
