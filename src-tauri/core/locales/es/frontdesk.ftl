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

## Fechas, como las escribe Intl.DateTimeFormat en este idioma (el lunes es 1)

date-long = { $weekday }, { $day } de { $month } de { $year }
date-weekday-1 = lunes
date-weekday-2 = martes
date-weekday-3 = miércoles
date-weekday-4 = jueves
date-weekday-5 = viernes
date-weekday-6 = sábado
date-weekday-7 = domingo
date-month-1 = enero
date-month-2 = febrero
date-month-3 = marzo
date-month-4 = abril
date-month-5 = mayo
date-month-6 = junio
date-month-7 = julio
date-month-8 = agosto
date-month-9 = septiembre
date-month-10 = octubre
date-month-11 = noviembre
date-month-12 = diciembre

## Archivos CSV (la lista de evacuación, el registro de visitas)

export-name = Nombre
export-company = Empresa
export-host = Anfitrión
export-email = Correo electrónico
export-expected = Prevista
export-arrived = Llegada
export-left = Salida
export-source = Origen
export-approval = Aprobación del anfitrión
export-visitor-code = Código de visitante
export-source-administrator = Panel de administración o puesto de recepción
export-source-kiosk = Quiosco (NexIO)
export-source-member = Miembro
export-approval-requested = Solicitada
export-approval-declined = Rechazada
export-approval-collect = Aprobada, el anfitrión pasa a recogerlo
export-approval-sent-up = Aprobada, puede subir

## El icono de la bandeja ($state: offline, signed-out, syncing, idle)

tray-status = { $state ->
        [offline] Sin conexión: { $waiting ->
            [one] 1 cambio pendiente de sincronizar
           *[other] { $waiting } cambios pendientes de sincronizar
        }
        [signed-out] { $waiting ->
            [0] Sesión cerrada: vuelve a iniciar sesión
            [one] Sesión cerrada: vuelve a iniciar sesión para enviar 1 cambio pendiente
           *[other] Sesión cerrada: vuelve a iniciar sesión para enviar { $waiting } cambios pendientes
        }
        [syncing] Sincronizando: { $waiting ->
            [one] 1 pendiente
           *[other] { $waiting } pendientes
        }
       *[idle] { $waiting ->
            [0] Todo está sincronizado
            [one] 1 cambio pendiente de sincronizar
           *[other] { $waiting } cambios pendientes de sincronizar
        }
    }{ $attention ->
        [0] {""}
        [one] , 1 necesita atención
       *[other] , { $attention } necesitan atención
    }
tray-synced = Todo está sincronizado
tray-tooltip = Front Desk: { $status }
tray-open = Abrir Front Desk
tray-sync-now = Sincronizar ahora
tray-quit = Salir de Front Desk
