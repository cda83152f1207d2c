-- Non-secret preferences: last sign-in email, space address, mode, location.
-- Tokens are never stored here: they live in the OS keyring only.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
