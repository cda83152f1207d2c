-- Visitors as last read from Nexudus, so the screens work offline. Queued changes are laid
-- over these rows when they are shown; the rows themselves only ever hold server data.
CREATE TABLE visitors (
    account     TEXT NOT NULL,
    id          INTEGER NOT NULL,
    business_id INTEGER,
    expected_at TEXT,               -- UTC, fixed width, for range queries
    record      TEXT NOT NULL,      -- JSON of the desk's view of the visitor
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (account, id)
) STRICT;

CREATE INDEX visitors_by_day ON visitors (account, business_id, expected_at);
