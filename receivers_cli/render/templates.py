"""Notification templates: Jinja2 in (with the tenant's context), Go templates out, confined by construction.

Both languages use ``{{ }}``, so the Jinja side uses ``[[ ]]`` for expressions, ``[% %]`` for
statements and ``[# #]`` for comments. Alertmanager parses every tenant's file into ONE template
namespace, so the confinement rests on four things, each enforced here for every tenant file:

1. **Names.** Every ``define`` is named ``<tenant>/<part>`` (``acme/slack.title``). Tenant ids cannot
   contain ``/`` and built-in names have none, so no tenant name collides with a built-in
   (``slack.default.title``) or another tenant's (``acme`` vs ``acme.eu``). Tenant text may open no
   ``define``/``block`` of its own, and its ``template`` calls may name only its own parts and the
   built-in names of Alertmanager's ``default.tmpl``.
2. **The Go text is checked, not the Jinja source.** What Jinja PRODUCED is parsed with our Go
   template parser (:mod:`receivers_cli.alertmanager.gotemplate`), part by part, so a syntax error, an
   unknown function, a ``{{ de[# #]fine`` split by a Jinja comment or an unbalanced ``{{ if`` fails
   this tenant with a located problem instead of stopping Alertmanager's reload for everyone.
3. **Bounded execution.** The tenant's ``template`` call graph must be acyclic (names are constants,
   so the graph is exact), ``range`` nests at most :data:`MAX_RANGE_DEPTH` deep (counting through
   calls), a variable is never re-assigned inside a ``range`` (``$x = printf "%s%s" $x $x`` doubles
   per alert), and the statically expanded size stays under :data:`MAX_EXPANDED`.
4. **Bounded Jinja.** A tenant's ``templates:`` source may use only a whitelist of Jinja nodes and
   filters (no loops, macros, calls, includes, ``set``, arithmetic beyond ``+``/``-``), every filter's
   result is size-capped, and every part and file has a size cap.

Whatever Jinja inserts (tenant data) goes through :func:`go_literal`, which makes ANY string literal
Go text, and the generated comment carries no tenant data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from receivers_cli.alertmanager import gotemplate
from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.codes import R150, R151, R152, Code
from receivers_cli.isolation import naming
from receivers_cli.model.platform import Platform
from receivers_cli.model.tenant import Tenant

if TYPE_CHECKING:
    from receivers_cli.render.platform_templates import SharedTemplates

MAX_SOURCE = 64 * 1024  # characters of one templates: entry (Jinja source)
MAX_PART = 64 * 1024  # characters one part renders to, and any filter result
MAX_FILE = 1024 * 1024  # characters of one tenant's template file
MAX_RANGE_DEPTH = 2  # {{ range .Alerts }}{{ range .Labels.SortedPairs }}: alerts x labels, no more
MAX_EXPANDED = 1024 * 1024  # characters of template text one notification can reach through calls
BUILTIN_COST = 4 * 1024  # what a call to a built-in counts for (they are small and call nothing of ours)
BUILTIN_RANGE_DEPTH = 2  # __text_alert_list ranges over alerts, then over labels

# Alertmanager's default.tmpl / email.tmpl names (0.25, plus those later releases added). A call to
# one the target lacks fails that tenant's notification only, never the config load.
BUILTIN_TEMPLATES = frozenset(
    {"__alertmanager", "__alertmanagerURL", "__subject", "__description", "__text_alert_list",
     "__text_alert_list_markdown", "email.default.subject", "email.default.html", "telegram.default.message",
     "webex.default.message"}
    | {f"slack.default.{k}" for k in ("title", "username", "fallback", "callbackid", "pretext", "titlelink",
                                      "iconemoji", "iconurl", "text", "footer", "color")}
    | {f"pagerduty.default.{k}" for k in ("description", "client", "clientURL", "instances")}
    | {f"opsgenie.default.{k}" for k in ("message", "description", "source")}
    | {f"wechat.default.{k}" for k in ("message", "to_user", "to_party", "to_tag", "agent_id")}
    | {f"victorops.default.{k}" for k in ("state_message", "entity_display_name", "monitoring_tool")}
    | {f"pushover.default.{k}" for k in ("title", "message", "url")}
    | {f"sns.default.{k}" for k in ("subject", "message")}
    | {f"discord.default.{k}" for k in ("content", "title", "message")}
    | {f"msteams.default.{k}" for k in ("summary", "title", "text")}
    | {f"msteamsv2.default.{k}" for k in ("title", "text")}
    | {f"jira.default.{k}" for k in ("summary", "description", "priority")}
    | {f"rocketchat.default.{k}" for k in ("title", "alias", "titlelink", "emoji", "iconurl", "text")}
    | {f"mattermost.default.{k}" for k in ("color", "username", "title", "titlelink", "fallback", "text")}
)  # fmt: skip

Path = tuple[str | int, ...]
# The platform's shared templates as a tenant sees them: define name → (expanded size, range depth).
SharedBounds = Mapping[str, tuple[int, int]]
_NO_SHARED: SharedBounds = {}


def define_name(tenant_id: str, part: str) -> str:
    """The Go template name of a tenant's part (``title``, ``slack.title``)."""
    return naming.scoped(tenant_id, part)


