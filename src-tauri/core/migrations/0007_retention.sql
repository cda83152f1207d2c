-- Personal data kept no longer than the space's retention setting. The overlay, the check-in
-- history and the purge read by account and time: these make them independent of how much
-- history the tables hold.
CREATE INDEX operations_by_account_updated ON operations (account, updated_at);
CREATE INDEX operations_by_account_kind_created ON operations (account, kind, created_at);
CREATE INDEX operations_finished_by_age ON operations (updated_at)
    WHERE state IN ('done', 'discarded');
CREATE INDEX announced_by_age ON announced_arrivals (announced_at);
CREATE INDEX visitors_by_expected ON visitors (expected_at);
CREATE INDEX visitors_by_account_time ON visitors (account, expected_at);
