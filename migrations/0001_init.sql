-- 和解台 initial schema. The events table is the append-only audit log; the rest are projections
-- and reference data. Never edit this file once landed: add a new migration.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE mediators (
    id           TEXT PRIMARY KEY,           -- UUID v7
    name         TEXT NOT NULL,
    category     TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    specialities TEXT NOT NULL DEFAULT '[]', -- JSON array
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,            -- UUID v7
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('judge', 'mediator', 'clerk')),
    mediator_id TEXT REFERENCES mediators(id),
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

-- Per court, type and year: the last sequence number given out.
CREATE TABLE counters (
    court     TEXT NOT NULL,
    type_code TEXT NOT NULL,
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (court, type_code, year)
) WITHOUT ROWID;

-- Every number given out (执前调 for cases, 执保 for the clerk's preservation cases...).
CREATE TABLE case_numbers (
    number       TEXT PRIMARY KEY,
    court        TEXT NOT NULL,
    type_code    TEXT NOT NULL,
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    case_id      TEXT,
    note         TEXT NOT NULL DEFAULT '',
    allocated_at TEXT NOT NULL
);

CREATE TABLE cases (
    id            TEXT PRIMARY KEY,          -- UUID v7
    number        TEXT NOT NULL UNIQUE,
    stage         TEXT NOT NULL,
    open          INTEGER NOT NULL,
    received_on   TEXT NOT NULL,
    due_on        TEXT,                      -- next deadline (NULL: none)
    due_sort      TEXT NOT NULL,             -- due_on, or '9999-12-31' so the list sorts without NULLs
    mediator_id   TEXT,
    claim_fen     INTEGER NOT NULL,
    applicants    TEXT NOT NULL,
    respondents   TEXT NOT NULL,
    file          TEXT NOT NULL,             -- the case file (JSON), the projection of its events
    head_event_id TEXT,
    event_count   INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL
);
CREATE INDEX cases_worklist ON cases (open, due_sort, number);
CREATE INDEX cases_due ON cases (due_sort, number);
CREATE INDEX cases_stage ON cases (stage, due_sort, number);
CREATE INDEX cases_mediator ON cases (mediator_id, due_sort);

CREATE TABLE parties (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES cases(id),
    side      TEXT NOT NULL,
    name      TEXT NOT NULL,
    id_number TEXT NOT NULL
);
CREATE INDEX parties_case ON parties (case_id);
CREATE INDEX parties_id_number ON parties (id_number);
CREATE INDEX parties_name ON parties (name);

-- Two-character pieces of every party and agent name, so that a 2-character part of a Chinese name
-- finds its cases through an index instead of a scan.
CREATE TABLE name_grams (
    gram       TEXT NOT NULL,
    case_rowid INTEGER NOT NULL,             -- cases.rowid: small keys keep this index compact
    PRIMARY KEY (gram, case_rowid)
) WITHOUT ROWID;

CREATE TABLE events (
    id           TEXT PRIMARY KEY,           -- UUID v7
    case_id      TEXT NOT NULL REFERENCES cases(id),
    seq          INTEGER NOT NULL,
    prev_id      TEXT,                       -- the case's previous event: a chain that shows divergence
    at           TEXT NOT NULL,              -- UTC instant
    actor_id     TEXT NOT NULL,
    actor_name   TEXT NOT NULL,
    actor_role   TEXT NOT NULL,
    action       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    stage_before TEXT,
    stage_after  TEXT NOT NULL,
    payload      TEXT NOT NULL,              -- the event (JSON)
    UNIQUE (case_id, seq)
);

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
