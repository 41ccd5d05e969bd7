"""Field probes: one minimal tenant per leaf field of every integration, and the real checker's verdict.

Besides one probe per leaf field, each field of an integration's example is also probed at its Go
zero value (``""``, ``0``, ``[]``, ...): Alertmanager tests required fields against the zero value,
so ``chat_id: 0`` is as missing as no ``chat_id`` at all. Those probes are judged one way only:
receivers must refuse every empty value the real checker refuses (it may refuse more: an empty
credential cannot deliver, even where Alertmanager only checks that a pointer is set).

A probe is an integration's catalog example with one more leaf field set to a valid sample value made
from the field's declaration (kind, choices, ...). ``receivers`` judges all probes of a target version
in one project (one tenant file each, so a refusal names its probe); the real ``amtool`` judges the
native equivalents in one ``check-config`` call over many files (it answers per file). Shared by the
field-probe test and ``benchmarks/conformance_figures.py``.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from receivers_cli import api
from receivers_cli.alertmanager.versions import Version, format_version
from receivers_cli.errors import ProblemsError
from receivers_cli.integrations import catalog
from receivers_cli.integrations.integration import Integration
from receivers_cli.integrations.shared_fields import HTTP_CONFIG
from receivers_cli.integrations.vocabulary import Field
from receivers_cli.render.yaml_emit import dump
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules.file_field_forbidden import reads_file

ProbePath = tuple[str | int, ...]

_SAMPLES: dict[str, object] = {
    "string": "probe",
    "template": '{{ .Status }} probe',
    "url": "https://probe.example.com/hook",
    "bool": True,
    "int": 1,
    "float": 1.5,
    "duration": "1m",
    "go_duration": "10s",
    "hostport": "smtp.example.com:587",
    "any": "probe",
}


@dataclass(frozen=True)
class Probe:
    """One tenant receiver: ``integration``'s example plus ``path`` set to ``value`` (none: the bare example)."""

    name: str
    integration: Integration
    path: ProbePath
    value: object
    since: Version
    # A required field emptied: receivers may refuse where Alertmanager's check would let the empty
    # value through (an empty secret pointer, a webhook we build the URL of), never the reverse.
    zero: bool = False

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path) or "(example)"

    def config(self) -> dict[str, Any]:
        config = copy.deepcopy(dict(self.integration.example))
        if self.path:
            node: Any = config
            for part, nxt in zip(self.path, self.path[1:], strict=False):
                if isinstance(part, int):
                    while len(node) <= part:
                        node.append({})
                    node = node[part]
                else:
                    node = node.setdefault(part, [] if isinstance(nxt, int) else {})
            last = self.path[-1]
            assert isinstance(last, str)
            node[last] = copy.deepcopy(self.value)
        return config

    def tenant(self) -> str:
        body = {self.name: {"metadata": {"name": self.name},
                            "receivers": [{"name": "r", "channel_type": self.integration.channel_type,
                                           "config": self.config()}]}}
        return json.dumps(body)

    def native(self) -> str:
        receiver = {"name": "r", self.integration.native: [self.integration.to_native(self.config())]}
        return dump({"route": {"receiver": "r"}, "receivers": [receiver]})


def sample(spec: Field) -> object:
    """A value Alertmanager reads for a field of this declaration."""
    if spec.choices:
        return spec.choices[0]
    if spec.kind == "list":
        return [_SAMPLES[spec.items]] if spec.items else []
    if spec.kind == "map":
        return {"probe": "value"}
    if spec.kind == "object":
        return {}
    return _SAMPLES[spec.kind]


def leaves(
    fields: Iterable[Field], prefix: ProbePath = (), since: Version = (0, 0)
) -> Iterator[tuple[ProbePath, Field, Version]]:
    """Every settable leaf below ``fields``: objects and lists of objects are entered (item 0); fields
    that read a local file are left out (tenants may never set them: R207, a security refusal)."""
    for spec in fields:
        path = (*prefix, spec.name)
        if reads_file(path):
            continue
        newest = max(since, spec.since)
        if spec.kind == "object" and spec.fields:
            yield from leaves(spec.fields, path, newest)
        elif spec.kind == "map" and spec.fields:  # names → objects (http_headers): one sample name
            yield from leaves(spec.fields, (*path, "X-Probe"), newest)
        elif spec.kind == "list" and spec.fields:
            yield from leaves(spec.fields, (*path, 0), newest)
        elif spec.object_since is not None:  # text, or a mapping from object_since: probe both forms
            yield path, spec, newest
            yield from leaves(spec.fields, path, max(newest, spec.object_since))
        else:
            yield path, spec, newest


