"""The platform's shared Go templates: checked once, emitted as ``templates/_platform.tmpl``.

``receivers.yaml`` is trusted, but its templates share ONE Go template namespace with every
tenant's (Alertmanager parses every file under ``templates:`` into one set, and the last ``define``
of a name wins). So the same confinement holds for the platform as for a tenant, the other way round:

- **Names.** Every ``define``/``block`` is ``_platform/<name>``. Tenant ids never start with ``_``
  and built-in names have no ``/``, so a platform name can neither replace a tenant's part
  (``acme/title``) nor a built-in (``slack.default.title``): redefining a built-in would silently
  change every tenant's messages that use it (and our size accounting counts a built-in as small).
  There is no ``override_defaults`` switch: what the platform wants every tenant to show, it
  defines under its own name and tenants call it.
- **Calls.** A platform template calls only platform names and built-ins. Calling a tenant's part
  would run that tenant's text inside every other tenant's notifications.
- **Valid and bounded.** Each file is parsed alone with the tenant templates' Go parser (a syntax
  error would stop Alertmanager from loading anything); cycles, ``range`` deeper than
  :data:`~receivers_cli.render.templates.MAX_RANGE_DEPTH` and text expanding past
  :data:`~receivers_cli.render.templates.MAX_EXPANDED` are refused, because a tenant's call counts
  through them.

A tenant's call ``{{ template "_platform/footer" . }}`` passes its own notification data: a
template only ever sees the argument of its call, so a platform template cannot show a tenant
anything of another tenant. Problems are located in the template file itself (file:line:col).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from receivers_cli.alertmanager import gotemplate
from receivers_cli.alertmanager.versions import Version
from receivers_cli.codes import R153
from receivers_cli.errors import Problem
from receivers_cli.isolation import naming
from receivers_cli.loading.platform_templates import TemplateFile
from receivers_cli.render.templates import (
    BUILTIN_TEMPLATES,
    MAX_FILE,
    Path,
    bound_problems,
    call_graph_bounds,
    unknown_call_hint,
)

PREFIX = naming.prefix(naming.PLATFORM)  # "_platform/"


@dataclass(frozen=True)
class SharedTemplates:
    """The platform's template files, what they define, and what is wrong with them."""

    files: tuple[TemplateFile, ...] = ()
    bounds: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # name → (expanded size, range depth)
    problems: tuple[Problem, ...] = ()
    text: str = ""  # templates/_platform.tmpl ("" without files)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.bounds)


NONE = SharedTemplates()


def _where(file: TemplateFile, offset: int) -> tuple[int, int]:
    return gotemplate.line_col(file.text, offset)


def analyse(files: Sequence[TemplateFile], version: Version) -> SharedTemplates:
    """Parse and check ``files`` for ``version``; their defines become callable by tenants."""
    if not files:
        return NONE
    functions = gotemplate.functions_for(version)
    problems: list[Problem] = []
    definitions: dict[str, gotemplate.Definition] = {}
    tops: list[tuple[TemplateFile, gotemplate.Definition]] = []
    origin: dict[str, TemplateFile] = {}

    def problem(file: TemplateFile, offset: int, message: str, hint: str) -> Problem:
        line, col = _where(file, offset)
        return Problem(file.file, line, col, R153, message, hint)

    for file in files:
        try:
            parsed = gotemplate.parse(file.text, functions)
        except gotemplate.GoTemplateError as exc:
            problems.append(problem(file, exc.offset, f"not a valid Go template: {exc.message}",
                                    "Alertmanager would refuse the whole configuration; fix the {{ }} action"))
            continue
        for definition in parsed.definitions:
            if not definition.name:
                tops.append((file, definition))
                continue
            refusal = name_refusal(definition.name)
            if refusal is not None:
                problems.append(problem(file, definition.offset, *refusal))
                continue
            if definition.name in definitions:
                first = origin[definition.name]
                line, col = _where(first, definitions[definition.name].offset)
                problems.append(problem(file, definition.offset, f"template {definition.name!r} is defined twice "
                                        f"(first at {first.file}:{line}:{col})",
                                        "Alertmanager keeps only the last one; rename or remove one"))
                continue
            definitions[definition.name] = definition
            origin[definition.name] = file
    names = set(definitions)
    for name, definition in sorted(definitions.items()):
        problems.extend(_call_problems(origin[name], definition, names, problem))
    for file, top in tops:
        problems.extend(_call_problems(file, top, names, problem))
    paths: dict[str, Path] = {name: (origin[name].file, definitions[name].offset) for name in definitions}
    cost, depth, cycles = call_graph_bounds(definitions, paths)
    found = [*cycles, *bound_problems(definitions, paths, cost, depth)]
    for item in found:
        file = next(f for f in files if f.file == item.path[0])
        offset = item.path[1]
        problems.append(problem(file, offset if isinstance(offset, int) else 0, item.message,
                                item.hint + " (tenants' calls count through platform templates)"))
    text = emitted_text(files)
    if len(text) > MAX_FILE:
        problems.append(Problem(files[0].file, 1, 1, R153, f"the platform templates are longer than {MAX_FILE} "
                                "characters together", "shorten them"))
    bounds = {name: (cost[name], depth[name]) for name in definitions}
    return SharedTemplates(tuple(files), bounds, tuple(problems), text)


def name_refusal(name: str) -> tuple[str, str] | None:
    """(message, hint) when a platform file may not define ``name``, else None."""
    owner, local = naming.split(name)
    hint = f"name it {PREFIX}<name>; tenants call it as {{{{ template \"{PREFIX}<name>\" . }}}}"
    if name in BUILTIN_TEMPLATES:
        return (f"template {name!r} redefines an Alertmanager built-in: every tenant notification that uses it "
                "would change (receivers.yaml cannot override built-ins)", hint)
    if naming.SEPARATOR in name and naming.is_tenant(owner):
        return f"template {name!r} is in tenant {owner}'s namespace ({owner}/...)", hint
    if owner != naming.PLATFORM or naming.SEPARATOR not in name or not local:
        return f"template {name!r} is not in the platform's namespace ({PREFIX}...)", hint
    return None


_Locate = Callable[[TemplateFile, int, str, str], Problem]


def _call_problems(
    file: TemplateFile, definition: gotemplate.Definition, names: set[str], problem: _Locate
) -> list[Problem]:
    found: list[Problem] = []
    for call in definition.calls:
        if call.name in names or call.name in BUILTIN_TEMPLATES:
            continue
        owner = naming.owner_of(call.name)
        if naming.SEPARATOR in call.name and naming.is_tenant(owner):
            message = (f"template {call.name!r} belongs to tenant {owner}: a platform template runs in every "
                       "tenant's notifications and may call only platform templates and built-ins")
        else:
            message = f"template {call.name!r} is not defined by the platform templates or Alertmanager"
        found.append(problem(file, call.offset, message, unknown_call_hint(call.name, (), names)))
    return found


def emitted_text(files: Sequence[TemplateFile]) -> str:
    """``templates/_platform.tmpl``: each file byte for byte, in order, after a comment naming it.

    Concatenating valid files is valid: each ends outside any action and every define is closed,
    so the next file's text can only follow at the top level (never executed by Alertmanager)."""
    chunks = ["{{/* Shared templates of the platform (receivers.yaml templates.files). Generated by "
              "`receivers render`; do not edit. */}}\n"]
    for file in files:
        shown = "".join(c if c.isprintable() else "?" for c in file.source).replace("*/", "* /")
        chunks.append("{{/* " + shown + " */}}\n")
        chunks.append(file.text if file.text.endswith("\n") or not file.text else file.text + "\n")
    return "".join(chunks)
