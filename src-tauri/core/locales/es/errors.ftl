# Lo que el núcleo dice a una persona: los errores que llegan a la ventana y a la línea de
# órdenes, y los problemas de los campos de los formularios. Los valores de Nexudus
# ($message, $detail) quedan en las palabras del servidor.

## Nexudus

# El texto tal como lo dijo Nexudus, que no está en ningún catálogo.
error-as-said = { $text }
error-validation = Nexudus no aceptó esto: { $message }
error-rejected = Nexudus no pudo completar esto: { $message }
error-sign-in-required = Tu sesión de Nexudus ha caducado. Vuelve a iniciar sesión para seguir; no se pierde nada de lo que escribiste.
error-forbidden = Esta cuenta de Nexudus no tiene permiso para hacer esto. Pide a un administrador los roles de visitantes (Visitor-List, -Read, -Create, -Edit).
error-throttled = Nexudus nos pidió que fuéramos más despacio.
error-offline = No se puede conectar con Nexudus. Revisa la red; el cambio se guarda y se enviará más tarde.
error-transient = Nexudus tuvo un problema temporal. Se volverá a intentar.
error-transient-status = Nexudus tuvo un problema temporal ({ $status }). Se volverá a intentar.
error-uncertain = Nexudus no respondió; puede que el cambio se haya aplicado. Se comprobará antes de volver a enviar nada.
error-not-found = Ese registro ya no existe en Nexudus.
error-permanent = Nexudus rechazó esto ({ $status }): { $message }
error-invalid-credentials = El correo electrónico o la contraseña no son correctos.
error-two-factor-required = Escribe el código de tu aplicación de autenticación.
error-must-reset-password = Nexudus te pide que restablezcas la contraseña. Restablécela en el portal de Nexudus y luego inicia sesión aquí.
error-protocol = Nexudus envió una respuesta que Front Desk no pudo leer: { $detail }
error-untrusted = La conexión con Nexudus no es de confianza (se rechazó su certificado). No se envió nada; los cambios se conservan. Pide al departamento de informática que revise el proxy de la red o la dirección del servidor.

## La dirección del servidor

error-address-invalid = «{ $address }» no es una dirección web. Usa una forma como https://myspace.spaces.nexudus.com.
error-address-not-https = «{ $address }» no usa HTTPS. Solo las direcciones de este equipo (localhost) pueden usar http:// sin cifrar.
error-address-portal = «{ $address }» es el portal de miembros, que no ofrece la API. Usa myspace.spaces.nexudus.com en lugar de myspace.nexudus.site.
error-address-bad-space = «{ $address }» no es la dirección web de un espacio. Debe tener la forma myspace o myspace.spaces.nexudus.com.

## La cuenta y el llavero

error-check-fields = Revisa los campos marcados.
error-no-access = Esta cuenta de Nexudus no puede llevar la recepción (necesita los roles de visitantes) ni recibir visitas (necesita un perfil de miembro en el espacio).
error-signed-out = Has cerrado la sesión. Inicia sesión para seguir.
error-mode-not-allowed = Esta cuenta no se puede usar en modo { $mode ->
        [host] anfitrión
       *[reception] recepción
    }.
error-changes-waiting =
    { $count ->
        [one] 1 cambio hecho aquí aún no ha llegado a Nexudus, así que no se eliminó nada. Sincronízalo primero (Sincronización → Sincronizar ahora), o marca «guardar antes los cambios pendientes en un archivo» para conservarlo en un archivo (entonces no se enviará).
       *[other] { $count } cambios hechos aquí aún no han llegado a Nexudus, así que no se eliminó nada. Sincronízalos primero (Sincronización → Sincronizar ahora), o marca «guardar antes los cambios pendientes en un archivo» para conservarlos en un archivo (entonces no se enviarán).
    }
error-keyring-unavailable = No hay ningún llavero para guardar tu sesión de forma segura. { $os ->
        [linux] Instala y desbloquea un llavero de Secret Service como GNOME Keyring (apt install gnome-keyring) o KWallet, y vuelve a iniciar sesión.
        [macos] Permite que Front Desk use tu llavero de inicio de sesión y vuelve a iniciar sesión.
        [windows] Permite que Front Desk use el Administrador de credenciales de Windows y vuelve a iniciar sesión.
       *[other] Inicia sesión en un equipo con llavero.
    }
