-- ThaiPA schema, PostgreSQL. Keep every table, column and order identical to ../sqlite/0001_init.sql
-- (a test compares the two). Portable types only: TEXT, BIGINT; ids are application-generated
-- UUIDs, timestamps are Unix milliseconds, JSON is TEXT.

CREATE TABLE units (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES units(id),
    kind TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    citizen_id TEXT UNIQUE,
    title TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    position TEXT NOT NULL,
    standing TEXT NOT NULL,
    salary_scale TEXT,
    salary TEXT,
    email TEXT UNIQUE,
    phone TEXT,
    active BIGINT NOT NULL DEFAULT 1,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_unit ON people(unit_id);

CREATE TABLE accounts (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE role_grants (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    unit_id TEXT REFERENCES units(id),
    created_at BIGINT NOT NULL,
    UNIQUE (person_id, role, unit_id)
);
CREATE INDEX role_grants_person ON role_grants(person_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(throttle_key, at);

CREATE TABLE cycles (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    fiscal_year BIGINT NOT NULL,
    status TEXT NOT NULL,
    submit_deadline TEXT,
    approve_deadline TEXT,
    evaluate_deadline TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (unit_id, fiscal_year)
);

CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    fiscal_year BIGINT NOT NULL,
    form_id TEXT NOT NULL,
    state TEXT NOT NULL,
    content TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (person_id, fiscal_year)
);

CREATE TABLE agreement_versions (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    number BIGINT NOT NULL,
    state TEXT NOT NULL,
    content TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    UNIQUE (agreement_id, number)
);

CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    version_number BIGINT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES people(id),
    decision TEXT NOT NULL,
    suggestions TEXT NOT NULL,
    field_comments TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE committees (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    round BIGINT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (agreement_id, round)
);

CREATE TABLE committee_members (
    id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL REFERENCES committees(id),
    person_id TEXT REFERENCES people(id),
    seat TEXT NOT NULL,
    eligibility TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE score_sheets (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL UNIQUE REFERENCES committee_members(id),
    state TEXT NOT NULL,
    comments TEXT NOT NULL,
    workload_met BIGINT,
    signed_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL
);

CREATE TABLE score_items (
    sheet_id TEXT NOT NULL REFERENCES score_sheets(id),
    item TEXT NOT NULL,
    level BIGINT NOT NULL,
    PRIMARY KEY (sheet_id, item)
);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_after BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    done_at BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(done_at, run_after);

CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_id);
