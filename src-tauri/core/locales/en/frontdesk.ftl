# Front Desk's words in English. Every language ships the same message ids with the same
# variables (a test checks it); plurals and word order are the catalog's, never code's.

## Languages, each named in its own language

language-en = English
language-es = Español

## Desktop notifications

alert-arrived = { $name } has arrived
alert-declined = { $name }: the host declined the visit
alert-collect = { $name }: the host will collect them at reception
alert-send-up = { $name }: the host approved; send them up
alert-approval-changed = { $name }: host approval changed
alert-at-location = At { $location }
alert-host = Host: { $host }
alert-waiting-approval = Waiting for your approval.
alert-note = Note: { $note }
alert-show-visitor = Show visitor
alert-test-note = Arrival alerts will look like this.
alert-test-name = Front Desk test notification

## Counts

visitors-count =
    { $count ->
        [one] { $count } visitor
       *[other] { $count } visitors
    }

## Dates, as Intl.DateTimeFormat writes them in this language (Monday is 1)

date-long = { $weekday }, { $month } { $day }, { $year }
date-weekday-1 = Monday
date-weekday-2 = Tuesday
date-weekday-3 = Wednesday
date-weekday-4 = Thursday
date-weekday-5 = Friday
date-weekday-6 = Saturday
date-weekday-7 = Sunday
date-month-1 = January
date-month-2 = February
date-month-3 = March
date-month-4 = April
date-month-5 = May
date-month-6 = June
date-month-7 = July
date-month-8 = August
date-month-9 = September
date-month-10 = October
date-month-11 = November
date-month-12 = December

## CSV files (the evacuation list, the visitor log)

export-name = Name
export-company = Company
export-host = Host
export-email = Email
export-expected = Expected
export-arrived = Arrived
export-left = Left
export-source = Source
export-approval = Host approval
export-visitor-code = Visitor code
export-source-administrator = Admin panel or desk
export-source-kiosk = Kiosk (NexIO)
export-source-member = Member
export-approval-requested = Requested
export-approval-declined = Declined
export-approval-collect = Approved, host collects
export-approval-sent-up = Approved, sent up

## The tray icon ($state: offline, signed-out, syncing, idle)

tray-status = { $state ->
        [offline] Offline: { $waiting } waiting to sync
        [signed-out] { $waiting ->
            [0] Signed out: sign in again
            [one] Signed out: sign in again to send 1 waiting change
           *[other] Signed out: sign in again to send { $waiting } waiting changes
        }
        [syncing] Syncing: { $waiting } waiting
       *[idle] { $waiting ->
            [0] Everything is synced
            [one] 1 change waiting to sync
           *[other] { $waiting } changes waiting to sync
        }
    }{ $attention ->
        [0] {""}
       *[other] , { $attention } need attention
    }
tray-synced = Everything is synced
tray-tooltip = Front Desk: { $status }
tray-open = Open Front Desk
tray-sync-now = Sync now
tray-quit = Quit Front Desk