error-keyring-locked = El llavero está bloqueado. Desbloquéalo (en Contraseñas y claves de tu escritorio, o cerrando la sesión del equipo y volviendo a entrar) y luego inicia sesión.
error-keyring-unreadable = No se pudo leer la sesión guardada. Vuelve a iniciar sesión.
error-keyring-refused = El llavero se negó a guardar la sesión: { $detail }

## Los datos de este equipo

error-store-open = No se pudieron abrir los datos locales de Front Desk en { $path }: { $detail }
error-store-database = No se pudieron actualizar los datos locales de Front Desk: { $detail }
error-store-migration = No se pudieron preparar los datos locales de Front Desk: { $detail }
error-store-setting = No se pudo leer un ajuste guardado: { $detail }
error-store-lock = No se pudo bloquear la carpeta de datos de Front Desk: { $detail }
error-unknown-visitor = Ese visitante ya no está en la lista de hoy. Actualiza e inténtalo de nuevo.
error-language-locked = El idioma lo fija tu organización.
error-language-not-shipped = «{ $language }» no es un idioma que incluya esta versión.

## Imprimir credenciales

error-print-no-cups = Para imprimir sin diálogo hace falta CUPS (las órdenes lp y lpstat), que no está instalado aquí. Instala CUPS o elige «Diálogo del sistema» en Ajustes.
error-print-no-printer = No hay ninguna impresora elegida para las credenciales. Elige una en Ajustes, o «Diálogo del sistema».
error-print-unknown-printer = Este equipo ya no conoce la impresora «{ $printer }». Elige otra en Ajustes.
error-print-no-scheduler = El servicio de impresión (CUPS) no está en marcha en este equipo, así que no se imprimió la credencial. Ponlo en marcha (o pídeselo al departamento de informática) y vuelve a imprimir la credencial desde la lista.
error-print-stopped = La impresora «{ $printer }» está detenida, así que no se imprimió la credencial. Pon en marcha la impresora (en los ajustes de impresoras, o con `cupsenable { $printer }`) y vuelve a imprimir la credencial desde la lista.
error-print-stopped-because = La impresora «{ $printer }» está detenida ({ $reason }), así que no se imprimió la credencial. Pon en marcha la impresora (en los ajustes de impresoras, o con `cupsenable { $printer }`) y vuelve a imprimir la credencial desde la lista.
error-print-not-accepting = La impresora «{ $printer }» no acepta trabajos, así que no se imprimió la credencial. Haz que vuelva a aceptarlos (`cupsaccept { $printer }`) y vuelve a imprimir la credencial desde la lista.
error-print-failed = No se imprimió la credencial: { $detail }

## Escanear el código de un visitante

desk-scan-empty = Escanea el código QR de un visitante o escribe su código y pulsa Intro.
desk-scan-unknown = Ningún visitante previsto hoy aquí tiene el código { $code }. Revisa el código o busca por nombre.
desk-scan-several = Ese escaneo contiene los códigos de más de un visitante, así que no se registró la entrada de nadie. Escribe el código del visitante o busca por nombre.

## El problema de un campo, en una frase

