# Las palabras de Front Desk en español. Cada idioma tiene los mismos identificadores con las
# mismas variables (lo comprueba una prueba).

## Idiomas, cada uno en su propia lengua

language-en = English
language-es = Español

## Notificaciones del escritorio

alert-arrived = { $name } ha llegado
alert-declined = { $name }: el anfitrión ha rechazado la visita
alert-collect = { $name }: el anfitrión pasará a buscarle por recepción
alert-send-up = { $name }: el anfitrión ha aprobado la visita; puede subir
alert-approval-changed = { $name }: ha cambiado la respuesta del anfitrión
alert-at-location = En { $location }
alert-host = Anfitrión: { $host }
alert-waiting-approval = Pendiente de tu aprobación.
alert-note = Nota: { $note }
alert-show-visitor = Ver visitante
alert-test-note = Así se verán los avisos de llegada.
alert-test-name = Notificación de prueba de Front Desk

## Recuentos

visitors-count =
    { $count ->
        [one] { $count } visitante
       *[other] { $count } visitantes
    }
