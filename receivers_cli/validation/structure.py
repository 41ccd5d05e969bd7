"""Types and structure: tenant and platform bodies into Pydantic models, errors onto source lines."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from receivers_cli.codes import R101, R102, R103, R104
from receivers_cli.errors import Problem, ProblemsError
from receivers_cli.loading.yaml_source import DataPath, SourceDocument
from receivers_cli.validation.schema_errors import pattern_problem, plain
from receivers_cli.wording import describe, did_you_mean

M = TypeVar("M", bound=BaseModel)


def parse_model(model: type[M], data: Any, doc: SourceDocument, prefix: DataPath = ()) -> M:
    """Validate ``data`` (found at ``prefix`` in ``doc``) into ``model``; raise located problems."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(problems_from_validation_error(exc, model, doc, prefix)) from None


def problems_from_validation_error(
    exc: ValidationError, model: type[BaseModel], doc: SourceDocument, prefix: DataPath
) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc: tuple[str | int, ...] = tuple(err["loc"])
        path = (*prefix, *loc)
        kind = err["type"]
        field = str(loc[-1]) if loc else "value"
        if kind == "extra_forbidden":
            known = _known_fields(model, loc[:-1])
            hint = did_you_mean(field, known, "allowed here: " + ", ".join(known) if known else "")
            problems.append(doc.problem(path, R101, f"unknown field {field!r}", hint, at_key=True))
        elif kind == "missing":
            problems.append(
                doc.problem(path[:-1], R104, f"missing required field {field!r}", f"add `{field}:`", at_key=True)
            )
        elif kind == "literal_error":
            expected = _literal_options(model, loc)
            value = err.get("input")
            hint = did_you_mean(str(value), expected, "one of: " + ", ".join(expected), cutoff=0.5)
            problems.append(doc.problem(path, R103, f"{field}: {value!r} is not an allowed value", hint))
        elif kind == "string_pattern_mismatch":
            problems.append(pattern_problem(doc, path, field, err.get("input")))
        elif kind in ("too_short", "list_too_short"):
            problems.append(doc.problem(path, R102, f"{field} must not be empty", "add at least one entry"))
        else:
            problems.append(
                doc.problem(path, R102, f"{field}: {plain(err['msg'])}, not {describe(err.get('input'))}")
            )
    return problems


def _annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    current: Any = model
    for part in loc:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part)) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            if field is None:
                return None
            current = field.annotation
        else:
            args = typing.get_args(current)
            if not args:
                return None
            current = args[-1]
    return _strip(current)


def _strip(annotation: Any) -> Any:
    """Unwrap Optional[...] and Annotated[...] down to the interesting type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    target = _annotation_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [f.alias or name for name, f in target.model_fields.items()]
    return []


def _literal_options(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    target = _annotation_at(model, loc)
    if typing.get_origin(target) is typing.Literal:
        return [str(a) for a in typing.get_args(target)]
    return []
