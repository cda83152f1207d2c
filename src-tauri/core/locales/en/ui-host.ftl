# ui-host.ftl (en): the window's host screen (register a visitor, upcoming visits), the sync
# panel, the visitor log and today's arrivals chart. Same rules as frontdesk.ftl: every language
# has these ids with the same variables. $name is a visitor's full name (or, in the sync panel,
# a queued change as sync-op-* words it); $count and the other counts are numbers; $time and
# $date come already formatted.

## Host: the dates of a registration

# $date is the date as the date field writes it (yyyy-mm-dd).
host-date-remove =
    .aria-label = Remove { $date }
# What the core would say of the dates, said before asking it.
host-dates-past = Dates cannot be in the past
host-dates-too-far = Dates can be at most a year ahead
host-dates-too-many =
    { $max ->
        [one] Dates can have at most { $max } date
       *[other] Dates can have at most { $max } dates
    }
host-registered =
    { $count ->
        [one] { $name } is registered for { $count } date.
       *[other] { $name } is registered for { $count } dates.
    }

## Host: upcoming visits (a row's state, marks of what changed elsewhere, cancelling)

host-status-pending = Waiting to sync
host-status-attention = Needs attention
host-status-arrived = Arrived
host-status-expected = Expected
host-status-approval = Approval requested
host-mark-arrived = Arrived
host-mark-left = Left
host-mark-approval = Answer changed
host-mark-updated = Changed elsewhere
host-mark-added = Added elsewhere
# $time is the visit's day and time.
host-cancel = Cancel
    .aria-label = Cancel { $name } on { $time }
host-cancel-confirm = Confirm cancel
    .aria-label = Confirm cancel { $name } on { $time }
host-sync-waiting =
    { $count ->
        [one] { $count } visit waiting to sync.
       *[other] { $count } visits waiting to sync.
    }

## Sync panel: what each queued change is
## $who is "name" (use $name), "id" (use $id, a visitor's number in Nexudus) or "walk-in"
## (a walk-in not yet in Nexudus).

sync-op-register =
    { $count ->
        [one] Register { $name }
       *[other] Register { $name } on { $count } dates
    }
sync-op-register-unnamed =
    { $count ->
        [one] Register a visitor
       *[other] Register a visitor on { $count } dates
    }
sync-op-walk-in = Walk-in { $name }
sync-op-check-in =
    { $who ->
        [id] Check in visitor { $id }
        [walk-in] Check in a walk-in
       *[name] Check in { $name }
    }
sync-op-check-out =
    { $who ->
        [id] Check out visitor { $id }
        [walk-in] Check out a walk-in
       *[name] Check out { $name }
    }
sync-op-approval =
    { $who ->
        [id] Host approval for visitor { $id }
        [walk-in] Host approval for a walk-in
       *[name] Host approval for { $name }
    }
sync-op-delete =
    { $who ->
        [id] Delete visitor { $id }
        [walk-in] Delete a walk-in
       *[name] Delete { $name }
    }
sync-op-cancel = Cancel registration { $id }

## Sync panel: waiting changes

sync-state-pending = Waiting
sync-state-in-flight = Sending…
sync-state-uncertain = Checking whether Nexudus already has it
sync-queued-at = queued { $time }
sync-attempts =
    { $count ->
        [one] { $count } attempt
       *[other] { $count } attempts
    }
# After a list's title ("Needs attention (2)").
sync-section-count = ({ $count })

## Sync panel: changes Nexudus refused ($name is the change, as sync-op-* words it)

# The field's label shows the short message; a screen reader hears the -for one.
sync-correct-name = Correct the name
sync-correct-name-for = Correct the name for { $name }
sync-correct-email = Correct the email
sync-correct-email-for = Correct the email for { $name }
sync-correct-phone = Correct the phone
sync-correct-phone-for = Correct the phone for { $name }
sync-correct-company = Correct the company
sync-correct-company-for = Correct the company for { $name }
sync-save-retry = Save and retry
    .aria-label = Save and retry { $name }
