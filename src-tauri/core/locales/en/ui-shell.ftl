# ui-shell.ftl (en): the window's frame and its static page (ui/index.html, ui/js/main.js,
# ui/js/api.js); see frontdesk.ftl's header. `page-` messages fill index.html's
# `data-l10n-id` elements once at start; a message's attributes (.placeholder, .aria-label)
# fill the element's attributes. A message with only attributes leaves the element's text
# (and its child elements) alone.

## The window's title and header

page-title = Front Desk
page-brand = Front Desk
# Followed by the simulator's address.
page-demo-banner = Demo mode: connected to the Nexudus simulator at
# Followed by the server's address, when it is not Nexudus's own.
page-server-chip = Server:

## The sections (tab strip)

page-sections =
    .aria-label = Sections
page-nav-today = Today
    .aria-label = Today
page-nav-walk-in = Walk-in
    .aria-label = Walk-in
page-nav-on-site = On site
    .aria-label = On site
page-nav-log = Visitor log
    .aria-label = Visitor log
page-nav-host = My visitors
    .aria-label = My visitors
# The Sync tab: its name is the next message; a count of waiting changes follows it.
page-nav-sync =
    .aria-label = Sync
page-nav-sync-name = Sync
page-nav-settings = Settings
    .aria-label = Settings

## Bars and banners at the top of the window

page-update-bar =
    .aria-label = Update
page-restart-to-update = Restart to update
page-arrival-banner =
    .aria-label = Arrivals
# An arrival the desktop could not show as a notification: the banner says so under it.
# $body (String) - the arrival's text, already in the desk's language.
main-arrival-not-shown =
    { $body }
    (Desktop notifications are not available on this computer.)

## Sign-in and the session

page-sign-in-title = Sign in with your Nexudus account
main-sign-in-again-title = Sign in again to go on
page-email-label = Email
page-password-label = Password
page-authenticator-code-label = Code from your authenticator app
page-space-label = Your space's web address
page-space-hint = (members only, e.g. myspace.spaces.nexudus.com)
page-advanced = Advanced
page-server-label = Server address
page-server-hint = (only for staging or a test server)
page-sign-in-button = Sign in
# The header's line. $mode (String) - "reception" or "host" (anything else: unknown).
main-session-summary =
    { $mode ->
        [reception] Signed in as { $email } in Reception mode.
        [host] Signed in as { $email } in Host mode.
       *[other] Signed in as { $email } in — mode.
    }
main-home-summary = Signed in as { $email }.
main-session-summary-lost = { $email }: signed out by Nexudus. Sign in again below.
main-session-lost = Signed out: sign in again to go on. Nexudus ended this session; the list shows what was last synced.
main-session-lost-waiting =
    { $count ->
        [one] Signed out: sign in again to send { $count } waiting change. They are kept on this computer until then.
       *[other] Signed out: sign in again to send { $count } waiting changes. They are kept on this computer until then.
    }

## The data folder could not be opened (recovery)

page-recovery-title = Front Desk could not open its data
# Followed by the path.
page-recovery-path = File or folder:
page-recovery-detail = What the system said
page-recovery-help = Moving it aside keeps the old file next to the new one (renamed), and first saves any changes that had not reached Nexudus to a file beside it when they can still be read. IT can look at both later.
page-recovery-start-fresh = Move it aside and start fresh
page-recovery-retry = Try again
page-recovery-quit = Quit

## Words used on several screens

page-location-label = Location
page-phone-label = Phone
page-company-label = Company
page-optional-hint = (optional)
page-export-csv = Export CSV
page-column-name = Name
page-column-company = Company
page-column-host = Host
page-column-arrived = Arrived

## Today (reception)

page-reception-title = Today's visitors
page-search-label = Search
page-search =
    .placeholder = Name, email, company, host or code
# Follows the number of visitors on site ("3 on site").
page-refresh = Refresh
page-scan-label = Scan or type a visitor code
page-scan-code =
    .placeholder = Scan the QR code from the visitor's email, or type their code, then Enter
page-chart-title = Arrivals by hour
page-legend-arrived = Arrived
page-legend-expected = Expected
page-expected-title = Expected
page-onsite-title = On site
page-left-title = Left

