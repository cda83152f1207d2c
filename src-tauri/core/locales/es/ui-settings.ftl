# ui-settings.ftl (es): los Ajustes de la ventana, el inicio de sesión, las credenciales, las
# actualizaciones, la política de la organización y la pantalla de recuperación. Consulta la
# cabecera de frontdesk.ftl.

## Ajustes

settings-saved = Guardado.
settings-test-sending = Enviando…
settings-test-sent = Enviada. Deberías verla en tu escritorio.
# $problem son las palabras del núcleo sobre el campo, ya en el idioma del puesto.

## Formulario de inicio de sesión

sign-in-submit = Iniciar sesión
sign-in-busy = Iniciando sesión…

## Credenciales: la vista previa, la impresión y Ajustes → Credenciales

# $host es el nombre del anfitrión.
badge-visiting = Visita a { $host }
badge-code = Código { $code }
badge-printing = Imprimiendo…
badge-sent = Credencial de { $name } enviada a { $printer }.
badge-sent-approximated = Credencial de { $name } enviada a { $printer }. Algunas letras del nombre no están en la fuente de la etiqueta y se han sustituido.
# "Credencial" es el botón de la fila del visitante (ver el mensaje de ese botón).
badge-press-badge = Credencial de { $name }: pulsa «Credencial» en su fila para imprimirla.
# $problem es el problema de la impresora, ya como frase.
badge-print-failed-saved = { $problem } La entrada de { $name } ya está registrada.
badge-printer-system-dialog = Diálogo del sistema
badge-no-printer-on-server = No se ha encontrado ninguna impresora en { $server }: las credenciales se imprimen con el diálogo del sistema.
badge-no-printer-here = No se ha encontrado ninguna impresora en este equipo: las credenciales se imprimen con el diálogo del sistema.

## Actualizaciones: la barra bajo la cabecera y la línea de Ajustes

# $received y $total son megabytes.
updates-downloading = Descargando Front Desk { $version }: { NUMBER($received, minimumFractionDigits: 1, maximumFractionDigits: 1) } MB…
updates-downloading-of = Descargando Front Desk { $version }: { NUMBER($received, minimumFractionDigits: 1, maximumFractionDigits: 1) } de { NUMBER($total, minimumFractionDigits: 1, maximumFractionDigits: 1) } MB…
# $count es el número de cambios que aún esperan para enviarse.
updates-ready =
    { $count ->
        [0] Front Desk { $version } está listo. Se instalará cuando nadie haya usado este puesto de recepción durante diez minutos.
        [one] Front Desk { $version } está listo. Se instalará cuando no quede nada por enviar ({ $count } cambio pendiente) y nadie haya usado este puesto de recepción durante diez minutos. Los cambios pendientes se conservan en cualquier caso.
       *[other] Front Desk { $version } está listo. Se instalará cuando no quede nada por enviar ({ $count } cambios pendientes) y nadie haya usado este puesto de recepción durante diez minutos. Los cambios pendientes se conservan en cualquier caso.
    }
updates-installing = Instalando Front Desk { $version }. La ventana se volverá a abrir en un momento.
updates-summary-checking = Actualizaciones: buscando una versión nueva…
updates-summary-up-to-date = Actualizaciones: tienes la versión más reciente ({ $version }).
# $problem es el problema del actualizador, ya como frase.
updates-summary-failed = Actualizaciones: { $problem }
updates-summary-not-checked = Actualizaciones: todavía no se han buscado.
# $status es la línea de la barra de actualización.
updates-summary-status = Actualizaciones: { $status }

## La política de la organización

policy-locked = Definido por tu organización
policy-problem = El archivo de ajustes de tu organización tiene un problema, así que no se aplica nada de él: { $problem }. Avisa a tu departamento de informática.

## Pantalla de recuperación (no se pueden abrir los datos del puesto)

recovery-path-unknown = (desconocido)
recovery-trying-again = Volviendo a intentarlo…
recovery-moving-aside = Apartándolo…
recovery-moved = Los datos antiguos se conservan en { $kept }. Iniciando…
# $file es donde se guardaron los cambios pendientes.
recovery-moved-exported =
    { $count ->
        [one] Los datos antiguos se conservan en { $kept }. Se ha guardado { $count } cambio pendiente en { $file }. Iniciando…
       *[other] Los datos antiguos se conservan en { $kept }. Se han guardado { $count } cambios pendientes en { $file }. Iniciando…
    }