field-required = El campo { $field } es obligatorio
field-bad-email = { $field }: no es una dirección de correo electrónico válida
field-too-long = { $field }: admite como máximo { $max } caracteres
field-no-date = { $field }: hace falta al menos una fecha
field-too-many-dates = { $field }: se admiten como máximo { $max } fechas
field-past = { $field }: no puede estar en el pasado
field-too-far = { $field }: como máximo a un año vista
field-same-date-twice = { $field }: la misma fecha aparece dos veces
field-between-days = { $field }: debe estar entre 1 y { $max } días
field-wrong-password = { $field }: no es la contraseña de esta cuenta
field-locked = { $field }: lo fija tu organización
field-not-correctable = { $field }: no se puede corregir aquí
field-before-first-day = { $field }: debe ser igual o posterior al primer día
field-log-too-long = { $field }: como máximo { $max } días después del primer día
field-no-such-day = { $field }: ese día no existe en esta sede
field-code-digits = { $field }: deben ser las cifras de tu aplicación de autenticación
field-kiosk-server = { $field }: no se puede cambiar en modo quiosco; sal antes del modo quiosco en Ajustes
field-code-needed = { $field }: también hace falta; escribe el código de tu aplicación de autenticación
field-dash-start = { $field }: no puede empezar por -
field-spaces-or-hash = { $field }: no puede contener espacios ni #
field-longer-than = { $field }: tiene más de { $max } caracteres
# Un problema con las palabras de Nexudus, que ningún catálogo puede conocer.
field-problem-nameless = { $problem }
field-problem = { $field }: { $problem }

## Los nombres de los campos en esas frases

field-name-fullName = Nombre completo
field-name-email = Correo electrónico
field-name-phone = Teléfono
field-name-company = Empresa
field-name-reason = Motivo
field-name-notes = Notas
field-name-dates = Fechas
field-name-date = Fecha
field-name-businessId = Sede
field-name-location = Sede
field-name-password = Contraseña
field-name-code = Código
field-name-server = Dirección del servidor
field-name-totp = Código
field-name-cupsServer = Servidor de impresión
field-name-space = Espacio
field-name-retentionDays = Días
field-name-kiosk = Modo quiosco
field-name-notifications = Notificaciones
field-name-language = Idioma
field-name-printer = Impresora
field-name-labelSize = Tamaño de etiqueta
field-name-hostId = Anfitrión
field-name-kind = Cambio
field-name-label = Tamaño de etiqueta
field-name-printAtCheckIn = Imprimir al registrar la entrada
field-name-from = Primer día
field-name-to = Último día

## Lo que hizo un escaneo (con el nombre del anfitrión, si la visita lo tiene)

desk-scan-needs-attention = No se registró la entrada: un cambio en la visita de { $name } espera a una persona en Sincronización. Míralo allí y luego registra su entrada desde la lista.
desk-scan-already-on-site = { $host ->
        [none] { $name } ya tiene registrada la entrada.
       *[other] { $name } ya tiene registrada la entrada, de visita con { $host }.
    }
desk-scan-already-left = { $name } ya vino hoy y se fue. Para que vuelva a entrar, registra su entrada como visitante sin cita.
desk-scan-declined = No se registró la entrada: el anfitrión rechazó la visita de { $name }. Búscala en la lista para registrar su entrada de todos modos.
desk-scan-awaiting-approval = Aún no se registró la entrada: el anfitrión de { $name } no ha aprobado la visita. Apruébala en la lista o espera al anfitrión.
desk-scan-welcome = { $host ->
        [none] Te damos la bienvenida, { $name }.
       *[other] Te damos la bienvenida, { $name }, de visita con { $host }.
    }

## Los ajustes y archivos de este puesto

error-notifications-unavailable = No se pueden mostrar notificaciones de escritorio en este equipo ({ $detail }). Las llegadas seguirán apareciendo en esta ventana.
error-desktop-kiosk = No se pudo cambiar el modo quiosco en este equipo ({ $detail }).
error-desktop-start-at-login = No se pudo cambiar si Front Desk se abre al iniciar sesión en este equipo ({ $detail }).
error-file = No se pudo guardar { $path } ({ $detail }). Comprueba que la carpeta existe y tiene espacio.
error-settings-locked = Algunos de estos ajustes los fija tu organización.
error-no-update = No hay ninguna actualización lista para instalar. Front Desk volverá a buscar mañana.

## Cuando no se puede abrir la carpeta de datos