# --- escaping ------------------------------------------------------------------------------------

_EDGE = frozenset(" \t\r\n\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                  "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")  # what str.strip() removes
_GO_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def go_string(value: str) -> str:
    """A Go double-quoted string literal whose value is ``value``."""
    out = ['"']
    for c in value:
        if c in _GO_ESCAPES:
            out.append(_GO_ESCAPES[c])
        elif 0xD800 <= ord(c) <= 0xDFFF:
            out.append("\\uFFFD")  # a lone surrogate has no UTF-8 form; Go would not read it either
        elif c.isprintable() or c == " ":
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    out.append('"')
    return "".join(out)


def go_literal(value: Any) -> str:
    """Go template text that prints ``value`` verbatim, wherever it lands in text context.

    ``{`` and ``}`` become ``{{"{"}}`` / ``{{"}"}}``: a ``{`` in the data followed by the template's
    own ``{{`` can then never form an action. White space at either end is printed by an action too,
    so a neighbouring ``{{-`` / ``-}}`` trim marker cannot eat it. Everything else is plain text.
    """
    if value is None:
        return ""
    text = str(value)
    if not text:
        return ""
    if "{" not in text and "}" not in text and text[0] not in _EDGE and text[-1] not in _EDGE and text.isprintable():
        return text  # the common case, without the per-character walk
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):] if core else ""
    parts: list[str] = []
    if lead:
        parts.append("{{ " + go_string(lead) + " }}")
    for c in core:
        if c in "{}":
            parts.append('{{ "' + c + '" }}')
        elif 0xD800 <= ord(c) <= 0xDFFF:
            parts.append("\ufffd")
        else:
            parts.append(c)
    if trail:
        parts.append("{{ " + go_string(trail) + " }}")
    return "".join(parts)


# --- Jinja: a bounded sandbox --------------------------------------------------------------------


class TemplateLimitError(Exception):
    """A Jinja value grew past :data:`MAX_PART` (raised inside filters, reported as a problem)."""


