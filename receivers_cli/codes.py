"""Rule codes: the one place a rule id is spelled.

Every :class:`~receivers_cli.errors.Problem` carries a :class:`Code` from this module, never a
bare string, so an id cannot be emitted without being in the catalogue (mypy refuses a ``str``
where a ``Code`` is expected, and tests/test_rule_codes.py refuses a bare id literal anywhere in
the package and a code that nothing emits).

Two kinds of code:

- validation rules (R0xx-R2xx, R4xx, R5xx warnings): documented by their module under
  ``receivers_cli/validation/rules/`` (docstring, level, PASS/FAIL snippets); here they only get
  their id and name;
- codes of the later stages and other commands (R3xx render, S secrets, T tenant tests, D diff):
  documented here, by ``summary`` and ``explanation``, and listed in the same catalogue
  (``receivers rules``, ``receivers validate --explain ID``).

A ``Code`` is a ``str`` (its id), so output, sorting and comparisons are those of the id.
"""

from __future__ import annotations

from typing import Any

_BY_ID: dict[str, Code] = {}


class Code(str):
    """A catalogued rule id with its name; codes outside validation also carry their documentation."""

    name: str
    stage: str
    summary: str
    explanation: str

    def __new__(cls, rule_id: str, name: str, stage: str = "", summary: str = "", explanation: str = "") -> Code:
        if rule_id in _BY_ID:
            raise ValueError(f"rule id {rule_id} is defined twice")
        code = super().__new__(cls, rule_id)
        for key, value in (("name", name), ("stage", stage), ("summary", summary), ("explanation", explanation)):
            object.__setattr__(code, key, value)
        _BY_ID[rule_id] = code
        return code

    @property
    def id(self) -> str:
        return str.__str__(self)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("a Code is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        # Copies and pickles resolve to the one registered object.
        return (by_id, (self.id,))


def by_id(rule_id: str) -> Code:
    """The code with this id (KeyError when none is catalogued)."""
    return _BY_ID[rule_id]


def all_codes() -> tuple[Code, ...]:
    return tuple(sorted(_BY_ID.values()))


def documented_here() -> tuple[Code, ...]:
    """The codes this module documents (the ones without a validation rule module)."""
    return tuple(c for c in all_codes() if c.explanation)


# --- validation rules: documented in receivers_cli/validation/rules/<name>.py ----------------------

R001 = Code("R001", "file-unreadable")
R002 = Code("R002", "file-not-text")
R003 = Code("R003", "file-too-large")
R004 = Code("R004", "file-empty")
R005 = Code("R005", "nesting-too-deep")
R006 = Code("R006", "yaml-syntax")
R007 = Code("R007", "alias-expansion")
R008 = Code("R008", "yaml-tag")
R009 = Code("R009", "key-duplicate")
R010 = Code("R010", "tenant-file-shape")
R011 = Code("R011", "tenant-id-not-stem")
R012 = Code("R012", "alertmanager-version-invalid")
R013 = Code("R013", "tenant-file-skipped")
R014 = Code("R014", "tenants-folder-empty")
R015 = Code("R015", "file-not-regular")
R101 = Code("R101", "field-unknown")
R102 = Code("R102", "type-wrong")
R103 = Code("R103", "value-not-allowed")
R104 = Code("R104", "field-missing")
R105 = Code("R105", "url-invalid")
R106 = Code("R106", "duration-invalid")
R110 = Code("R110", "channel-type-unknown")
R111 = Code("R111", "severity-unknown")
R112 = Code("R112", "id-invalid")
R120 = Code("R120", "receiver-name-duplicate")
R121 = Code("R121", "tenant-id-duplicate")
R122 = Code("R122", "platform-receiver-undefined")
R130 = Code("R130", "time-interval-undefined")
R131 = Code("R131", "tenant-label-in-match")
R132 = Code("R132", "inhibit-matcher-invalid")
R133 = Code("R133", "time-interval-version")
R134 = Code("R134", "match-value-regex-like")
R135 = Code("R135", "route-reference-undefined")
R136 = Code("R136", "route-matcher-invalid")
R137 = Code("R137", "route-shorthand-conflict")
R138 = Code("R138", "route-too-large")
R140 = Code("R140", "placeholder-malformed")
R141 = Code("R141", "envelope-malformed")
R150 = Code("R150", "template-invalid")
R151 = Code("R151", "template-key-unknown")
R152 = Code("R152", "template-unbounded")
R153 = Code("R153", "platform-template-invalid")
R160 = Code("R160", "value-out-of-range")
R161 = Code("R161", "key-case-duplicate")
R162 = Code("R162", "group-by-invalid")
R163 = Code("R163", "route-timer-invalid")
R164 = Code("R164", "time-interval-invalid")
R171 = Code("R171", "variable-not-granted")
R172 = Code("R172", "variable-grant-reserved")
R173 = Code("R173", "variable-grant-unknown-tenant")
R201 = Code("R201", "version-unsupported")
R204 = Code("R204", "integration-field-missing")
R205 = Code("R205", "fields-exclusive")
R206 = Code("R206", "alias-conflict")
R207 = Code("R207", "file-field-forbidden")
R208 = Code("R208", "settings-conflict")
R230 = Code("R230", "inherited-credential")
R401 = Code("R401", "secret-plaintext")
R402 = Code("R402", "url-not-https")
R403 = Code("R403", "premium-without-paging")
R404 = Code("R404", "critical-unreceived")
R405 = Code("R405", "pii-label-in-template")
# warnings (legal but probably not meant): they fail validate only with --strict-warnings
R501 = Code("R501", "tenant-receivers-empty")
R502 = Code("R502", "alerts-dropped")
R503 = Code("R503", "group-wait-exceeds-interval")
R504 = Code("R504", "repeat-below-group-interval")
R505 = Code("R505", "time-interval-never-active")
R506 = Code("R506", "test-severity-unknown")
R507 = Code("R507", "receiver-unreachable")

# --- ignores (validate --ignore, receivers.yaml lint:, inline comments in tenant files) ----------

R510 = Code(
    "R510", "ignore-invalid", "validate", "each ignore names a rule that may be ignored there",
    """An ignore names a rule id (or name) that is not in the catalogue, or one that cannot be ignored
where it is written. Ignores come from ``receivers validate --ignore ID`` (repeatable), from
``lint: {ignore: [ID, ...], tenants: {<tenant>: [ID, ...]}}`` in ``receivers.yaml``, and from a
comment in a tenant file, ``# receivers: ignore ID[, ID...]``, which covers its own line and the
line below it.

Only warnings and the policy rules of the ``strict`` level can be ignored: any other error means
Alertmanager would refuse the config or route it wrongly. A tenant's own comment can never ignore a
rule that protects isolation or secrets (R131, R136, R141, R150-R152, R171-R173, R207, R230, R401,
R402, R405): tenant files are untrusted, and a hostile one would switch the check off; the
platform team can, in ``receivers.yaml``. Every ignore is reported with what it hid.

Fix: correct the id (``receivers rules`` lists them), or fix the finding itself.""",
)

# --- validate --rules (Prometheus alerting rules checked against the tenants) ---------------------

R601 = Code(
    "R601", "rules-file-invalid", "rule-files", "a --rules file is a Prometheus rule file",
    """A file given to ``receivers validate --rules`` is not what ``promtool check rules`` accepts:
not YAML, no ``groups:`` list, a group without a name or named twice, an unknown field, a rule
with both or neither of ``alert``/``record``, no ``expr``, a bad label name, duration or recording
rule name. The expression itself is not parsed (run ``promtool check rules`` for PromQL).

Fix: the file as promtool wants it (``groups: [{name: ..., rules: [{alert: ..., expr: ...}]}]``).""",
)
R602 = Code(
    "R602", "rule-tenant-missing", "rule-files", "every alert carries the tenant label",
    """An alerting rule's alerts carry no tenant label, so they reach no tenant (only the platform's
default receiver). An error when it is certain: no static ``labels:`` entry and an expression that
aggregates the label away (``sum(...)`` without ``by (tenant)``, ``absent(...)``, ``vector(...)``).
A warning when the label may come from the series (``up == 0``) or from a template
(``tenant: "{{ $labels.team }}"``): it cannot be proven from the file.

Fix: add ``labels: {tenant: <id>}`` to the rule (the label is ``tenant_label`` of receivers.yaml).""",
)
R603 = Code(
    "R603", "rule-tenant-unknown", "rule-files", "an alert's tenant has a tenant file",
    """An alerting rule sets the tenant label to a value that is not a tenant id (no file under
``tenants/``): its alerts match no tenant route and reach only the platform's default receiver.
Fix: correct the value (a did-you-mean is given), or add the tenant file.""",
)
R604 = Code(
    "R604", "rule-severity-unknown", "rule-files", "an alert's severity is on the ladder",
    """An alerting rule sets the severity label to a value that is not a rung of the platform's ladder
(``severities`` in receivers.yaml). ``min_severity`` selects rungs by name, so such alerts reach
only the receivers that take every alert. Fix: use a rung (a did-you-mean is given).""",
)
R605 = Code(
    "R605", "alertname-unproduced", "rule-files", "tests and inhibit rules name alerts a rule produces (warning)",
    """A tenant's routing test (``tests[].labels.alertname``, or a ``firing`` alert's) or an inhibit
rule's ``alertname`` matcher (tenant ``inhibit:`` or platform ``inhibit_rules:``) names an alert no
given rule produces: the test proves nothing about real alerts, the inhibit rule never acts.
A warning, since the rule files given may not be all of them. Fix: the alertname, or the rules.""",
)
R606 = Code(
    "R606", "receiver-unreached-by-rules", "rule-files", "each receiver can get some rule's alerts (warning)",
    """No given alerting rule can produce an alert that reaches this receiver of the tenant (its
``min_severity``, ``match`` or native route matchers exclude every rule's static labels), or no
rule produces alerts for the tenant at all. Labels a rule does not set statically are assumed to
be able to match, and rules whose tenant cannot be proven count for every tenant, so what is
reported is certain for the given files. A warning: other rule files may feed the receiver.""",
)

# --- render (receivers render, receivers diff of a revision) ----------------------------------------

R301 = Code(
    "R301", "env-variable-unset", "render", "every ${VAR} a tenant uses is set when rendering",
    """A tenant (or the platform file) uses ``${NAME}`` and ``NAME`` is neither in the environment of
``receivers render`` nor in its ``--env-file``. Rendering stops: an empty value would reach
Alertmanager as a silently broken receiver. ``validate`` does not need the values, so this is only
reported by ``render`` (and by commands that render, such as ``diff`` of a git revision).

Fix: export the variable (or add ``NAME=value`` to the env file) before rendering.""",
)
R302 = Code(
    "R302", "private-key-missing", "render", "encrypted values come with a private key",
    """A value is encrypted (``ENC[...]``) but ``render`` was given no private key to decrypt it.

Fix: pass ``--key-file``, or set ``RECEIVERS_KEY_FILE`` or ``RECEIVERS_KEY`` in the environment of
the render job.""",
)
R303 = Code(
    "R303", "env-file-invalid", "render", "the --env-file is readable KEY=VALUE lines",
    """The file given as ``--env-file`` cannot be read, holds a line that is not ``NAME=value`` (blank
lines and ``#`` comments are allowed), or sets a reserved name (``RECEIVERS_*``, the tool's own
settings, which an env file must not change). The offending line is never printed: it may hold a
secret.

Fix: write one ``NAME=value`` per line; pass reserved settings in the real environment.""",
)
R304 = Code(
    "R304", "mimir-field-refused", "render", "a Mimir tenant config reads no local file and sets no proxy",
    """``render --target mimir`` found a setting in a tenant's config (or in the platform's ``global``
or fallback receiver it is rendered with) that Grafana Mimir's Alertmanager refuses on upload:
any ``*_file`` field (``password_file``, ``credentials_file``, ``bearer_token_file``, OAuth2
``client_secret_file``, TLS ``ca_file``/``cert_file``/``key_file``, ``api_url_file``,
``smtp_auth_password_file``, ...), ``http_headers`` ``files``, inline TLS ``ca``/``cert``/``key``,
``proxy_url`` and ``proxy_from_environment``. A tenant's Alertmanager in Mimir runs on a shared host:
reading files there, or choosing the proxy Mimir's egress filter would not see, is not allowed.

Fix: give the value inline (``${VAR}`` or ``ENC[...]``; the mimir output is deploy-only), and leave
proxies to Mimir's own egress settings.""",
)
R305 = Code(
    "R305", "mimir-limit-exceeded", "render", "a Mimir tenant envelope fits the configured limits",
    """``render --target mimir`` was told the limits of the Mimir it deploys to
(``--mimir-max-config-size`` for ``alertmanager_max_config_size_bytes``, ``--mimir-max-templates``
for ``alertmanager_max_templates_count``, ``--mimir-max-template-size`` for
``alertmanager_max_template_size_bytes``) and a tenant's envelope exceeds one. Mimir would refuse the
upload and keep the tenant's previous config (or the fallback).

Fix: shorten the tenant's templates or receivers, or raise the limit for that tenant in Mimir's
runtime overrides and pass the new value.""",
)

# --- secrets (ENC[...] envelopes, keys, the receivers secrets commands) -----------------------------

S100 = Code(
    "S100", "secrets-usage", "secrets", "the secrets command was given what it needs",
    """A ``receivers secrets`` command cannot run as asked: an unknown AEAD name, no tenant file,
``--value`` without ``--tenant``/``--receiver``/``--field``, no value on stdin, or a receiver that
is not in the given tenant file. The hint says what to give.""",
)
S101 = Code(
    "S101", "secret-envelope-malformed", "secrets", "ENC[...] values have the envelope's shape",
    """An ``ENC[...]`` value is not a well-formed envelope (wrong number of fields, bad base64, a
field that is not what the format says). It was probably edited by hand or cut when copied.

Fix: encrypt the value again with ``receivers secrets encrypt``.""",
)
S102 = Code(
    "S102", "secret-envelope-truncated", "secrets", "ENC[...] values are complete",
    """An ``ENC[...]`` envelope is shorter than its format requires (the ciphertext or the
authentication tag is cut). Fix: encrypt the value again.""",
)
S103 = Code(
    "S103", "secret-version-unknown", "secrets", "ENC[...] values use a known envelope version",
    """The envelope names a format version this release of ``receivers`` does not read. Fix: upgrade
``receivers``, or encrypt the value again with this release.""",
)
S104 = Code(
    "S104", "secret-key-id-unknown", "secrets", "ENC[...] values name a key that was given",
    """The envelope was encrypted to a key id that none of the given private keys has. The value was
encrypted for another environment, or the key was rotated and this job still has the old one.

Fix: give the private key of that key id, or encrypt the value again to the current recipients.""",
)
S105 = Code(
    "S105", "secret-binding-mismatch", "secrets", "encrypted values stay where they were encrypted",
    """Every encrypted value is bound to its tenant, receiver and field. This one was encrypted for a
different place: it was copied or moved (possibly from another tenant's file, to send that
tenant's secret somewhere else). It is refused without being decrypted.

Fix: encrypt the value again for the field where it is used.""",
)
S106 = Code(
    "S106", "secret-decryption-failed", "secrets", "encrypted values authenticate",
    """Authentication failed: the ciphertext was altered, or the private key under the envelope's
key id is not the key it was encrypted to. Fix: encrypt the value again; check the key file.""",
)
S107 = Code(
    "S107", "secret-keys-missing", "secrets", "decrypting needs at least one private key",
    """A command had to decrypt a value but no usable private key was loaded. Fix: pass
``--key-file``, or set ``RECEIVERS_KEY_FILE`` or ``RECEIVERS_KEY``.""",
)
S108 = Code(
    "S108", "secret-binding-invalid", "secrets", "a value's binding names a tenant, receiver and field",
    """The tenant, receiver or field an envelope is (to be) bound to is not a valid name, so the
binding cannot be written or checked. Fix: use the tenant id, receiver name and field path as
they appear in the tenant file.""",
)
S109 = Code(
    "S109", "secret-field-unknown", "secrets", "only secret fields are encrypted",
    """``receivers secrets encrypt --field`` names a field that is not a secret field of the
receiver's integration (or not a field at all). Only the integration's secret fields are
encrypted; ``receivers integrations show <type>`` lists them.""",
)
S110 = Code(
    "S110", "secret-file-unsupported", "render", "secrets as files fit the target Alertmanager",
    """``render --secrets files`` writes each secret to a file and points the config at it with the
field's ``*_file`` variant. This secret cannot be moved to a file: the field has no ``*_file``
variant in the target Alertmanager version (or in any version), or the resolved config has no
value where the secret was expected.

Fix: raise ``alertmanager_version`` to one that has the ``*_file`` field, or render with inline
secrets (``--secrets inline``).""",
)
S201 = Code(
    "S201", "key-file-invalid", "secrets", "private key files can be used",
    """A private key file or key text cannot be used: it is not a key in the expected format, cannot
be read, or ``secrets keygen`` would overwrite an existing key. The key material is never
printed. Fix: check the path and the file; keygen writes to a new path.""",
)
S202 = Code(
    "S202", "key-file-permissions", "secrets", "private key files are readable by their owner only",
    """A private key file can be read or written by other users (group or world permissions). It is
refused so a leaked key is noticed before it is used. Fix: ``chmod 600`` the file.""",
)
S203 = Code(
    "S203", "recipients-invalid", "secrets", "the platform file's secrets.recipients are usable",
    """``secrets.recipients`` in ``receivers.yaml`` is missing, empty, or holds a public key that is
malformed or listed twice, so values cannot be encrypted to it. Fix: list each recipient's
public key once (``receivers secrets keygen`` prints one).""",
)
S204 = Code(
    "S204", "recipient-still-used", "secrets", "a retired recipient decrypts no value still in the repository",
    """``receivers secrets retire KEY_ID`` refused: an ``ENC[...]`` value in a tenant file or in
``receivers.yaml`` is still encrypted to that key, and only that key's private key can decrypt
it. Each such value is named by file:line. Nothing is changed. Fix: re-encrypt every value to the
current recipient first (``receivers secrets rotate``, or ``secrets encrypt`` of a new value),
then retire the key.""",
)
S205 = Code(
    "S205", "recipient-not-retirable", "secrets", "secrets retire names an old, listed recipient",
    """``receivers secrets retire KEY_ID`` names a key id that ``secrets.recipients`` does not list,
or the current (last) recipient, which new values are encrypted to. Nothing is changed. Fix:
give the id of an older recipient (``receivers secrets status`` lists them); to stop using the
current key, ``receivers secrets rotate`` first.""",
)
S301 = Code(
    "S301", "secrets-file-invalid", "secrets", "the secrets commands can read and rewrite the file",
    """A tenant file given to a ``receivers secrets`` command cannot be read, parsed or rewritten
(not YAML, not a tenant file, or it changed while being rewritten). Nothing is written.
Fix: run ``receivers validate`` on the file first.""",
)
S302 = Code(
    "S302", "secret-in-plaintext", "secrets", "secret fields hold ENC[...] or ${VAR}",
    """``receivers secrets status`` found a secret field that holds plaintext, neither an ``ENC[...]``
envelope nor a ``${VAR}`` reference. The value is not shown. Fix: ``receivers secrets encrypt``
the file (validate reports the same at the strict level as R401).""",
)
S303 = Code(
    "S303", "secret-stale", "secrets", "encrypted values are younger than the age policy (warning)",
    """``receivers secrets status --max-age-days N`` found a value encrypted more than N days ago.
This is a warning: rotate the credential and encrypt the new value.""",
)
S304 = Code(
    "S304", "secret-recipient-unknown", "secrets", "values are encrypted to listed recipients (warning)",
    """``receivers secrets status`` found a value encrypted to a key id that ``secrets.recipients``
does not list: a retired key, or a key of another environment. This is a warning: encrypt the
value again to the current recipients (``receivers secrets rotate``).""",
)

# --- receivers test (the tenants' routing tests) ----------------------------------------------------

T001 = Code(
    "T001", "routing-test-failed", "tests", "each tenant routing test reaches the expected receivers",
    """A tenant's ``tests:`` entry sends its labels through the rendered route tree (with the
inhibitions and the mute and active time intervals at the test's ``at`` time) and the receivers
it reaches differ from ``expect``. Fix the receivers' ``min_severity`` / ``match`` or the
expectation.""",
)
T002 = Code(
    "T002", "routing-test-time-invalid", "tests", "a routing test's at is an RFC 3339 time",
    """A tenant's ``tests:`` entry has an ``at`` that is not an RFC 3339 time within the years the
simulator supports. Fix: write e.g. ``at: 2026-11-27T09:30:00Z``.""",
)

# --- receivers diff -------------------------------------------------------------------------------

D001 = Code(
    "D001", "diff-folder-invalid", "diff", "a folder to compare is a rendered output",
    """A side of ``receivers diff`` is a folder without ``alertmanager.yml``, or its
``alertmanager.yml`` is not an Alertmanager configuration. Give a folder written by
``receivers render``, or a git revision such as ``HEAD~1``.""",
)
D002 = Code(
    "D002", "diff-revision-unknown", "diff", "a side to compare is a folder or a git revision",
    """A side of ``receivers diff`` is neither an existing folder nor a revision ``git archive`` can
read in the working directory. Give a folder holding ``alertmanager.yml``, or a commit.""",
)
D003 = Code(
    "D003", "diff-config-missing", "diff", "a platform file named for diff exists in the revision",
    """``receivers diff --config FILE`` names a platform file that does not exist in the git revision
being compared. Leave ``--config`` out to compare without a platform file.""",
)

# --- receivers import -----------------------------------------------------------------------------

I001 = Code(
    "I001", "import-source-invalid", "import", "the file to import is an Alertmanager configuration",
    """``receivers import FILE`` reads FILE as an ``alertmanager.yml``: a mapping with ``route``,
``receivers`` and optionally ``global``, ``inhibit_rules``, ``time_intervals`` and
``mute_time_intervals``. A key Alertmanager does not read, a wrong type, a matcher that does not
parse or a route naming an undefined receiver or interval is reported at its line. Fix the file
(``amtool check-config FILE`` agrees), then import again.""",
)
I002 = Code(
    "I002", "import-construct-unsupported", "import", "every construct of the config can be carried",
    """The config uses something a tenant file or the platform file cannot express exactly: its own
``templates:`` files, a receiver with more than one integration, an integration receivers does not
know, a global value read from a file (``*_file``) that a tenant receiver would inherit, a matcher
on the label chosen as the tenant label. Nothing is written. The message names the construct; the
hint says how to rewrite it.""",
)
I003 = Code(
    "I003", "import-result-invalid", "import", "the imported files validate",
    """The tenant files and platform file an import would write do not pass ``receivers validate``
(at the standard level): e.g. a receiver setting a tenant may not use, a duration Alertmanager
would refuse, a route tree above the tenant limits. The problem is reported at the line of the
source ``alertmanager.yml`` it comes from, with the check that refused it. Nothing is written.""",
)
I004 = Code(
    "I004", "import-routes-differently", "import", "the import routes and inhibits like the original",
    """After building the files in memory, import renders them and compares the result with the
original on label sets drawn from every matcher of the file (each path through the route tree,
plus combinations): the receivers an alert reaches (with the name map applied), their grouping,
timings and time intervals, and which alerts inhibit which. It uses the routing simulator and,
when ``amtool`` is on PATH, the real ``amtool config routes test``. A difference is reported with
the label set and both answers, and nothing is written.""",
)
I005 = Code(
    "I005", "import-target-exists", "import", "an import does not overwrite files",
    """A file the import would write (a tenant file, the platform file) exists already. Nothing is
written. Pass ``--force`` to replace it, or import into another ``--tenants`` folder or
``--config`` file.""",
)
I006 = Code(
    "I006", "import-note", "import", "an import says what it changed",
    """A warning of ``receivers import``: a receiver no route uses (imported disabled), secrets kept
as plaintext because ``receivers.yaml`` names no recipient (run ``receivers secrets encrypt`` on
the written files before committing them), or a receiver renamed to a valid id. The import
still succeeds.""",
)
