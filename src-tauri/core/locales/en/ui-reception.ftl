# ui-reception.ftl (en): the window's reception screens (today's list, scan, walk-in, on site
# now). Same rules as frontdesk.ftl: every language has these ids with the same variables.
# $name is a visitor's or a host's full name; $count and $total are numbers; times come
# already formatted in the desk's language.

## Reception: a visitor's row (buttons, their accessible names, confirmations)

reception-approve = Approve
    .aria-label = Approve { $name }
    .title = The visitor waits here and the host collects them
reception-send-up = Send up
    .aria-label = Send up { $name }
    .title = Approve and let the visitor go to the host's desk
reception-decline = Decline
    .aria-label = Decline { $name }
reception-decline-confirm = Decline the visit?
    .aria-label = Confirm: decline { $name }
reception-check-in = Check in
    .aria-label = Check in { $name }
reception-check-in-confirm-rejected = Declined by host: check in anyway?
    .aria-label = Confirm: check in { $name }, whom the host declined
reception-check-in-confirm-requested = Not approved yet: check in anyway?
    .aria-label = Confirm: check in { $name }, whom the host has not approved yet
reception-check-out = Check out
    .aria-label = Check out { $name }
reception-badge = Badge
    .aria-label = Badge for { $name }
reception-row-host = Host: { $name }
reception-row-code = Code { $code }

## Reception: what a row says about itself

reception-pending-sign-in = Waiting for sign-in
reception-pending-sync = Waiting to sync
reception-needs-attention = Needs attention
reception-approval-requested = Approval requested
reception-approval-rejected = Declined by host
reception-approval-accepted-and-hold = Host will collect
reception-approval-accepted-and-grant = Send up

## Reception: what someone else did to a row (shown on it for a while)

reception-elsewhere-added = Added at another desk
reception-elsewhere-checked-in = Checked in at another desk
reception-elsewhere-checked-out = Checked out at another desk
reception-elsewhere-approval = Host answered
reception-elsewhere-updated = Changed at another desk

## Reception: the lists

# $count rows of $total not shown yet are added.
reception-show-more = Show { $count } more of { $total }
# $names: the visitors' names, separated by commas; $count: how many.
reception-list-news =
    { $count ->
        [one] { $names }: cancelled or moved elsewhere, no longer in today's list.
       *[other] { $names }: cancelled or moved elsewhere, no longer in today's list.
    }
# One record Nexudus sent that could not be read, named in reception-unreadable's $ids.
reception-unreadable-id = Id { $id }
reception-unreadable-no-id = no Id
# $ids: the records' reception-unreadable-id (or -no-id), separated by commas.
reception-unreadable =
    { $count ->
        [one] { $count } visitor could not be read ({ $ids }). The rest of the list is shown; check it in Nexudus.
       *[other] { $count } visitors could not be read ({ $ids }). The rest of the list is shown; check them in Nexudus.
    }
# $location: the location's Nexudus id.
reception-location-not-visible = This desk's location ({ $location }) is set by your organisation, but this account cannot see it. Sign in with an account of that location, or tell your IT department.

## Reception: the sync line (its sentences follow one another)

reception-sync-offline = Offline: changes are kept and sent when Nexudus is reachable.
reception-sync-signed-out = Signed out: sign in to send waiting changes.
reception-sync-progress = Syncing { $done } of { $total }…
reception-sync-waiting =
    { $count ->
        [one] { $count } change waiting to sync.
       *[other] { $count } changes waiting to sync.
    }
reception-sync-done = Everything is synced.
reception-sync-attention =
    { $count ->
        [one] { $count } needs attention.
       *[other] { $count } need attention.
    }

## Scan: the line under the answer

scan-detail-host = Host: { $name }
scan-detail-code = Code { $code }

## Walk-in: choosing the host and the answer

walk-in-choose-host = Choose host { $name }
walk-in-host-chosen = Host: { $name }
walk-in-host-chosen-company = Host: { $name } ({ $company })
walk-in-host-searching = Searching…
walk-in-host-matches =
    { $count ->
        [one] { $count } match
       *[other] { $count } matches
    }
# $text: what was typed in the host field.
walk-in-host-no-match = No member matches “{ $text }”.
walk-in-checked-in = { $name } is checked in.
# $printed: what the badge printer said, a sentence of its own.
walk-in-checked-in-printed = { $name } is checked in. { $printed }

## On site now (the evacuation list)

on-site-badge = Badge
    .aria-label = Badge for { $name }
# $time: the time the list was read, already formatted.
on-site-as-of = As of { $time }, from this desk's list (includes changes not yet synced).
on-site-saving = Saving…
# $path: the CSV file's path.
on-site-saved = Saved to { $path }

reception-on-site-line = { $count } on site