def _check_size(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_PART:
        raise TemplateLimitError(f"a value is longer than {MAX_PART} characters")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_PART:
        raise TemplateLimitError(f"a number argument is larger than {MAX_PART}")
    return value


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with every argument and its result capped (Jinja's pass_* markers kept)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for arg in (*args, *kwargs.values()):
            _check_size(arg)
        return _check_size(function(*args, **kwargs))

    return wrapper


def _replace(value: Any, old: Any, new: Any, count: Any = None) -> str:
    """Jinja's ``replace`` for plain strings, refusing BEFORE the work a result over the cap."""
    text, old_s, new_s = str(value), str(old), str(new)
    hits = text.count(old_s) if old_s else len(text) + 1
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * max(len(new_s) - len(old_s), 0) > MAX_PART:
        raise TemplateLimitError(f"replace would give more than {MAX_PART} characters")
    return text.replace(old_s, new_s, -1 if count is None else int(count))


MAX_JINJA_WORK = 8 * 1024 * 1024  # upper bound of the characters one part may build while rendering

ALLOWED_FILTERS = (
    "upper", "lower", "title", "capitalize", "trim", "default", "d", "replace", "truncate", "e", "escape",
    "length", "string", "urlencode", "wordcount", "first", "last",
)  # fmt: skip
ALLOWED_TESTS = ("defined", "undefined", "none", "string", "number", "eq", "ne", "in")


@cache
def _environment() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        autoescape=False,
        finalize=go_literal,
    )
    filters = {name: _bounded(env.filters[name]) for name in ALLOWED_FILTERS}
    filters["replace"] = _bounded(_replace)
    env.filters = filters
    env.tests = {name: env.tests[name] for name in ALLOWED_TESTS}
    env.globals = {}
    return env


@cache
def _base_template() -> str:
    return resources.files("receivers_cli.render").joinpath("templates/tenant.tmpl.j2").read_text("utf-8")


def tenant_context(platform: Platform, tenant_id: str, tenant: Tenant) -> dict[str, Any]:
    meta = tenant.metadata
    return {
        "tenant": tenant_id,
        "name": meta.name,
        "tier": meta.tier,
        "sla_level": meta.sla_level,
        "contact_team": meta.contact_team,
        "runbook_url": meta.runbook_url,
        "dashboard_url": meta.dashboard_url,
        "severity_label": platform.severity_label,
        "tenant_label": platform.tenant_label,
    }


@lru_cache(maxsize=512)
def _compiled(source: str) -> Any:
    return _environment().from_string(source)


def render_jinja(source: str, context: dict[str, Any]) -> str:
    """Render a TRUSTED Jinja ``source`` (ours); compiled once per distinct source."""
    return str(_compiled(source).render(**context))


def _allowed_nodes() -> tuple[type, ...]:
    from jinja2 import nodes

    return (
        nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.If, nodes.Compare,
        nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.CondExpr, nodes.Concat, nodes.Filter, nodes.Test,
        nodes.List, nodes.Tuple, nodes.Neg, nodes.Pos, nodes.Add, nodes.Sub, nodes.Keyword,
    )  # fmt: skip


def check_jinja_source(source: str, context: Mapping[str, Any]) -> str | None:
    """Why a tenant's Jinja ``source`` is refused (syntax, or a construct off the whitelist), else None.

    The whitelist keeps every part's cost linear in its source: no loops, recursion, macros,
    includes, ``set`` or multiplication means output ≤ (number of expressions) x (largest value),
    and each value is capped by the bounded filters.
    """
    from jinja2 import TemplateSyntaxError, nodes

    if len(source) > MAX_SOURCE:
        return f"is longer than {MAX_SOURCE} characters"
    try:
        tree = _environment().parse(source)
    except TemplateSyntaxError as exc:
        return f"Jinja syntax error on line {exc.lineno}: {exc.message}"
    except RecursionError:
        return "is nested too deeply"
    allowed = _allowed_nodes()
    stack: list[Any] = [tree]
    work = len(source)  # static bound: each name reference or filter adds at most its capped size
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Name):
            work += len(str(context.get(node.name, "")))
        elif isinstance(node, nodes.Filter):
            work += MAX_PART
        if work > MAX_JINJA_WORK:
            return f"could build more than {MAX_JINJA_WORK} characters (too many filters or variable references)"
        if not isinstance(node, allowed):
            kind = type(node).__name__
            return f"uses Jinja {kind!r}, which tenant templates may not use"
        if isinstance(node, nodes.Name) and (node.ctx != "load" or node.name not in context):
            return f"uses the unknown variable {node.name!r} (known: {', '.join(sorted(context))})"
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            return f"uses the filter {node.name!r} (allowed: {', '.join(ALLOWED_FILTERS)})"
        if isinstance(node, nodes.Test) and node.name not in ALLOWED_TESTS:
            return f"uses the test {node.name!r} (allowed: {', '.join(ALLOWED_TESTS)})"
        if isinstance(node, (nodes.Filter, nodes.Test)) and (node.dyn_args or node.dyn_kwargs):
            return "passes *args/**kwargs to a filter"
        stack.extend(node.iter_child_nodes())  # type: ignore[attr-defined]
    return None