def probes(
    integrations: Mapping[str, Integration] | None = None, *, http_for: Sequence[str] = ("webhook",)
) -> list[Probe]:
    """The bare example and one probe per leaf field of every integration. The shared ``http_config``
    leaves are probed on ``http_for`` only (they are one declaration, emitted the same way)."""
    found: list[Probe] = []
    for channel_type, integration in sorted((integrations or catalog()).items()):
        specs = list(integration.fields)
        if integration.http_config and channel_type in http_for:
            specs.append(HTTP_CONFIG)
        found.append(Probe(f"p{len(found):04d}", integration, (), None, integration.since))
        for path, spec, since in leaves(specs):
            found.append(Probe(f"p{len(found):04d}", integration, path, sample(spec), max(since, integration.since)))
        for key, value in sorted(integration.example.items()):  # the fields an example needs, emptied
            found.append(Probe(f"p{len(found):04d}", integration, (key,), go_zero(value), integration.since,
                               zero=True))
    return found


def go_zero(value: object) -> object:
    """Go's zero value of ``value``'s type, which Alertmanager reads as "not set" in its checks."""
    return type(value)() if isinstance(value, (str, bool, int, float, list, dict)) else None


def _project(probes_: Sequence[Probe], version: Version, root: Path) -> api.Project:
    tenants = root / "tenants"
    tenants.mkdir(parents=True)
    for probe in probes_:
        (tenants / f"{probe.name}.yaml").write_text(probe.tenant(), "utf-8")
    project = api.load_project([tenants], None, alertmanager_version=format_version(version))
    project = api.validated(project, ValidationLevel.STANDARD)
    return project


def receivers_verdicts(probes_: Sequence[Probe], version: Version, root: Path) -> dict[str, list[str]]:
    """Validate every probe at ``version`` in one project (one tenant file each): the problems
    (``rule message``) of each refused probe; a probe not named is accepted."""
    refused: dict[str, list[str]] = {}
    for problem in _project(probes_, version, root).errors():
        refused.setdefault(Path(problem.file).stem, []).append(f"{problem.rule} {problem.message}")
    return refused


def render(probes_: Sequence[Probe], version: Version, root: Path) -> Path:
    """Render probes that validate into ``root/out`` (one config); a render error is a finding."""
    rendered = api.render_project(_project(probes_, version, root), env={})
    out = root / "out"
    for rel, text in rendered.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, "utf-8")
    return out


def refused_renders(amtool: Sequence[str], probes_: Sequence[Probe], version: Version, root: Path) -> dict[str, str]:
    """Render the (validated) probes together and judge the config; on a refusal, bisect down to
    the probes whose render the real checker refuses, with its reason."""
    if not probes_:
        return {}
    root.mkdir(parents=True, exist_ok=True)
    try:
        out = render(probes_, version, root)
    except ProblemsError as exc:
        if len(probes_) == 1:
            return {probes_[0].name: "render: " + "; ".join(p.message for p in exc.problems)}
        why = None
    else:
        why = amtool_verdicts(amtool, [out / "alertmanager.yml"])[out / "alertmanager.yml"]
        if why is None:
            return {}
        if len(probes_) == 1:
            return {probes_[0].name: why}
    half = len(probes_) // 2
    return {**refused_renders(amtool, probes_[:half], version, root / "a"),
            **refused_renders(amtool, probes_[half:], version, root / "b")}


_VERDICT = re.compile(r"^Checking '(?P<file>[^']+)'\s+(?P<verdict>SUCCESS|FAILED: ?(?P<why>.*))$")


def amtool_verdicts(amtool: Sequence[str], files: Sequence[Path]) -> dict[Path, str | None]:
    """``amtool check-config`` over many files in one run: None where it accepts, its reason where not."""
    result = subprocess.run([*amtool, "check-config", *map(str, files)], capture_output=True, text=True, timeout=600)
    found: dict[Path, str | None] = {}
    lines = result.stdout.splitlines()
    for i, line in enumerate(lines):
        match = _VERDICT.match(line)
        if match:
            why = match.group("why")
            following = list(itertools.takewhile(lambda ln: not _VERDICT.match(ln), lines[i + 1:i + 3]))
            detail = " ".join(following).strip() if why is not None else ""
            found[Path(match.group("file"))] = None if why is None else (why + " " + detail).strip()
    missing = [f for f in files if f not in found]
    assert not missing, f"amtool gave no verdict for {missing[:3]}: {result.stdout[-500:]} {result.stderr[-500:]}"
    return found


def judge_natives(amtool: Sequence[str], probes_: Sequence[Probe], root: Path) -> dict[str, str | None]:
    """The real checker's verdict on each probe's native config (None: accepted)."""
    root.mkdir(parents=True, exist_ok=True)
    files = {}
    for probe in probes_:
        path = root / f"{probe.name}.yml"
        path.write_text(probe.native(), "utf-8")
        files[path] = probe.name
    return {files[path]: why for path, why in amtool_verdicts(amtool, list(files)).items()}


