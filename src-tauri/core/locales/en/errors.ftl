# What the core says to a person: errors that reach the window and the CLI, and the form
# fields' problems. Values from Nexudus ($message, $detail) stay in the server's words.

## Nexudus

# Text as Nexudus said it, in no catalog.
error-as-said = { $text }
error-validation = Nexudus did not accept this: { $message }
error-rejected = Nexudus could not complete this: { $message }
error-sign-in-required = Your Nexudus sign-in has expired. Sign in again to continue; nothing you entered is lost.
error-forbidden = This Nexudus account is not allowed to do this. Ask an administrator for the Visitor roles (Visitor-List, -Read, -Create, -Edit).
error-throttled = Nexudus asked us to slow down.
error-offline = Nexudus cannot be reached. Check the network; the change is kept and sent later.
error-transient = Nexudus had a temporary problem. It will be tried again.
error-transient-status = Nexudus had a temporary problem ({ $status }). It will be tried again.
error-uncertain = No answer came back from Nexudus; the change may have been applied. It is checked before anything is resent.
error-not-found = That record no longer exists in Nexudus.
error-permanent = Nexudus refused this ({ $status }): { $message }
error-invalid-credentials = The email or password is incorrect.
error-two-factor-required = Enter the code from your authenticator app.
error-must-reset-password = Nexudus asks you to reset your password. Reset it in the Nexudus portal, then sign in here.
error-protocol = Nexudus sent an answer Front Desk could not read: { $detail }
error-untrusted = The connection to Nexudus is not trusted (its certificate was refused). Nothing was sent; changes are kept. Ask IT to check the network's proxy or the server address.

## The server's address

error-address-invalid = “{ $address }” is not a web address. Use a form like https://myspace.spaces.nexudus.com.
error-address-not-https = “{ $address }” does not use HTTPS. Only addresses on this computer (localhost) may use plain http://.
error-address-portal = “{ $address }” is the member portal, which does not serve the API. Use myspace.spaces.nexudus.com instead of myspace.nexudus.site.
error-address-bad-space = “{ $address }” is not a space's web address. It looks like myspace or myspace.spaces.nexudus.com.

## The account and the keyring

error-check-fields = Please check the highlighted fields.
error-no-access = This Nexudus account can neither run reception (it needs the Visitor roles) nor host visitors (it needs a member profile at the space).
error-signed-out = You are signed out. Sign in to continue.
error-mode-not-allowed = This account cannot be used in { $mode ->
        [host] Host
       *[reception] Reception
    } mode.
error-changes-waiting =
    { $count ->
        [one] 1 change made here has not reached Nexudus yet, so nothing was removed. Sync it first (Sync → Sync now), or tick "save waiting changes to a file first" to keep it in a file instead (it will then not be sent).
       *[other] { $count } changes made here have not reached Nexudus yet, so nothing was removed. Sync them first (Sync → Sync now), or tick "save waiting changes to a file first" to keep them in a file instead (they will then not be sent).
    }
error-keyring-unavailable = No keyring is available to keep your sign-in safe. { $os ->
        [linux] Install and unlock a Secret Service keyring such as GNOME Keyring (apt install gnome-keyring) or KWallet, then sign in again.
        [macos] Allow Front Desk to use your login Keychain, then sign in again.
        [windows] Allow Front Desk to use the Windows Credential Manager, then sign in again.
       *[other] Sign in again on a computer with a keyring.
    }
