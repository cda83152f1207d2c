# ui-shell.ftl (es): el marco de la ventana y su página estática (ui/index.html, ui/js/main.js,
# ui/js/api.js); véase la cabecera de frontdesk.ftl. Los mensajes `page-` rellenan una vez, al
# empezar, los elementos de index.html con `data-l10n-id`; los atributos de un mensaje
# (.placeholder, .aria-label) rellenan los atributos del elemento. Un mensaje con solo
# atributos no toca el texto del elemento (ni sus elementos hijos).

## El título de la ventana y la cabecera

page-title = Front Desk
page-brand = Front Desk
# Le sigue la dirección del simulador.
page-demo-banner = Modo de demostración: conectado al simulador de Nexudus en
# Le sigue la dirección del servidor, cuando no es el propio de Nexudus.
page-server-chip = Servidor:

## Las secciones (pestañas)

page-sections =
    .aria-label = Secciones
page-nav-today = Hoy
    .aria-label = Hoy
page-nav-walk-in = Sin cita
    .aria-label = Sin cita
page-nav-on-site = En el edificio
    .aria-label = En el edificio
page-nav-log = Registro de visitas
    .aria-label = Registro de visitas
page-nav-host = Mis visitantes
    .aria-label = Mis visitantes
# La pestaña de sincronización: su nombre es el mensaje siguiente; le sigue el número de cambios pendientes.
page-nav-sync =
    .aria-label = Sincronización
page-nav-sync-name = Sincronización
page-nav-settings = Ajustes
    .aria-label = Ajustes

## Barras y avisos en la parte superior de la ventana

page-update-bar =
    .aria-label = Actualización
page-restart-to-update = Reiniciar para actualizar
page-arrival-banner =
    .aria-label = Llegadas
# Una llegada que el escritorio no pudo mostrar como notificación: el aviso lo dice debajo.
# $body (String): el texto de la llegada, ya en el idioma del puesto.
main-arrival-not-shown =
    { $body }
    (Las notificaciones de escritorio no están disponibles en este equipo).

## Inicio de sesión y la sesión

page-sign-in-title = Inicia sesión con tu cuenta de Nexudus
main-sign-in-again-title = Vuelve a iniciar sesión para continuar
page-email-label = Correo electrónico
page-password-label = Contraseña
page-authenticator-code-label = Código de tu aplicación de autenticación
page-space-label = Dirección web de tu espacio
page-space-hint = (solo para miembros; p. ej., myspace.spaces.nexudus.com)
page-advanced = Opciones avanzadas
page-server-label = Dirección del servidor
page-server-hint = (solo para un servidor de preproducción o de pruebas)
page-sign-in-button = Iniciar sesión
# La línea de la cabecera. $mode (String): "reception" o "host" (cualquier otro: desconocido).
main-session-summary =
    { $mode ->
        [reception] Sesión iniciada como { $email } en modo Recepción.
        [host] Sesión iniciada como { $email } en modo Anfitrión.
       *[other] Sesión iniciada como { $email } en modo —.
    }
main-home-summary = Sesión iniciada como { $email }.
main-session-summary-lost = { $email }: Nexudus ha cerrado la sesión. Vuelve a iniciarla más abajo.
main-session-lost = Sesión cerrada: vuelve a iniciar sesión para continuar. Nexudus ha cerrado esta sesión; la lista muestra lo último que se sincronizó.
main-session-lost-waiting =
    { $count ->
        [one] Sesión cerrada: vuelve a iniciar sesión para enviar { $count } cambio pendiente. Se guarda en este equipo hasta entonces.
       *[other] Sesión cerrada: vuelve a iniciar sesión para enviar { $count } cambios pendientes. Se guardan en este equipo hasta entonces.
    }

## No se pudo abrir la carpeta de datos (recuperación)

page-recovery-title = Front Desk no ha podido abrir sus datos
# Le sigue la ruta.
page-recovery-path = Archivo o carpeta:
page-recovery-detail = Lo que ha dicho el sistema
page-recovery-help = Al apartarlo, el archivo antiguo se conserva junto al nuevo (con otro nombre) y, antes, los cambios que no habían llegado a Nexudus se guardan en un archivo a su lado, si todavía se pueden leer. El departamento de informática puede revisar ambos más tarde.
page-recovery-start-fresh = Apartarlo y empezar de cero
page-recovery-retry = Volver a intentarlo
page-recovery-quit = Salir

## Palabras de varias pantallas

page-location-label = Sede
page-phone-label = Teléfono
page-company-label = Empresa
page-optional-hint = (opcional)
page-export-csv = Exportar CSV
page-column-name = Nombre
page-column-company = Empresa
page-column-host = Anfitrión
page-column-arrived = Llegada

## Hoy (recepción)

page-reception-title = Visitantes de hoy
page-search-label = Buscar
page-search =
    .placeholder = Nombre, correo, empresa, anfitrión o código
# Sigue al número de visitantes en el edificio («3 en el edificio»).
page-refresh = Actualizar
page-scan-label = Escanea o escribe un código de visitante
page-scan-code =
    .placeholder = Escanea el código QR del correo del visitante, o escribe su código, y pulsa Intro