sync-retry = Retry as is
    .aria-label = Retry { $name }
sync-discard = Discard
    .aria-label = Discard { $name }
sync-discard-confirm = Discard for good? Click again
    .aria-label = Confirm discard { $name }

## Sync panel: the state of syncing ($time is a time of day)

sync-idle-waiting = Waiting for the next try.
sync-idle-attention = Nothing else is waiting.
sync-idle-done = Everything is synced.
sync-syncing = Syncing…
sync-offline = Offline: changes are kept and sent when Nexudus is reachable.
sync-signed-out = Signed out: sign in again to send waiting changes.
# Follows one of the sentences above.
sync-counts =
    { $attention ->
        [one] { $waiting } waiting, { $attention } needs attention.
       *[other] { $waiting } waiting, { $attention } need attention.
    }
sync-last-at = Last synced at { $time }.
sync-last-never = Not synced yet in this session.
sync-next-at = Next try at { $time }.
sync-clock-fast =
    { $minutes ->
        [one] This computer's clock is { $minutes } minute fast. Front Desk uses Nexudus's time, but please correct the clock in the system settings.
       *[other] This computer's clock is { $minutes } minutes fast. Front Desk uses Nexudus's time, but please correct the clock in the system settings.
    }
sync-clock-slow =
    { $minutes ->
        [one] This computer's clock is { $minutes } minute slow. Front Desk uses Nexudus's time, but please correct the clock in the system settings.
       *[other] This computer's clock is { $minutes } minutes slow. Front Desk uses Nexudus's time, but please correct the clock in the system settings.
    }

## Visitor log ($time is a day and time; $problem is why Nexudus did not answer)

log-reading = Reading…
log-saving = Saving…
log-from-required = The first day is a required field
log-to-required = The last day is a required field
log-from-nexudus =
    { $unreadable ->
        [0] From Nexudus, read { $time }.
        [one] From Nexudus, read { $time }. { $unreadable } visitor record could not be read; check Nexudus for them.
       *[other] From Nexudus, read { $time }. { $unreadable } visitor records could not be read; check Nexudus for them.
    }
log-from-copy = Nexudus did not answer: this is this computer's copy, last read { $time }. Days never opened here, or older than the retention setting, are missing.
log-from-copy-never = Nexudus did not answer: this is this computer's copy, never read on this computer. Days never opened here, or older than the retention setting, are missing.
log-from-copy-problem = Nexudus did not answer ({ $problem }): this is this computer's copy, last read { $time }. Days never opened here, or older than the retention setting, are missing.
log-from-copy-problem-never = Nexudus did not answer ({ $problem }): this is this computer's copy, never read on this computer. Days never opened here, or older than the retention setting, are missing.
log-count =
    { $count ->
        [one] { $count } visitor.
       *[other] { $count } visitors.
    }
# More than $shown visitors: only the first $shown are on the screen.
log-count-more = { $count } visitors. The first { $shown } are shown; the CSV has all.
# $path is the CSV file's path.
log-saved =
    { $count ->
        [one] Saved { $count } visitor to { $path }
       *[other] Saved { $count } visitors to { $path }
    }
log-saved-copy =
    { $count ->
        [one] Saved { $count } visitor to { $path } (from this computer's copy: Nexudus did not answer)
       *[other] Saved { $count } visitors to { $path } (from this computer's copy: Nexudus did not answer)
    }
# Where a visit was registered (a column of the log).
log-source-administrator = Admin panel or desk
log-source-nex-io = Kiosk (NexIO)
log-source-customer = Member

## Today's arrivals chart (its text for screen readers; $time is an hour, "08:00")

chart-hour = { $time } { $arrived } arrived
chart-hour-expected = { $time } { $arrived } arrived, { $expected } expected
# $hours is the list of chart-hour messages, separated by semicolons.
chart-summary = Arrivals by hour: { $hours }.
chart-empty = No visitors today yet.
