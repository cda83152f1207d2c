# ui-reception.ftl (es): las pantallas de recepción de la ventana (la lista de hoy, el escaneo,
# los visitantes sin cita, quién está en el edificio). Las mismas reglas que frontdesk.ftl:
# cada idioma tiene estos identificadores con las mismas variables.

## Recepción: la fila de un visitante (botones, sus nombres accesibles, confirmaciones)

reception-approve = Aprobar
    .aria-label = Aprobar la visita de { $name }
    .title = El visitante espera aquí y el anfitrión pasa a recogerlo
reception-send-up = Dejar subir
    .aria-label = Dejar subir a { $name }
    .title = Aprobar la visita y dejar que el visitante vaya hasta la mesa del anfitrión
reception-decline = Rechazar
    .aria-label = Rechazar la visita de { $name }
reception-decline-confirm = ¿Rechazar la visita?
    .aria-label = Confirmar: rechazar la visita de { $name }
reception-check-in = Registrar entrada
    .aria-label = Registrar la entrada de { $name }
reception-check-in-confirm-rejected = Rechazada por el anfitrión: ¿registrar la entrada igualmente?
    .aria-label = Confirmar: registrar la entrada de { $name }, cuya visita ha rechazado el anfitrión
reception-check-in-confirm-requested = Aún sin aprobar: ¿registrar la entrada igualmente?
    .aria-label = Confirmar: registrar la entrada de { $name }, cuya visita aún no ha aprobado el anfitrión
reception-check-out = Registrar salida
    .aria-label = Registrar la salida de { $name }
reception-badge = Credencial
    .aria-label = Credencial de { $name }
reception-row-host = Anfitrión: { $name }
reception-row-code = Código { $code }

## Recepción: lo que una fila dice de sí misma

reception-pending-sign-in = Pendiente de iniciar sesión
reception-pending-sync = Pendiente de sincronizar
reception-needs-attention = Requiere atención
reception-approval-requested = Aprobación solicitada
reception-approval-rejected = Rechazada por el anfitrión
reception-approval-accepted-and-hold = El anfitrión pasa a recogerlo
reception-approval-accepted-and-grant = Puede subir

## Recepción: lo que otros hicieron con una fila (se muestra en ella un rato)

reception-elsewhere-added = Añadido en otro puesto
reception-elsewhere-checked-in = Entrada registrada en otro puesto
reception-elsewhere-checked-out = Salida registrada en otro puesto
reception-elsewhere-approval = El anfitrión ha respondido
reception-elsewhere-updated = Modificado en otro puesto

## Recepción: las listas

reception-show-more = Mostrar { $count } más de { $total }
reception-list-news =
    { $count ->
        [one] { $names }: visita cancelada o trasladada a otro lugar; ya no está en la lista de hoy.
       *[other] { $names }: visitas canceladas o trasladadas a otro lugar; ya no están en la lista de hoy.
    }
reception-unreadable-id = Id { $id }
reception-unreadable-no-id = sin Id
reception-unreadable =
    { $count ->
        [one] No se ha podido leer { $count } visitante ({ $ids }). Se muestra el resto de la lista; revísalo en Nexudus.
       *[other] No se han podido leer { $count } visitantes ({ $ids }). Se muestra el resto de la lista; revísalos en Nexudus.
    }
reception-location-not-visible = Tu organización ha fijado la sede de este puesto de recepción ({ $location }), pero esta cuenta no puede verla. Inicia sesión con una cuenta de esa sede o avisa a tu departamento de informática.

## Recepción: la línea de sincronización (sus frases van una tras otra)

reception-sync-offline = Sin conexión: los cambios se guardan y se enviarán cuando Nexudus esté disponible.
reception-sync-signed-out = Sesión cerrada: inicia sesión para enviar los cambios pendientes.
reception-sync-progress = Sincronizando { $done } de { $total }…
reception-sync-waiting =
    { $count ->
        [one] { $count } cambio pendiente de sincronizar.
       *[other] { $count } cambios pendientes de sincronizar.
    }
reception-sync-done = Todo está sincronizado.
reception-sync-attention =
    { $count ->
        [one] { $count } requiere atención.
       *[other] { $count } requieren atención.
    }

## Escaneo: la línea bajo la respuesta

scan-detail-host = Anfitrión: { $name }
scan-detail-code = Código { $code }

## Visitante sin cita: elegir al anfitrión y la respuesta

walk-in-choose-host = Elegir a { $name } como anfitrión
walk-in-host-chosen = Anfitrión: { $name }
walk-in-host-chosen-company = Anfitrión: { $name } ({ $company })
walk-in-host-searching = Buscando…
walk-in-host-matches =
    { $count ->
        [one] { $count } coincidencia
       *[other] { $count } coincidencias
    }
walk-in-host-no-match = Ningún miembro coincide con «{ $text }».
walk-in-checked-in = Se ha registrado la entrada de { $name }.
walk-in-checked-in-printed = Se ha registrado la entrada de { $name }. { $printed }

## En el edificio ahora (la lista de evacuación)

on-site-badge = Credencial
    .aria-label = Credencial de { $name }
on-site-as-of = Situación a las { $time }, según la lista de este puesto de recepción (incluye cambios aún sin sincronizar).
on-site-saving = Guardando…
on-site-saved = Guardado en { $path }

reception-on-site-line = { $count } en el edificio