def render_tenant_jinja(source: str, context: dict[str, Any]) -> tuple[str | None, str | None]:
    """Render an UNTRUSTED tenant source: (text, None) or (None, why not)."""
    refused = check_jinja_source(source, context)
    if refused is not None:
        return None, refused
    try:
        text = render_jinja(source, context)
    except TemplateLimitError as exc:
        return None, f"cannot be rendered: {exc}"
    except Exception as exc:
        return None, f"cannot be rendered: {type(exc).__name__}: {exc}"
    if len(text) > MAX_PART:
        return None, f"renders to more than {MAX_PART} characters"
    return text, None


# --- one tenant's file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateProblem:
    rule: Code  # R150 invalid, R151 unknown key, R152 unbounded
    path: Path  # data path in the tenant file (starting with the tenant id)
    message: str
    hint: str = ""


@dataclass
class TenantTemplates:
    text: str = ""
    parts: dict[str, str] = field(default_factory=dict)  # part key (title, slack.title) → define name
    problems: list[TemplateProblem] = field(default_factory=list)


def template_kinds(channel: str, version: Version | None = None) -> frozenset[str]:
    """The parts a tenant may write for ``channel``: those its native fields are filled from (at
    ``version``, when given: a part whose field the release lacks is never used, so it is refused)."""
    from receivers_cli import integrations

    integration = integrations.get(channel)
    if integration is None:
        return frozenset()
    fields = integration.template_fields if version is None else integration.template_targets(version)
    return frozenset(fields.values()) | frozenset(integration.default_templates)


def channel_defaults(channel: str) -> Mapping[str, str]:
    """template kind → Jinja source of ``channel``'s defaults, as its integration module declares them."""
    from receivers_cli import integrations

    integration = integrations.get(channel)
    return integration.default_templates if integration is not None else {}


def default_names(tenant_id: str, channels: Iterable[str]) -> list[str]:
    """The define names of a tenant's file without overrides: generic parts and channel defaults."""

    names = [define_name(tenant_id, "title"), define_name(tenant_id, "text")]
    for channel in sorted(set(channels)):
        names.extend(define_name(tenant_id, f"{channel}.{kind}") for kind in channel_defaults(channel))
    return names


@dataclass
class _Part:
    define: str
    path: Path  # where its text comes from: the templates: entry, or metadata for our defaults
    body: str
    tenant_written: bool


