-- The offline queue: every change a person makes is written here first and acknowledged at
-- once; the sync engine delivers it to Nexudus later, exactly once.
CREATE TABLE operations (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of creation
    id              TEXT NOT NULL UNIQUE,               -- client id, UUIDv7
    account         TEXT NOT NULL,                      -- "email on server"
    kind            TEXT NOT NULL,
    visitor_key     TEXT NOT NULL,                      -- operations on one visitor apply in order
    payload         TEXT NOT NULL,                      -- the operation, JSON
    state           TEXT NOT NULL CHECK (state IN
                      ('pending', 'in_flight', 'uncertain', 'done', 'needs_attention', 'discarded')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    send_alone      INTEGER NOT NULL DEFAULT 0,         -- leave out of batched requests
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    error_fields    TEXT,                               -- JSON [{field, message}]
    server_ids      TEXT                                -- JSON [id, ...] once known
) STRICT;

CREATE INDEX operations_open ON operations (account, state)
    WHERE state NOT IN ('done', 'discarded');
CREATE INDEX operations_by_key ON operations (visitor_key, seq);
