-- Arrivals already announced on this computer, so a restart, a reconnect or a second poll
-- never announces one twice.
CREATE TABLE announced_arrivals (
    account      TEXT NOT NULL,
    visitor_id   INTEGER NOT NULL,
    event        TEXT NOT NULL,     -- 'arrived', or 'approval:<status>'
    announced_at TEXT NOT NULL,
    PRIMARY KEY (account, visitor_id, event)
) STRICT;