page-chart-title = Llegadas por hora
page-legend-arrived = Llegadas
page-legend-expected = Previstas
page-expected-title = Previstos
page-onsite-title = En el edificio
page-left-title = Se han ido

## Mis visitantes (anfitrión)

page-register-title = Registrar un visitante
page-visit-name-label = Nombre completo del visitante
page-visit-email-label = Correo electrónico del visitante
page-visit-time-label = Hora
page-visit-date-label = Fecha
page-add-date = Añadir fecha
page-visit-dates =
    .aria-label = Fechas elegidas
page-visit-notes-label = Notas para el visitante o para recepción
page-register-button = Registrar
page-upcoming-title = Mis próximos visitantes

## Visitante sin cita

page-walk-in-title = Registrar un visitante sin cita
page-walk-in-help = Se registra la entrada del visitante al momento, aunque no se pueda conectar con Nexudus.
page-walk-in-name-label = Nombre completo
page-walk-in-host-label = Anfitrión
page-walk-in-host-hint = (escribe dos letras de su nombre)
page-walk-in-host-results =
    .aria-label = Anfitriones que coinciden
page-walk-in-reason-label = Motivo de la visita
# Motivos sugeridos: el elegido se escribe en el campo y se guarda como motivo de la visita.
page-walk-in-reason-meeting = Reunión
page-walk-in-reason-interview = Entrevista
page-walk-in-reason-delivery = Entrega
page-walk-in-reason-tour = Visita guiada
page-walk-in-notes-label = Notas
page-walk-in-button = Registrar la entrada

## En el edificio ahora (la lista de evacuación)

page-on-site-title = En el edificio ahora
page-print-on-site = Imprimir lista
page-column-badge = Credencial
page-on-site-empty = No hay nadie en el edificio.

## Registro de visitas

page-log-title = Registro de visitas
page-log-from-label = Desde
page-log-to-label = Hasta
page-log-show = Mostrar
page-column-expected = Prevista
page-column-left = Salida
# De dónde viene una fila (Nexudus o la copia de este equipo).
page-column-source = Origen
page-log-empty = No se esperaba a ningún visitante en estos días.

## Sincronización

page-sync-title = Sincronización
page-sync-now = Sincronizar ahora
page-sync-progress =
    .aria-label = Progreso de la sincronización
page-attention-title = Requiere atención
page-attention-empty = Nada requiere atención.
page-waiting-title = Pendiente de sincronizar
page-waiting-empty = No hay nada pendiente.
page-elsewhere-title = Ya hecho en otro lugar
page-elsewhere-help = No se ha enviado: otro puesto de recepción, un quiosco o el anfitrión ya lo había hecho.

## Ajustes

page-settings-title = Ajustes
page-mode-legend = Modo
page-mode-reception = Recepción
page-mode-host = Anfitrión
page-settings-location-label = Sede del puesto de recepción
page-badges-legend = Credenciales
page-cups-server-label = Servidor de impresión
page-cups-server-hint = (opcional: si la impresora de etiquetas se comparte desde un servidor CUPS, su dirección)
page-cups-server =
    .placeholder = Este equipo
page-badge-printer-label = Impresora de credenciales
# «Diálogo del sistema» es el nombre de una de las opciones de la lista de impresoras.
page-badge-printer-hint = (una impresora de etiquetas imprime al momento; «Diálogo del sistema» pregunta cada vez)
page-label-size-label = Tamaño de etiqueta
page-label-brother62x100 = Brother QL, cinta continua de 62 mm (62 × 100 mm)
page-label-dymo89x36 = DYMO LabelWriter, etiqueta de dirección grande (89 × 36 mm)
page-label-a6 = Papel A6 (105 × 148 mm)
page-badge-at-check-in = Imprimir una credencial en cada registro de entrada
page-pref-notifications = Notificaciones de escritorio para las llegadas
page-pref-start-at-login = Abrir Front Desk al iniciar sesión en el equipo
page-pref-kiosk = Modo quiosco (pantalla completa)
page-retention-label = Conservar los datos de los visitantes durante (días)
page-retention-hint = (de 1 a 365: los visitantes más antiguos y los cambios terminados se borran de este equipo)
page-kiosk-password-label = Contraseña de esta cuenta
page-kiosk-password-hint = (modo quiosco: hace falta para cerrar sesión o salir del modo quiosco)
page-kiosk-code-hint = (solo si esta cuenta usa una)
page-test-notification = Enviar notificación de prueba
page-sign-out-remove = Al cerrar sesión, borrar también de este equipo los datos de visitantes de esta cuenta
page-sign-out-export = …y guardar antes los cambios pendientes en un archivo en Descargas (entonces no se enviarán)
page-sign-out = Cerrar sesión

## La credencial del visitante

page-badge-brand = VISITANTE
page-badge-qr =
    .aria-label = Código QR del código de visitante
page-badge-print = Imprimir credencial
page-badge-close = Cerrar

## Errores que la propia ventana genera (los de Rust ya llegan traducidos)

api-no-backend = El núcleo de Front Desk no está disponible en esta ventana.
api-unknown-error = Algo ha salido mal.

## Idioma

page-language-label = Idioma
page-language-automatic = Automático (el idioma de este equipo)
page-language-apply = Usar este idioma
page-language-automatic-now = Automático (ahora { $language })