def build_tenant_templates(
    platform: Platform, version: Version, tenant_id: str, tenant: Tenant, channels: Iterable[str] = (),
    shared: SharedBounds = _NO_SHARED,
) -> TenantTemplates:
    """Render and check one tenant's template file; problems are located at the tenant's fields.

    ``shared``: the platform's templates, which the tenant's parts may call (never define)."""
    from receivers_cli import integrations

    result = TenantTemplates()
    context = tenant_context(platform, tenant_id, tenant)
    meta_path: Path = (tenant_id, "metadata")
    sources: dict[tuple[str, str], tuple[str, bool]] = {}
    for channel in sorted(set(channels)):
        for kind, source in channel_defaults(channel).items():
            sources[(channel, kind)] = (source, False)
    for channel, overrides in tenant.templates.items():
        if integrations.get(channel) is None:
            known = ", ".join(sorted(c for c in integrations.catalog() if template_kinds(c)))
            result.problems.append(TemplateProblem(
                R151, (tenant_id, "templates", channel), f"templates: {channel!r} is not a channel type",
                f"use a channel type with templates: {known}",
            ))
            continue
        kinds = template_kinds(channel, version)
        for kind, source in overrides.items():
            if kind not in kinds:
                hint = f"{channel} takes: {', '.join(sorted(kinds))}" if kinds else f"{channel} has no templates"
                if kind in template_kinds(channel):
                    hint = f"{channel}.{kind} needs a newer Alertmanager than {format_version(version)}; " + hint
                result.problems.append(TemplateProblem(
                    R151, (tenant_id, "templates", channel, kind),
                    f"templates: {channel}.{kind} is not a template part of {channel}", hint,
                ))
                continue
            sources[(channel, kind)] = (source, True)

    parts: list[_Part] = []
    # The base file: our comment and the generic title/text (tenant data only through go_literal).
    base = render_jinja(_base_template(), context)
    for key in ("title", "text"):
        result.parts[key] = define_name(tenant_id, key)
    shape = _shape(context)
    functions = gotemplate.functions_for(version)
    definitions: dict[str, gotemplate.Definition] = {}
    paths: dict[str, Path] = {define_name(tenant_id, "title"): meta_path, define_name(tenant_id, "text"): meta_path}
    for key in ("title", "text"):
        definitions[define_name(tenant_id, key)] = _trusted_structure(_base_template(), key, shape, functions)
    for (channel, kind), (source, own) in sorted(sources.items()):
        path: Path = (tenant_id, "templates", channel, kind) if own else meta_path
        part_key = f"{channel}.{kind}"
        if own:
            text, why = render_tenant_jinja(source, context)
            if text is None:
                rule = R152 if why and ("longer than" in why or "more than" in why) else R150
                result.problems.append(TemplateProblem(
                    rule, path, f"template {channel}.{kind} {why}",
                    "Jinja uses [[ ]] and [% %] here (names: " + ", ".join(sorted(context)) + "); "
                    "Go template actions are {{ }}",
                ))
                continue
        else:
            text = render_jinja(source, context)
            definitions[define_name(tenant_id, part_key)] = _trusted_structure(source, part_key, shape, functions)
        parts.append(_Part(define_name(tenant_id, part_key), path, text, own))
        result.parts[part_key] = define_name(tenant_id, part_key)

    chunks = [base]
    for part in parts:
        paths[part.define] = part.path
        chunk = "{{ define " + go_string(part.define) + " }}" + part.body + "{{ end }}\n"
        if not part.tenant_written:
            chunks.append(chunk)
            continue
        problem = _check_part(part, chunk, functions, definitions)
        if problem is not None:
            result.problems.append(problem)
            result.parts.pop(naming.local_name(part.define), None)
            continue
        chunks.append(chunk)
    result.problems.extend(check_call_graph(tenant_id, definitions, paths, shared))
    result.text = "".join(chunks)
    if len(result.text) > MAX_FILE:
        result.problems.append(TemplateProblem(
            R152, (tenant_id, "templates"), f"the tenant's template file is longer than {MAX_FILE} characters",
            "shorten the templates",
        ))
    return result


_SHAPE_NAME = "t"