error-nothing-to-recover = Los datos de Front Desk se abrieron con normalidad.
error-not-moved-aside = { $path } no se pudo apartar: { $detail }.
error-quit-from-tray = Sal desde el icono de la bandeja.
recovery-problem-no-folder = Este equipo no tiene ninguna carpeta para los datos de Front Desk.
recovery-problem-folder-unusable = No se puede usar la carpeta de datos de Front Desk (hay otra cosa en su lugar, o este usuario no puede escribir en ella).
recovery-problem-newer-version = La base de datos la modificó una versión más reciente o distinta de Front Desk, que esta versión no puede leer con seguridad.
recovery-problem-not-a-database = El archivo de base de datos de Front Desk está dañado o no es una base de datos.
recovery-problem-read-only = La base de datos de Front Desk se puede leer pero no escribir: no se podría conservar nada de lo que se haga en este puesto.
recovery-problem-busy = Otro proceso de Front Desk está usando la base de datos (una actualización, o una sincronización lanzada por informática). Espera un momento e inténtalo de nuevo.
recovery-problem-cannot-open = No se puede abrir la base de datos de Front Desk en su carpeta de datos.
recovery-problem-other = No se pudo abrir la base de datos de Front Desk.

## Actualizaciones ($current es la versión de este puesto; $version la de la actualización, "none" si no se sabe)

update-off-policy-broken = Las actualizaciones esperan a que se corrija el archivo de ajustes de tu organización (mira la parte superior de la ventana).
update-off-policy-unusable = Las actualizaciones están desactivadas: los ajustes de actualización de la política no se pueden usar ({ $problem }). Avisa a tu departamento de informática.
update-off-switched-off = Tu organización ha desactivado las actualizaciones.
update-off-development = Las actualizaciones están desactivadas en una versión de desarrollo, salvo que una política indique un origen.
update-off-test-key = Las actualizaciones están desactivadas: esta versión solo confía en la clave de firma de pruebas. Compila las versiones publicadas con FRONTDESK_UPDATE_PUBKEY (consulta el README).
update-feed-timeout = El origen de actualizaciones no respondió en 2 minutos. Este puesto sigue en la versión { $current } y lo volverá a intentar más tarde.
update-not-https = Se rechazó la actualización a { $version }: el origen indica su paquete en una dirección que no es https ({ $problem }). No se descargó nada; este puesto sigue en la versión { $current }. Avisa a tu departamento de informática.
update-download-timeout = La actualización a { $version } no terminó de descargarse en 30 minutos. Este puesto sigue en la versión { $current } y lo volverá a intentar más tarde.
update-install-stopped = La instalación de { $version } se detuvo de forma inesperada ({ $detail }). Este puesto sigue en la versión { $current }.
update-not-signed = Se rechazó { $version ->
        [none] la actualización
       *[other] la actualización a { $version }
    }: no está firmada con la clave de Front Desk. No se instaló nada; este puesto sigue en la versión { $current }. Avisa a tu departamento de informática: puede que alguien haya manipulado el origen de actualizaciones.
update-not-installed = No se instaló { $version ->
        [none] la actualización
       *[other] la actualización a { $version }
    }: no se dio la contraseña de un administrador, o el gestor de paquetes rechazó el paquete. Este puesto sigue en la versión { $current }. Haz clic en «Reiniciar para actualizar» para volver a intentarlo, o avisa a tu departamento de informática.
update-feed-unreachable = No se pudo acceder al origen de actualizaciones o leerlo ({ $detail }). Este puesto sigue en la versión { $current } y lo volverá a intentar más tarde.
update-could-not-install = No se pudo instalar { $version ->
        [none] la actualización
       *[other] la actualización a { $version }
    } ({ $detail }). Este puesto sigue en la versión { $current }.

## Las notas del motor de sincronización sobre un cambio ($who es quien cambió el registro por última vez, "none" si no se sabe)

engine-unreachable = No se pudo conectar con Nexudus.
engine-waiting-for-creation = Esperando a que se cree el visitante.
engine-never-created = Este visitante nunca se creó en Nexudus (se descartó su registro).
engine-checking-before-alone = Comprobando antes de enviarlo por separado.
engine-some-dates-arrived = Solo algunas de estas fechas llegaron a Nexudus. Revisa los visitantes del anfitrión y luego reintenta o descarta.
engine-interrupted = El envío se interrumpió; se está comprobando si llegó.
engine-not-found-yet = Aún no está en Nexudus; se comprobará de nuevo antes de volver a enviarlo.
engine-visitor-gone = Ese visitante ya no existe en Nexudus.
engine-sending-again = Enviando de nuevo.
engine-not-found-sending-again = No está en Nexudus tras varias comprobaciones; se envía de nuevo.
engine-already-checked-in-and-left = No se registró la entrada otra vez: { $name } ya había entrado{ $arrived ->
        [none] {""}
       *[other] {" "}a las { $arrived }
    } y se fue a las { $left }{ $who ->
        [none] {""}
       *[other] {" "}(último cambio de { $who })
    }.
