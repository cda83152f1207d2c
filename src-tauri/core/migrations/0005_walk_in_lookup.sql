-- Enqueueing a change to a visitor looks up the walk-in that created it (by server id). An
-- index keeps that O(log n): without it every enqueue scanned the whole queue history, and
-- with 100,000 operations kept an enqueue took milliseconds instead of well under one.
CREATE INDEX operations_walk_in_server_ids ON operations (server_ids) WHERE kind = 'walk_in';