def _shape(context: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """What of the context can change the STRUCTURE of our own templates: which values are set.

    Tenant data enters our sources only through :func:`go_literal`, which yields plain text and
    string-constant actions (no define, call, range or variable), so two contexts with the same
    shape give the same Go structure; only the platform's label names are spliced into actions.
    """
    keep = {"severity_label", "tenant_label"}
    return tuple(
        (key, value if key in keep else ("x" if value else value)) for key, value in sorted(context.items())
    )


@lru_cache(maxsize=1024)
def _trusted_structure(
    source: str, part: str, shape: tuple[tuple[str, Any], ...], functions: frozenset[str]
) -> gotemplate.Definition:
    """The parsed structure of one of OUR parts (an integration's default_templates source or the base file's
    ``title``/``text``), parsed once per shape instead of once per tenant (most of a render's time
    otherwise). The property tests parse whole tenant files with arbitrary data to back this."""
    context = {**dict(shape), "tenant": _SHAPE_NAME}
    text = render_jinja(source, context)
    if source is _base_template():
        parsed = gotemplate.parse(text, functions)
    else:
        parsed = gotemplate.parse("{{ define " + go_string(define_name(_SHAPE_NAME, part)) + " }}" + text
                                  + "{{ end }}", functions)  # fmt: skip
    found = next(d for d in parsed.definitions if d.name == define_name(_SHAPE_NAME, part))
    # Sizes stay those of the placeholder text: tenant data is capped by MAX_FILE separately.
    return found


def _check_part(
    part: _Part, chunk: str, functions: frozenset[str], definitions: dict[str, gotemplate.Definition]
) -> TemplateProblem | None:
    """Parse one part exactly as it will sit in the file: ``{{ define "<name>" }}BODY{{ end }}``."""
    prefix = len(chunk) - len(part.body) - len("{{ end }}\n")
    what = f"template {naming.local_name(part.define)}"
    try:
        parsed = gotemplate.parse(chunk, functions)
    except gotemplate.GoTemplateError as exc:
        line, col = gotemplate.line_col(part.body, exc.offset - prefix)
        if exc.offset >= prefix + len(part.body):
            return TemplateProblem(
                R150, part.path, f"{what} leaves an action or block open ({exc.message} after its end)",
                "close every {{ if }}, {{ range }}, {{ with }} with {{ end }} and every action with }}",
            )
        return TemplateProblem(
            R150, part.path,
            f"{what} is not a valid Go template: {exc.message} (line {line} col {col} of its output)",
            "Alertmanager would refuse the whole configuration; fix the {{ }} action",
        )
    defined = [d for d in parsed.definitions if d.name]
    if parsed.top_level_text or len(defined) != 1 or defined[0].name != part.define or defined[0].blocks:
        return TemplateProblem(
            R150, part.path, f"{what} opens a {{{{ define }}}}, {{{{ block }}}} or {{{{ end }}}} of its own",
            f"write only the body; it is defined as {part.define} for you",
        )
    definitions[part.define] = defined[0]
    return None


def check_text(
    tenant_id: str, text: str, functions: frozenset[str], own: Iterable[str], path: Path,
    shared: SharedBounds = _NO_SHARED,
) -> Iterator[TemplateProblem]:
    """Problems of a Go template in a receiver's config (executed at notification time)."""
    try:
        parsed = gotemplate.parse(text, functions)
    except gotemplate.GoTemplateError as exc:
        line, col = gotemplate.line_col(text, exc.offset)
        yield TemplateProblem(R150, path, f"not a valid Go template: {exc.message} (line {line} col {col})",
                              "fix the {{ }} action")
        return
    if len(parsed.definitions) > 1:
        yield TemplateProblem(R150, path, "opens a {{ define }} or {{ block }} of its own",
                              "put template bodies under templates:")
        return
    top = parsed.definitions[0]
    yield from _check_calls(tenant_id, top, set(own), path, shared)
    for call in top.calls:
        if call.name in shared and call.range_depth + shared[call.name][1] > MAX_RANGE_DEPTH:
            yield TemplateProblem(
                R152, path, f"calls {call.name} inside {{{{ range }}}}, which nests {{{{ range }}}} "
                f"{call.range_depth + shared[call.name][1]} deep",
                f"at most {MAX_RANGE_DEPTH}; call it outside the range",
            )
    if top.assignments:
        yield TemplateProblem(R152, path, "re-assigns a variable inside {{ range }}", "use := in the range body")


def _check_calls(
    tenant_id: str, definition: gotemplate.Definition, own: set[str], path: Path,
    shared: SharedBounds = _NO_SHARED,
) -> Iterator[TemplateProblem]:
    for call in definition.calls:
        if call.name in own or call.name in BUILTIN_TEMPLATES or call.name in shared:
            continue
        yield TemplateProblem(R150, path, unknown_call(tenant_id, call.name), unknown_call_hint(call.name, own, shared))


def unknown_call(tenant_id: str, name: str) -> str:
    """Why a tenant's ``{{ template "name" }}`` is refused: another tenant's name, or nobody's."""
    owner = naming.owner_of(name)
    if naming.SEPARATOR in name and naming.is_tenant(owner) and owner != tenant_id:
        return (f"template {name!r} belongs to tenant {owner}: tenant {tenant_id} may call only its own parts, "
                "the platform's shared templates and Alertmanager's built-ins")
    return f"template {name!r} is not defined for tenant {tenant_id}"


def unknown_call_hint(name: str, own: Iterable[str], shared: Iterable[str]) -> str:
    from receivers_cli.wording import did_you_mean

    own, shared = sorted(own), sorted(shared)
    guess = did_you_mean(name, [*own, *shared])
    parts = [f"own: {', '.join(own)}"] if own else []
    parts.append("platform: " + (", ".join(shared) or "none (receivers.yaml templates: files define none)"))
    return (f"{guess} " if guess else "") + "; ".join(parts)


def check_call_graph(
    tenant_id: str, definitions: Mapping[str, gotemplate.Definition], paths: Mapping[str, Path],
    shared: SharedBounds = _NO_SHARED,
) -> list[TemplateProblem]:
    """References, cycles, ``range`` depth, assignments in ranges and expanded size of the tenant's defines.

    A call to a platform template (``shared``) counts with that template's own size and depth."""
    problems: list[TemplateProblem] = []
    own = set(definitions)
    for name in sorted(definitions):
        problems.extend(_check_calls(tenant_id, definitions[name], own, paths[name], shared))
        if definitions[name].assignments:
            problems.append(TemplateProblem(
                R152, paths[name], f"template {name} re-assigns a variable inside {{{{ range }}}}",
                "each assignment in a range can double the text per alert; use := in the range body",
            ))
    cost, depth, cycles = call_graph_bounds(definitions, paths, shared)
    problems.extend(cycles)
    problems.extend(bound_problems(definitions, paths, cost, depth))
    return problems


def bound_problems(
    definitions: Mapping[str, gotemplate.Definition], paths: Mapping[str, Path], cost: Mapping[str, int],
    depth: Mapping[str, int],
) -> list[TemplateProblem]:
    """R152 for each define that nests ``range`` too deep or expands too far, counting its calls."""
    problems: list[TemplateProblem] = []
    for name in sorted(definitions):
        if depth[name] > MAX_RANGE_DEPTH:
            problems.append(TemplateProblem(
                R152, paths[name], f"template {name} nests {{{{ range }}}} {depth[name]} deep (counting calls)",
                f"at most {MAX_RANGE_DEPTH}: each level multiplies the work by the number of alerts or labels",
            ))
        elif cost[name] > MAX_EXPANDED:
            problems.append(TemplateProblem(
                R152, paths[name],
                f"template {name} expands to more than {MAX_EXPANDED} characters through its calls",
                "call fewer templates, or each one fewer times",
            ))
    return problems


def call_graph_bounds(
    definitions: Mapping[str, gotemplate.Definition], paths: Mapping[str, Path],
    shared: SharedBounds = _NO_SHARED,
) -> tuple[dict[str, int], dict[str, int], list[TemplateProblem]]:
    """Each define's expanded size and ``range`` depth through its calls, and R152 for each cycle.

    Names are constants, so the graph is exact; a call to a name outside ``definitions`` counts as
    a built-in (:data:`BUILTIN_COST`, :data:`BUILTIN_RANGE_DEPTH`) or a ``shared`` template (its
    own bounds), and a call to an unknown name counts for nothing (it is refused elsewhere)."""
    problems: list[TemplateProblem] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cost: dict[str, int] = {}
    depth: dict[str, int] = {}
    reported: set[str] = set()

    # An explicit stack, not recursion: a chain of calls as long as the platform's files allow
    # must not reach Python's recursion limit. Each frame: [name, next call index, size, depth].
    for root in sorted(definitions):
        if root in state:
            continue
        state[root] = 1
        stack: list[list[Any]] = [[root, 0, definitions[root].end - definitions[root].offset,
                                   definitions[root].range_depth]]
        while stack:
            frame = stack[-1]
            name, index = frame[0], frame[1]
            calls = definitions[name].calls
            if index == len(calls):
                cost[name] = min(frame[2], 1 << 62)
                depth[name] = frame[3]
                state[name] = 2
                stack.pop()
                continue
            call = calls[index]
            callee = call.name
            if callee not in definitions:
                if callee in shared:
                    size, levels = shared[callee]
                    frame[2] += size
                    frame[3] = max(frame[3], call.range_depth + levels)
                elif callee in BUILTIN_TEMPLATES:
                    frame[2] += BUILTIN_COST
                    frame[3] = max(frame[3], call.range_depth + BUILTIN_RANGE_DEPTH)
            elif state.get(callee) == 1:
                trail = [f[0] for f in stack]
                cycle = [*trail[trail.index(callee):], callee] if callee in trail else [name, callee]
                if callee not in reported:
                    reported.add(callee)
                    problems.append(TemplateProblem(
                        R152, paths[callee], "templates call each other in a cycle: " + " -> ".join(cycle),
                        "Alertmanager would recurse until it runs out of memory; remove one {{ template }} call",
                    ))
            elif state.get(callee) != 2:
                state[callee] = 1
                stack.append([callee, 0, definitions[callee].end - definitions[callee].offset,
                              definitions[callee].range_depth])
                continue  # this call is counted once the callee is done
            else:
                frame[2] = min(frame[2] + cost[callee], 1 << 62)
                frame[3] = max(frame[3], call.range_depth + depth[callee])
            frame[1] = index + 1
    return cost, depth, problems


class TemplateSet:
    """Collects one template file per tenant (and the platform's) and the define name of each part."""

    def __init__(
        self, platform: Platform, version: Version | None = None, shared: SharedTemplates | None = None
    ) -> None:
        from receivers_cli.alertmanager.versions import parse_version

        self.platform = platform
        self.version: Version = version or parse_version(platform.alertmanager_version)
        self.shared: SharedBounds = shared.bounds if shared is not None else _NO_SHARED
        self._files: dict[str, str] = {}
        if shared is not None and shared.text:
            self._files[naming.template_file(naming.PLATFORM)] = shared.text

    def add_tenant(self, tenant_id: str, tenant: Tenant, channels: Iterable[str] = ()) -> dict[str, str]:
        """Render the tenant's file; return part key (``title``, ``slack.title``) → define name.

        ``channels`` are the channel types the tenant uses: each gets its per-channel defaults
        (each integration's ``default_templates``) unless the tenant overrides that part under ``templates:``. A problem
        (validation reports them first, with locations) stops the build.
        """
        from receivers_cli.errors import Problem, ProblemsError

        built = build_tenant_templates(self.platform, self.version, tenant_id, tenant, channels, self.shared)
        if built.problems:
            raise ProblemsError([
                Problem(tenant_id, 0, 0, p.rule, f"tenant {tenant_id}: {p.message}", "run receivers validate")
                for p in built.problems
            ])
        self._files[naming.template_file(tenant_id)] = built.text
        return built.parts

    def render(self) -> dict[str, str]:
        return dict(sorted(self._files.items()))