engine-already-checked-in = No se registró la entrada otra vez: { $name } ya tenía registrada la entrada{ $arrived ->
        [none] {""}
       *[other] {" "}a las { $arrived }
    }{ $who ->
        [none] {""}
       *[other] {" "}(último cambio de { $who })
    }.
engine-already-checked-out = { $name } ya tenía registrada la salida a las { $left }{ $who ->
        [none] {""}
       *[other] {" "}(último cambio de { $who })
    }.
engine-approval-already = La aprobación del anfitrión ya constaba como { $status ->
        [not-required] no necesaria
        [requested] solicitada
        [declined] rechazada
        [collect] aprobada (el anfitrión pasa a recogerlo)
        [sent-up] aprobada (enviado al anfitrión)
       *[changed] cambiada
    }.
engine-approval-changed-elsewhere = No enviado: la aprobación se cambió a { $status ->
        [not-required] no necesaria
        [requested] solicitada
        [declined] rechazada
        [collect] aprobada (el anfitrión pasa a recogerlo)
        [sent-up] aprobada (enviado al anfitrión)
       *[changed] otro estado
    } en otro lugar{ $who ->
        [none] {""}
       *[other] {" "}(último cambio de { $who })
    } después de que este puesto la viera.

## La línea de órdenes (frontdesk …)

cli-password-unreadable = no se pudo leer la contraseña de la entrada estándar: { $detail }
cli-password-missing = no hay contraseña en la entrada estándar (pásala por una tubería, en una línea)
cli-two-factor = esta cuenta usa verificación en dos pasos: añade --totp CÓDIGO
cli-signed-in = Sesión iniciada como { $email } ({ $mode ->
        [reception] recepción
        [host] anfitrión
       *[none] sin rol de visitantes
    }) en { $server }. La sesión se guarda en el llavero del sistema.
cli-checks-passed = Se superaron las { $total } comprobaciones.
cli-checks-failed = { $failed ->
        [one] Falló 1 de { $total } comprobaciones.
       *[other] Fallaron { $failed } de { $total } comprobaciones.
    }
cli-still-busy = Front Desk sigue enviando cambios en otro proceso; aquí no se envió nada. Inténtalo más tarde.
cli-busy-waiting = Front Desk está enviando cambios en otro proceso de este equipo; esperando a que termine…
cli-waiting-next-try = esperando { $seconds } s hasta el próximo intento…
cli-sent = { $sent ->
        [one] Se envió 1 cambio
       *[other] Se enviaron { $sent } cambios
    }. { $waiting ->
        [one] 1 sigue pendiente
       *[other] { $waiting } siguen pendientes
    }, { $attention ->
        [one] 1 necesita atención
       *[other] { $attention } necesitan atención
    }.{ $stopped ->
        [none] {""}
       *[other] {" "}Detenido: { $stopped }.
    }
cli-status-account = cuenta
cli-status-signed-out = sesión cerrada
cli-status-waiting = pendientes
cli-status-sending = enviándose
cli-status-checking = en comprobación
cli-status-attention = necesitan atención
cli-status-done = hechos
cli-status-discarded = descartados
cli-status-oldest = el más antiguo abierto
cli-operations-written = { $count ->
        [one] 1 operación escrita en { $path }
       *[other] { $count } operaciones escritas en { $path }
    }
cli-queue-empty = La cola está vacía.
cli-not-restored = no se pudo recuperar la sesión guardada: { $detail }
queue-summary-register = { $dates ->
        [one] Registrar a { $name }
       *[other] Registrar a { $name } en { $dates } fechas
    }