error-keyring-locked = The keyring is locked. Unlock it (your desktop's Passwords and Keys, or log out and in again), then sign in.
error-keyring-unreadable = The saved sign-in could not be read. Sign in again.
error-keyring-refused = The keyring refused to keep the sign-in: { $detail }

## This computer's data

error-store-open = Front Desk's local data could not be opened at { $path }: { $detail }
error-store-database = Front Desk's local data could not be updated: { $detail }
error-store-migration = Front Desk's local data could not be prepared: { $detail }
error-store-setting = A saved setting could not be read: { $detail }
error-store-lock = Front Desk's data folder could not be locked: { $detail }
error-unknown-visitor = That visitor is not in today's list any more. Refresh and try again.
error-language-locked = The language is set by your organisation.
error-language-not-shipped = “{ $language }” is not a language this version ships.

## Printing badges

error-print-no-cups = Printing without a dialog needs CUPS (the lp and lpstat commands), which is not installed here. Install CUPS, or choose "System dialog" in Settings.
error-print-no-printer = No printer is chosen for badges. Choose one in Settings, or "System dialog".
error-print-unknown-printer = The printer "{ $printer }" is not known to this computer any more. Choose another in Settings.
error-print-no-scheduler = The printing service (CUPS) is not running on this computer, so the badge was not printed. Start it (or ask IT), then print the badge again from the list.
error-print-stopped = The printer "{ $printer }" is stopped, so the badge was not printed. Start the printer (in the printer settings, or `cupsenable { $printer }`), then print the badge again from the list.
error-print-stopped-because = The printer "{ $printer }" is stopped ({ $reason }), so the badge was not printed. Start the printer (in the printer settings, or `cupsenable { $printer }`), then print the badge again from the list.
error-print-not-accepting = The printer "{ $printer }" is not accepting jobs, so the badge was not printed. Let it accept jobs again (`cupsaccept { $printer }`), then print the badge again from the list.
error-print-failed = The badge was not printed: { $detail }

## Scanning a visitor's code

desk-scan-empty = Scan a visitor's QR code or type their code, then press Enter.
desk-scan-unknown = No visitor expected here today has the code { $code }. Check the code, or search by name.
desk-scan-several = That scan holds the codes of more than one visitor, so nobody was checked in. Type the visitor's code, or search by name.

## A form field's problem, as one sentence

field-required = { $field } is a required field
field-bad-email = { $field } is not a valid email address
field-too-long = { $field } must be at most { $max } characters
field-no-date = { $field } needs at least one date
field-too-many-dates = { $field } can have at most { $max } dates
field-past = { $field } cannot be in the past
field-too-far = { $field } can be at most a year ahead
field-same-date-twice = { $field } has the same date twice
field-between-days = { $field } must be between 1 and { $max } days
field-wrong-password = { $field } is not this account's password
field-locked = { $field } is set by your organisation
field-not-correctable = { $field } cannot be corrected here
field-before-first-day = { $field } must be on or after the first day
field-log-too-long = { $field } must be at most { $max } days after the first day
field-no-such-day = { $field } is not a day this location has
field-code-digits = { $field } must be the digits from your authenticator app
field-kiosk-server = { $field } cannot be changed in kiosk mode: leave kiosk mode in Settings first
field-code-needed = { $field } is needed too: enter the code from your authenticator app
field-dash-start = { $field } cannot start with -
field-spaces-or-hash = { $field } cannot contain spaces or #
field-longer-than = { $field } is longer than { $max } characters
# A problem in Nexudus's own words, which no catalog can know.
field-problem-nameless = { $problem }
field-problem = { $field } { $problem }

## The fields' names in those sentences

field-name-fullName = Full name
field-name-email = Email
field-name-phone = Phone
field-name-company = Company
field-name-reason = Reason
field-name-notes = Notes
field-name-dates = Dates
field-name-date = Date
field-name-businessId = Location
field-name-location = Location
field-name-password = Password
field-name-code = Code
field-name-server = Server address
field-name-totp = Code
field-name-cupsServer = The print server
field-name-space = Space
field-name-retentionDays = Days
field-name-kiosk = Kiosk mode
field-name-notifications = Notifications
field-name-language = Language
field-name-printer = The printer
field-name-labelSize = Label size
field-name-hostId = Host
field-name-kind = Change
field-name-label = Label size
field-name-printAtCheckIn = Print at check-in
field-name-from = The first day
field-name-to = The last day

## What a scan did (the host's name, when the visit has one)

desk-scan-needs-attention = Not checked in: a change to { $name }'s visit waits for a person in Sync. Look there, then check them in from the list.
desk-scan-already-on-site = { $host ->
        [none] { $name } is already checked in.
       *[other] { $name } is already checked in, visiting { $host }.
    }
desk-scan-already-left = { $name } already visited today and left. To let them in again, register a walk-in.
desk-scan-declined = Not checked in: the host declined { $name }'s visit. Find them in the list to check them in anyway.
desk-scan-awaiting-approval = Not checked in yet: { $name }'s host has not approved the visit. Approve it in the list, or wait for the host.
desk-scan-welcome = { $host ->
        [none] Welcome, { $name }.
       *[other] Welcome, { $name }, visiting { $host }.
    }

## This desk's own settings and files

error-notifications-unavailable = Desktop notifications cannot be shown on this computer ({ $detail }). Arrivals will still appear in this window.
error-desktop-kiosk = Kiosk mode could not be changed on this computer ({ $detail }).
error-desktop-start-at-login = Start at login could not be changed on this computer ({ $detail }).
error-file = Could not save { $path } ({ $detail }). Check the folder exists and has space.
error-settings-locked = Some of these settings are set by your organisation.
error-no-update = No update is ready to install. Front Desk looks again tomorrow.

## When the data folder cannot be opened

error-nothing-to-recover = Front Desk's data opened normally.
error-not-moved-aside = { $path } was not moved aside: { $detail }.
error-quit-from-tray = Quit from the tray icon.
recovery-problem-no-folder = This computer has no folder for Front Desk's data.
recovery-problem-folder-unusable = Front Desk's data folder cannot be used (something else is in its place, or this user may not write there).
recovery-problem-newer-version = The database was changed by a newer or different version of Front Desk, which this version cannot read safely.
recovery-problem-not-a-database = Front Desk's database file is damaged or is not a database.
recovery-problem-read-only = Front Desk's database can be read but not written: nothing done at this desk could be kept.
recovery-problem-busy = Another Front Desk process is using the database (an update, or a sync run by IT). Wait a moment and try again.
recovery-problem-cannot-open = Front Desk's database cannot be opened in its data folder.
recovery-problem-other = Front Desk's database could not be opened.

## Updates ($current is the version this desk runs; $version the update's, "none" when unknown)

update-off-policy-broken = Updates wait until your organisation's settings file is fixed (see the top of the window).
update-off-policy-unusable = Updates are off: the policy's update settings are not usable ({ $problem }). Tell your IT department.
update-off-switched-off = Updates are switched off by your organisation.
update-off-development = Updates are off in a development build unless a policy names a feed.
update-off-test-key = Updates are off: this build trusts only the test signing key. Build releases with FRONTDESK_UPDATE_PUBKEY (see the README).
update-feed-timeout = The update feed did not answer within 2 minutes. This desk stays on { $current } and tries again later.
update-not-https = The update to { $version } was refused: the feed names its package at an address that is not https ({ $problem }). Nothing was downloaded; this desk stays on { $current }. Tell your IT department.
update-download-timeout = The update to { $version } did not finish downloading in 30 minutes. This desk stays on { $current } and tries again later.
update-install-stopped = Installing { $version } stopped unexpectedly ({ $detail }). This desk stays on { $current }.
update-not-signed = { $version ->
        [none] The update
       *[other] The update to { $version }
    } was refused: it is not signed with Front Desk's key. Nothing was installed; this desk stays on { $current }. Tell your IT department, the update feed may have been tampered with.
update-not-installed = { $version ->
        [none] The update
       *[other] The update to { $version }
    } was not installed: an administrator's password was not given, or the package manager refused the package. This desk stays on { $current }. Click "Restart to update" to try again, or tell your IT department.
update-feed-unreachable = The update feed could not be reached or read ({ $detail }). This desk stays on { $current } and tries again later.
update-could-not-install = { $version ->
        [none] The update
       *[other] The update to { $version }
    } could not be installed ({ $detail }). This desk stays on { $current }.

## The sync engine's notes on a change ($who is who changed the record last, "none" when unknown)

engine-unreachable = Nexudus could not be reached.
engine-waiting-for-creation = Waiting for the visitor to be created.
engine-never-created = This visitor was never created in Nexudus (its registration was discarded).
engine-checking-before-alone = Checking before sending alone.
engine-some-dates-arrived = Only some of these dates reached Nexudus. Check the host's visitors, then retry or discard.
engine-interrupted = Sending was interrupted; checking whether it arrived.
engine-not-found-yet = Not in Nexudus yet; looking again before sending again.
engine-visitor-gone = That visitor no longer exists in Nexudus.
engine-sending-again = Sending again.
engine-not-found-sending-again = Not in Nexudus after several looks; sending again.
engine-already-checked-in-and-left = Not checked in again: { $name } already checked in{ $arrived ->
        [none] {""}
       *[other] {" "}at { $arrived }
    } and left at { $left }{ $who ->
        [none] {""}
       *[other] {" "}(last change by { $who })
    }.
engine-already-checked-in = Not checked in again: { $name } was already checked in{ $arrived ->
        [none] {""}
       *[other] {" "}at { $arrived }
    }{ $who ->
        [none] {""}
       *[other] {" "}(last change by { $who })
    }.
engine-already-checked-out = { $name } was already checked out at { $left }{ $who ->
        [none] {""}
       *[other] {" "}(last change by { $who })
    }.
engine-approval-already = The host's approval was already { $status ->
        [not-required] not required
        [requested] requested
        [declined] declined
        [collect] approved (the host collects them)
        [sent-up] approved (sent to the host)
       *[changed] changed
    }.