## My visitors (host)

page-register-title = Register a visitor
page-visit-name-label = Visitor's full name
page-visit-email-label = Visitor's email
page-visit-time-label = Time
page-visit-date-label = Date
page-add-date = Add date
page-visit-dates =
    .aria-label = Chosen dates
page-visit-notes-label = Notes for the visitor or the front desk
page-register-button = Register
page-upcoming-title = My upcoming visitors

## Walk-in

page-walk-in-title = Register a walk-in
page-walk-in-help = The visitor is checked in at once, even when Nexudus cannot be reached.
page-walk-in-name-label = Full name
page-walk-in-host-label = Host
page-walk-in-host-hint = (type two letters of their name)
page-walk-in-host-results =
    .aria-label = Matching hosts
page-walk-in-reason-label = Reason for the visit
# Suggested reasons: the one chosen is typed into the field and saved as the visit's reason.
page-walk-in-reason-meeting = Meeting
page-walk-in-reason-interview = Interview
page-walk-in-reason-delivery = Delivery
page-walk-in-reason-tour = Tour
page-walk-in-notes-label = Notes
page-walk-in-button = Check in walk-in

## On site now (the evacuation list)

page-on-site-title = On site now
page-print-on-site = Print list
page-column-badge = Badge
page-on-site-empty = Nobody is on site.

## Visitor log

page-log-title = Visitor log
page-log-from-label = From
page-log-to-label = To
page-log-show = Show
page-column-expected = Expected
page-column-left = Left
# Where a row came from (Nexudus or this computer's copy).
page-column-source = Source
page-log-empty = No visitors were expected on these days.

## Sync

page-sync-title = Sync
page-sync-now = Sync now
page-sync-progress =
    .aria-label = Sync progress
page-attention-title = Needs attention
page-attention-empty = Nothing needs attention.
page-waiting-title = Waiting to sync
page-waiting-empty = Nothing is waiting.
page-elsewhere-title = Already done elsewhere
page-elsewhere-help = Not sent: another desk, a kiosk or the host had already done it.

## Settings

page-settings-title = Settings
page-mode-legend = Mode
page-mode-reception = Reception
page-mode-host = Host
page-settings-location-label = Desk location
page-badges-legend = Badges
page-cups-server-label = Print server
page-cups-server-hint = (optional: when the label printer is shared from a CUPS server, its address)
page-cups-server =
    .placeholder = This computer
page-badge-printer-label = Badge printer
# "System dialog" is the name of one of the printer list's choices.
page-badge-printer-hint = (a label printer prints at once; "System dialog" asks each time)
page-label-size-label = Label size
page-label-brother62x100 = Brother QL, 62 mm continuous tape (62 × 100 mm)
page-label-dymo89x36 = DYMO LabelWriter large address label (89 × 36 mm)
page-label-a6 = A6 paper (105 × 148 mm)
page-badge-at-check-in = Print a badge at every check-in
page-pref-notifications = Desktop notifications for arrivals
page-pref-start-at-login = Start Front Desk when I log in
page-pref-kiosk = Kiosk mode (full screen)
page-retention-label = Keep visitor details for (days)
page-retention-hint = (1 to 365: older visitors and finished changes are deleted from this computer)
page-kiosk-password-label = This account's password
page-kiosk-password-hint = (kiosk mode: needed to sign out or leave kiosk mode)
page-kiosk-code-hint = (only if this account uses one)
page-test-notification = Send test notification
page-sign-out-remove = When signing out, also remove this account's visitor data from this computer
page-sign-out-export = …and save waiting changes to a file in Downloads first (they will then not be sent)
page-sign-out = Sign out

## The visitor's badge

page-badge-brand = VISITOR
page-badge-qr =
    .aria-label = QR code of the visitor code
page-badge-print = Print badge
page-badge-close = Close

## Errors the window makes itself (Rust's come translated)

api-no-backend = Front Desk's core is not available in this window.
api-unknown-error = Something went wrong.

## Language

page-language-label = Language
page-language-automatic = Automatic (this computer's language)
page-language-apply = Use this language
page-language-automatic-now = Automatic (now { $language })