queue-summary-walk-in = Visitante sin cita: { $name }
queue-summary-check-in = Registrar entrada
queue-summary-check-out = Registrar salida
queue-summary-approval = Aprobación del anfitrión
queue-summary-delete = Eliminar visitante
queue-summary-cancel = Cancelar registro

## Las comprobaciones de frontdesk doctor (para informática)

doctor-keyring-answers = el llavero del sistema responde
doctor-notifications-served = las sirve { $service }
doctor-notifications-none = no hay servicio de notificaciones ({ $detail }); las llegadas solo se verán en la ventana
doctor-server-unreachable = no se puede conectar con { $server }: { $detail }
doctor-server-answered = { $server } respondió ({ $status }) en { $ms } ms
doctor-clock-not-checked = sin comprobar: no se puede conectar con el servidor
doctor-clock-no-date = el servidor no envió una cabecera Date con la que comparar
doctor-clock-skew = a { $seconds } s del reloj del servidor
doctor-clock-skew-too-far = a { $seconds } s del reloj del servidor: pon la hora de este equipo en automático
doctor-database-ok = comprobación de integridad correcta
doctor-database-damaged = comprobación de integridad: { $detail }
doctor-policy-broken = { $problem } (no se aplica nada del archivo hasta que se corrija)
doctor-policy-none = no hay archivo de política en { $path }
doctor-policy-defaults = { $path }: solo valores predeterminados
doctor-policy-locks = { $path }: fija { $keys }
doctor-policy-language-passed-over = ; { $problem }: deciden las demás fuentes del puesto
doctor-language-not-shipped = el idioma «{ $tag }» no es uno de los que incluye esta versión ({ $shipped })

## frontdesk --help

cli-help-about = Front Desk: recepción de visitantes para espacios de coworking en Nexudus.
cli-help-long-about = Front Desk: recepción de visitantes para espacios de coworking en Nexudus.

    Sin una orden, abre la aplicación. Las órdenes de abajo son para informática: no necesitan ventana.
    El servidor es Nexudus, salvo que FRONTDESK_NEXUDUS_URL indique otro (de pruebas, un simulador);
    la carpeta de datos es la carpeta de datos de aplicaciones del sistema, salvo que FRONTDESK_DATA_DIR indique otra.
    FRONTDESK_LANG fija el idioma de estos mensajes (en, es).
cli-help-login = Inicia la sesión de este equipo en Nexudus y la guarda en el llavero del sistema. La contraseña se lee de la entrada estándar (una línea), nunca de la línea de órdenes.
cli-help-login-email = El correo electrónico de la cuenta de Nexudus.
cli-help-login-totp = El código de la aplicación de autenticación, para cuentas con verificación en dos pasos.
cli-help-login-space = Para miembros (anfitriones): la dirección web del espacio, p. ej. myspace.spaces.nexudus.com.
cli-help-login-server = Otro servidor (de pruebas); HTTPS, o HTTP solo en este equipo.
cli-help-doctor = Comprueba lo que necesita un puesto: llavero, notificaciones, servidor, reloj, base de datos. Una línea por comprobación; sale con 1 si alguna falla.
cli-help-json = Muestra los resultados en JSON.
cli-help-queue = Consulta la cola de cambios sin conexión.
cli-help-queue-status = Recuento por estado, el cambio abierto más antiguo y la cuenta con sesión iniciada.
cli-help-queue-list = Los cambios aún no hechos (pendientes, en comprobación, que necesitan atención).
cli-help-queue-export = Todos los cambios de la cola, también los hechos, para un informe o una incidencia de soporte.
cli-help-format = El formato de la salida.
cli-help-output = Escribe en este archivo en lugar de la salida estándar.
cli-help-sync = Envía a Nexudus los cambios pendientes.
cli-help-sync-once = Vacía la cola una vez y sale (esperando hasta 2 minutos los cambios que vuelven a tocar pronto): 0 no queda nada, 3 quedan cambios pendientes (sin conexión, limitado, sesión cerrada), 4 hay cambios que necesitan a una persona, 1 error.
