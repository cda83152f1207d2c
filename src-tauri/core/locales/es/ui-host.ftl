# ui-host.ftl (es): la pantalla del anfitrión (registrar a un visitante, próximas visitas), el
# panel de sincronización, el registro de visitantes y el gráfico de llegadas de hoy. Las mismas
# reglas que frontdesk.ftl: cada idioma tiene estos identificadores con las mismas variables.
# $name es el nombre completo de un visitante (o, en el panel de sincronización, un cambio en
# cola tal como lo dicen los sync-op-*); $count y los demás recuentos son números; $time y
# $date llegan ya formateados.

## Anfitrión: las fechas de un registro

# $date es la fecha tal como la escribe el campo de fecha (aaaa-mm-dd).
host-date-remove =
    .aria-label = Quitar { $date }
# Lo que diría el núcleo de las fechas, dicho antes de preguntarle.
host-dates-past = Las fechas no pueden estar en el pasado
host-dates-too-far = Las fechas pueden estar como máximo a un año vista
host-dates-too-many =
    { $max ->
        [one] Se admite como máximo { $max } fecha
       *[other] Se admiten como máximo { $max } fechas
    }
host-registered =
    { $count ->
        [one] Se ha registrado a { $name } para { $count } fecha.
       *[other] Se ha registrado a { $name } para { $count } fechas.
    }

## Anfitrión: próximas visitas (el estado de una fila, marcas de lo que cambió en otro lugar, cancelar)

host-status-pending = Pendiente de sincronizar
host-status-attention = Requiere atención
host-status-arrived = Ha llegado
host-status-expected = Previsto
host-status-approval = Aprobación solicitada
host-mark-arrived = Ha llegado
host-mark-left = Se ha ido
host-mark-approval = Respuesta cambiada
host-mark-updated = Cambiado en otro lugar
host-mark-added = Añadido en otro lugar
# $time es el día y la hora de la visita.
host-cancel = Cancelar
    .aria-label = Cancelar la visita de { $name } ({ $time })
host-cancel-confirm = Confirmar cancelación
    .aria-label = Confirmar la cancelación de la visita de { $name } ({ $time })
host-sync-waiting =
    { $count ->
        [one] { $count } visita pendiente de sincronizar.
       *[other] { $count } visitas pendientes de sincronizar.
    }

## Panel de sincronización: qué es cada cambio en cola
## $who es "name" (usa $name), "id" (usa $id, el número del visitante en Nexudus) o "walk-in"
## (un visitante sin cita que aún no está en Nexudus).

sync-op-register =
    { $count ->
        [one] Registrar a { $name }
       *[other] Registrar a { $name } para { $count } fechas
    }
sync-op-register-unnamed =
    { $count ->
        [one] Registrar a un visitante
       *[other] Registrar a un visitante para { $count } fechas
    }
sync-op-walk-in = Visitante sin cita: { $name }
sync-op-check-in =
    { $who ->
        [id] Registrar la entrada del visitante { $id }
        [walk-in] Registrar la entrada de un visitante sin cita
       *[name] Registrar la entrada de { $name }
    }
sync-op-check-out =
    { $who ->
        [id] Registrar la salida del visitante { $id }
        [walk-in] Registrar la salida de un visitante sin cita
       *[name] Registrar la salida de { $name }
    }
sync-op-approval =
    { $who ->
        [id] Aprobación del anfitrión para el visitante { $id }
        [walk-in] Aprobación del anfitrión para un visitante sin cita
       *[name] Aprobación del anfitrión para { $name }
    }
sync-op-delete =
    { $who ->
        [id] Eliminar al visitante { $id }
        [walk-in] Eliminar a un visitante sin cita
       *[name] Eliminar a { $name }
    }
sync-op-cancel = Cancelar el registro { $id }

## Panel de sincronización: cambios pendientes

sync-state-pending = En espera
sync-state-in-flight = Enviando…
sync-state-uncertain = Comprobando si Nexudus ya lo tiene
sync-queued-at = en cola desde las { $time }
sync-attempts =
    { $count ->
        [one] { $count } intento
       *[other] { $count } intentos
    }
# Tras el título de una lista ("Requiere atención (2)").
sync-section-count = ({ $count })

## Panel de sincronización: cambios que Nexudus rechazó ($name es el cambio, como lo dicen los sync-op-*)

# La etiqueta del campo muestra el mensaje corto; un lector de pantalla oye el -for.
sync-correct-name = Corrige el nombre
sync-correct-name-for = Corrige el nombre del cambio «{ $name }»
sync-correct-email = Corrige el correo electrónico
sync-correct-email-for = Corrige el correo electrónico del cambio «{ $name }»
sync-correct-phone = Corrige el teléfono
sync-correct-phone-for = Corrige el teléfono del cambio «{ $name }»
sync-correct-company = Corrige la empresa
sync-correct-company-for = Corrige la empresa del cambio «{ $name }»
sync-save-retry = Guardar y reintentar
    .aria-label = Guardar y reintentar el cambio «{ $name }»
sync-retry = Reintentar tal cual
    .aria-label = Reintentar el cambio «{ $name }»
