-- The agreement workflow: who was asked to decide, since when the agreement is in its state,
-- and in-app notifications. SQLite; keep identical in shape to ../postgres/0002_workflow.sql.

-- The approver recorded at the last submission or amendment request (NULL: none found).
ALTER TABLE agreements ADD COLUMN approver_id TEXT REFERENCES people(id);
-- When the agreement entered its current state (Unix ms); the approver's inbox sorts by it.
ALTER TABLE agreements ADD COLUMN state_since BIGINT;
UPDATE agreements SET state_since = updated_at;
CREATE INDEX agreements_approver ON agreements(approver_id, state);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    agreement_id TEXT REFERENCES agreements(id),
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_person ON notifications(person_id, created_at);
