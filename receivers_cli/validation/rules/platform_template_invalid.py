"""R153 platform-template-invalid: receivers.yaml's shared Go templates load, and define only platform names.

``templates: {files: [...]}`` in ``receivers.yaml`` lists Go template files (paths relative to
``receivers.yaml``, globs allowed) emitted as ``templates/_platform.tmpl``; tenants call their
defines (``{{ template "_platform/footer" . }}``) and can never define them (R150). Refused, at the
``templates.files`` entry or at file:line:col in the template file: a path that matches no file or
leaves the folder of ``receivers.yaml`` (unreadable, non-regular, too large or non-UTF-8 files get
R001, R015, R003, R002 there); a file that is not a valid Go template for the target Alertmanager
(the parser R150 uses); a ``define``/``block`` not named ``_platform/<name>`` (a built-in such as
``slack.default.title`` would change every tenant's messages; ``<tenant>/...`` is that tenant's); a
name defined twice; a ``{{ template }}`` call naming anything but a platform define or a built-in
(a tenant's part would run in every other tenant's notifications); a cycle, ``range`` nested
deeper than 2 or text expanding past 1 MiB through calls (tenants' calls count through them).
The template text in a platform receiver's fields is held to the same parser and calls (only
platform defines and built-ins): Alertmanager parses it only when it notifies, so a broken one
would fail every notification of that receiver.

PASS::

    # file: receivers.yaml
    templates: {files: [platform/*.tmpl]}
    # file: platform/footer.tmpl
    {{ define "_platform/footer" }}Runbooks: https://runbooks.example.com/{{ .CommonLabels.alertname }}{{ end }}
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
      receivers:
        - {name: chat, channel_type: slack, config: {api_url: "${SLACK_URL}"}}
      templates:
        slack: {text: '{{ template "__text_alert_list" . }} {{ template "_platform/footer" . }}'}

FAIL::

    # file: receivers.yaml
    templates: {files: [platform/footer.tmpl, platform/missing.tmpl]}
    # file: platform/footer.tmpl
    {{ define "slack.default.title" }}ours{{ end }}
    {{ define "_platform/footer" }}{{ template "acme/text" . }}{{ end }}
    # file: tenants/acme.yaml
    acme:
      metadata: {name: Acme}
"""

from receivers_cli.codes import R153
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule

RULE = Rule(
    R153,
    ValidationLevel.STANDARD,
    "platform template files load and define only _platform/ names",
    stage="platform",
)