sync-discard = Descartar
    .aria-label = Descartar el cambio «{ $name }»
sync-discard-confirm = ¿Descartar para siempre? Haz clic otra vez
    .aria-label = Confirmar el descarte del cambio «{ $name }»

## Panel de sincronización: el estado de la sincronización ($time es una hora del día)

sync-idle-waiting = Esperando al próximo intento.
sync-idle-attention = No hay nada más pendiente.
sync-idle-done = Todo está sincronizado.
sync-syncing = Sincronizando…
sync-offline = Sin conexión: los cambios se guardan y se enviarán cuando Nexudus esté disponible.
sync-signed-out = Sesión cerrada: vuelve a iniciar sesión para enviar los cambios pendientes.
# Sigue a una de las frases anteriores.
sync-counts =
    { $waiting ->
        [one] { $waiting } pendiente
       *[other] { $waiting } pendientes
    }, { $attention ->
        [one] { $attention } requiere atención.
       *[other] { $attention } requieren atención.
    }
sync-last-at = Última sincronización a las { $time }.
sync-last-never = Aún no se ha sincronizado en esta sesión.
sync-next-at = Próximo intento a las { $time }.
sync-clock-fast =
    { $minutes ->
        [one] El reloj de este equipo va { $minutes } minuto adelantado. Front Desk usa la hora de Nexudus, pero corrige el reloj en los ajustes del sistema, por favor.
       *[other] El reloj de este equipo va { $minutes } minutos adelantado. Front Desk usa la hora de Nexudus, pero corrige el reloj en los ajustes del sistema, por favor.
    }
sync-clock-slow =
    { $minutes ->
        [one] El reloj de este equipo va { $minutes } minuto atrasado. Front Desk usa la hora de Nexudus, pero corrige el reloj en los ajustes del sistema, por favor.
       *[other] El reloj de este equipo va { $minutes } minutos atrasado. Front Desk usa la hora de Nexudus, pero corrige el reloj en los ajustes del sistema, por favor.
    }

## Registro de visitantes ($time es un día y una hora; $problem es por qué Nexudus no respondió)

log-reading = Leyendo…
log-saving = Guardando…
log-from-required = El campo Primer día es obligatorio
log-to-required = El campo Último día es obligatorio
log-from-nexudus =
    { $unreadable ->
        [0] Datos de Nexudus, leídos el { $time }.
        [one] Datos de Nexudus, leídos el { $time }. No se ha podido leer { $unreadable } registro de visitante; búscalo en Nexudus.
       *[other] Datos de Nexudus, leídos el { $time }. No se han podido leer { $unreadable } registros de visitantes; búscalos en Nexudus.
    }
log-from-copy = Nexudus no ha respondido: esta es la copia de este equipo, leída por última vez el { $time }. Faltan los días que nunca se abrieron aquí o que superan el plazo de conservación.
log-from-copy-never = Nexudus no ha respondido: esta es la copia de este equipo, nunca leída en él. Faltan los días que nunca se abrieron aquí o que superan el plazo de conservación.
log-from-copy-problem = Nexudus no ha respondido ({ $problem }): esta es la copia de este equipo, leída por última vez el { $time }. Faltan los días que nunca se abrieron aquí o que superan el plazo de conservación.
log-from-copy-problem-never = Nexudus no ha respondido ({ $problem }): esta es la copia de este equipo, nunca leída en él. Faltan los días que nunca se abrieron aquí o que superan el plazo de conservación.
log-count =
    { $count ->
        [one] { $count } visitante.
       *[other] { $count } visitantes.
    }
# Más de $shown visitantes: en la pantalla solo están los $shown primeros.
log-count-more = { $count } visitantes. Se muestran los { $shown } primeros; el CSV los tiene todos.
# $path es la ruta del archivo CSV.
log-saved =
    { $count ->
        [one] Se ha guardado { $count } visitante en { $path }
       *[other] Se han guardado { $count } visitantes en { $path }
    }
log-saved-copy =
    { $count ->
        [one] Se ha guardado { $count } visitante en { $path } (de la copia de este equipo: Nexudus no ha respondido)
       *[other] Se han guardado { $count } visitantes en { $path } (de la copia de este equipo: Nexudus no ha respondido)
    }
# Dónde se registró una visita (una columna del registro).
log-source-administrator = Panel de administración o puesto de recepción
log-source-nex-io = Quiosco (NexIO)
log-source-customer = Miembro

## Gráfico de llegadas de hoy (su texto para lectores de pantalla; $time es una hora, "08:00")

chart-hour =
    { $arrived ->
        [one] { $time }: { $arrived } llegada
       *[other] { $time }: { $arrived } llegadas
    }
chart-hour-expected =
    { $arrived ->
        [one] { $time }: { $arrived } llegada, { $expected ->
            [one] { $expected } prevista
           *[other] { $expected } previstas
        }
       *[other] { $time }: { $arrived } llegadas, { $expected ->
            [one] { $expected } prevista
           *[other] { $expected } previstas
        }
    }
# $hours es la lista de mensajes chart-hour, separados por punto y coma.
chart-summary = Llegadas por hora: { $hours }.
chart-empty = Todavía no hay visitantes hoy.