engine-approval-changed-elsewhere = Not sent: the approval was changed to { $status ->
        [not-required] not required
        [requested] requested
        [declined] declined
        [collect] approved (the host collects them)
        [sent-up] approved (sent to the host)
       *[changed] changed
    } elsewhere{ $who ->
        [none] {""}
       *[other] {" "}(last change by { $who })
    } after this desk saw it.

## The command line (frontdesk …)

cli-password-unreadable = could not read the password from standard input: { $detail }
cli-password-missing = no password on standard input (pipe it in, one line)
cli-two-factor = this account uses two-factor sign-in: add --totp CODE
cli-signed-in = Signed in as { $email } ({ $mode ->
        [reception] reception
        [host] host
       *[none] no visitor role
    }) at { $server }. The session is in the OS keyring.
cli-checks-passed = All { $total } checks passed.
cli-checks-failed = { $failed } of { $total } checks failed.
cli-still-busy = Front Desk is still sending changes in another process; nothing was sent here. Try again later.
cli-busy-waiting = Front Desk is sending changes in another process on this computer; waiting for it to finish…
cli-waiting-next-try = waiting { $seconds } s for the next try…
# Scripts match this line: its English stays as it was ("change(s)", the quoted state).
cli-sent = Sent { $sent } change(s). { $waiting } still waiting, { $attention } need attention.{ $stopped ->
        [none] {""}
       *[other] {" "}Stopped: "{ $stopped }".
    }
