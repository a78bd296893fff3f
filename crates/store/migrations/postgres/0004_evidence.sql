-- Evidence through the year and the self-report. Keep identical in shape between ../sqlite and
-- ../postgres.

CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    -- file | link | note
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- YYYY-MM-DD, the day the evidence is from
    taken_on TEXT,
    -- JSON: {"indicators": ["1.1"], "challenges": [0]}
    targets TEXT NOT NULL,
    blob_key TEXT,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    url TEXT NOT NULL,
    -- JSON: pages, duration_seconds, width, height, thumbnail (a blob key), inline
    meta TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    deleted_at BIGINT,
    deleted_by TEXT REFERENCES people(id)
);
CREATE INDEX evidence_agreement ON evidence(agreement_id);

-- A resumable upload in progress: the bytes are staged on the receiving node's disk.
CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    -- JSON: title, description, date, indicators, challenges
    details TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE self_reports (
    agreement_id TEXT PRIMARY KEY REFERENCES agreements(id),
    content TEXT NOT NULL,
    -- draft | submitted
    state TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    submitted_at BIGINT,
    updated_at BIGINT NOT NULL
);
