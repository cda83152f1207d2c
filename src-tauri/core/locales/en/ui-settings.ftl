# ui-settings.ftl (en): the window's Settings, sign-in, badges, updates, the organisation's
# policy and the recovery screen. See frontdesk.ftl's header.

## Settings

settings-saved = Saved.
settings-test-sending = Sending…
settings-test-sent = Sent. You should see it on your desktop.
# $problem is the core's words for the field, already in the desk's language.

## Sign-in form

sign-in-submit = Sign in
sign-in-busy = Signing in…

## Badges: the preview, printing, and Settings → Badges

# $host is the host's name.
badge-visiting = Visiting { $host }
badge-code = Code { $code }
badge-printing = Printing…
badge-sent = Badge for { $name } sent to { $printer }.
badge-sent-approximated = Badge for { $name } sent to { $printer }. Some letters of the name are not in the label font and were replaced.
# "Badge" is the button on the visitor's row (see that button's message).
badge-press-badge = Badge for { $name }: press "Badge" on their row to print it.
# $problem is the printer's problem, already a sentence.
badge-print-failed-saved = { $problem } { $name }'s check-in is saved.
badge-printer-system-dialog = System dialog
badge-no-printer-on-server = No printer found on { $server }: badges use the system dialog.
badge-no-printer-here = No printer found on this computer: badges use the system dialog.

## Updates: the bar under the header and the line in Settings

# $received and $total are megabytes.
updates-downloading = Downloading Front Desk { $version }: { NUMBER($received, minimumFractionDigits: 1, maximumFractionDigits: 1) } MB…
updates-downloading-of = Downloading Front Desk { $version }: { NUMBER($received, minimumFractionDigits: 1, maximumFractionDigits: 1) } of { NUMBER($total, minimumFractionDigits: 1, maximumFractionDigits: 1) } MB…
# $count is the number of changes still waiting to be sent.
updates-ready =
    { $count ->
        [0] Front Desk { $version } is ready. It installs when nobody has used this desk for ten minutes.
        [one] Front Desk { $version } is ready. It installs once nothing waits to be sent ({ $count } change waits) and nobody has used this desk for ten minutes. Waiting changes are kept either way.
       *[other] Front Desk { $version } is ready. It installs once nothing waits to be sent ({ $count } changes wait) and nobody has used this desk for ten minutes. Waiting changes are kept either way.
    }
updates-installing = Installing Front Desk { $version }. The window opens again in a moment.
updates-summary-checking = Updates: looking for a new version…
updates-summary-up-to-date = Updates: this is the newest version ({ $version }).
# $problem is the updater's problem, already a sentence.
updates-summary-failed = Updates: { $problem }
updates-summary-not-checked = Updates: not looked for yet.
# $status is the update bar's line.
updates-summary-status = Updates: { $status }

## The organisation's policy

policy-locked = Set by your organisation
policy-problem = Your organisation's settings file has a problem, so none of it applies: { $problem }. Tell your IT department.

## Recovery screen (the desk's data cannot be opened)

recovery-path-unknown = (unknown)
recovery-trying-again = Trying again…
recovery-moving-aside = Moving it aside…
recovery-moved = The old data is kept at { $kept }. Starting…
# $file is where the waiting changes were saved.
recovery-moved-exported =
    { $count ->
        [one] The old data is kept at { $kept }. { $count } waiting change was saved to { $file }. Starting…
       *[other] The old data is kept at { $kept }. { $count } waiting changes were saved to { $file }. Starting…
    }