cli-status-account = account
cli-status-signed-out = signed out
cli-status-waiting = waiting
cli-status-sending = sending
cli-status-checking = being checked
cli-status-attention = needs attention
cli-status-done = done
cli-status-discarded = discarded
cli-status-oldest = oldest open
cli-operations-written = { $count } operations written to { $path }
cli-queue-empty = The queue is empty.
cli-not-restored = the saved sign-in could not be restored: { $detail }
queue-summary-register = { $dates ->
        [one] Register { $name }
       *[other] Register { $name } on { $dates } dates
    }
queue-summary-walk-in = Walk-in { $name }
queue-summary-check-in = Check in
queue-summary-check-out = Check out
queue-summary-approval = Host approval
queue-summary-delete = Delete visitor
queue-summary-cancel = Cancel registration

## frontdesk doctor's checks (for IT)

doctor-keyring-answers = the OS keyring answers
doctor-notifications-served = served by { $service }
doctor-notifications-none = no notification service ({ $detail }); arrivals will show only in the window
doctor-server-unreachable = { $server } cannot be reached: { $detail }
doctor-server-answered = { $server } answered ({ $status }) in { $ms } ms
doctor-clock-not-checked = not checked: the server cannot be reached
doctor-clock-no-date = the server sent no Date header to compare with
doctor-clock-skew = { $seconds } s from the server's clock
doctor-clock-skew-too-far = { $seconds } s from the server's clock: set this computer's time automatically
doctor-database-ok = integrity check ok
doctor-database-damaged = integrity check: { $detail }
doctor-policy-broken = { $problem } (nothing in it applies until it is fixed)
doctor-policy-none = no policy file at { $path }
doctor-policy-defaults = { $path }: defaults only
doctor-policy-locks = { $path }: locks { $keys }
doctor-policy-language-passed-over = ; { $problem }: the desk's other sources decide
doctor-language-not-shipped = language "{ $tag }" is not one this version ships ({ $shipped })

## frontdesk --help

cli-help-about = Front Desk: visitor reception for coworking spaces on Nexudus.
cli-help-long-about = Front Desk: visitor reception for coworking spaces on Nexudus.

    Without a command, opens the app. The commands below are for IT: they need no window.
    The server is Nexudus unless FRONTDESK_NEXUDUS_URL names another (staging, a simulator);
    the data folder is the OS's app data folder unless FRONTDESK_DATA_DIR names another.
    FRONTDESK_LANG sets the language of these messages (en, es).
cli-help-login = Signs this computer in to Nexudus and keeps the session in the OS keyring. The password is read from standard input (one line), never from the command line.
cli-help-login-email = The Nexudus account's email.
cli-help-login-totp = The code from the authenticator app, for accounts with two-factor sign-in.
cli-help-login-space = For members (hosts): the space's web address, e.g. myspace.spaces.nexudus.com.
cli-help-login-server = Another server (staging, a test server); HTTPS, or HTTP on this computer only.
cli-help-doctor = Checks what a desk needs: keyring, notifications, server, clock, database. One line per check; exits 1 if any fails.
cli-help-json = Print the results as JSON.
cli-help-queue = Looks at the offline queue.
cli-help-queue-status = Counts per state, the oldest open change, the signed-in account.
cli-help-queue-list = The changes not yet done (waiting, being checked, needing attention).
cli-help-queue-export = Every change the queue holds, done ones too, for a report or a support ticket.
cli-help-format = The output's format.
cli-help-output = Write to this file instead of standard output.
cli-help-sync = Sends waiting changes to Nexudus.
cli-help-sync-once = Drain the queue once and exit (waiting up to 2 minutes for changes due again soon): 0 nothing left, 3 changes still waiting (offline, throttled, signed out), 4 changes need a person, 1 error.
