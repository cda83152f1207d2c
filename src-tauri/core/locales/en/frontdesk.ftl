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
