-- Several processes share one data folder (the app and `frontdesk sync --once` from cron).
-- `owner` names the drain that claimed an in-flight operation, so every later state change is
-- a compare-and-set on (state, owner) and a crash recovery touches only a dead drain's rows.
ALTER TABLE operations ADD COLUMN owner TEXT;
-- How many times an uncertain operation was looked for and not found: one look too early
-- (the server may still be applying it) must not cause a second send.
ALTER TABLE operations ADD COLUMN looks INTEGER NOT NULL DEFAULT 0;
-- What happened, for a person, when it was not simply sent: "Already checked in at 10:02
-- elsewhere; not sent again."
ALTER TABLE operations ADD COLUMN outcome TEXT;
