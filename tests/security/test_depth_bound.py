"""The cheap nesting bound that lets most files skip the event-by-event depth check must never be
below the real depth, or a nesting bomb could reach libyaml's recursive composer unchecked."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

from receivers_cli.errors import ProblemsError
from receivers_cli.loading.yaml_source import MAX_DEPTH, _depth_bound, load_text


def real_depth(text: str) -> int:
    """The deepest nesting libyaml reaches (up to a syntax error, where the composer stops too)."""
    parser, depth, deepest = CParser(text), 0, 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
            elif type(event).__name__ == "StreamEndEvent":
                break
    except YAMLError:
        pass
    finally:
        parser.dispose()
    return deepest


def nested(rng: random.Random, depth: int) -> Any:
    if depth == 0:
        return "x"
    pick = rng.random()
    if pick < 0.4:
        return {f"k{rng.randint(0, 3)}": nested(rng, depth - 1)}
    if pick < 0.8:
        return [nested(rng, depth - 1)]
    return {"a": [nested(rng, depth - 1)], "b": "y"}


def test_bound_is_never_below_the_real_depth_in_any_style() -> None:
    rng = random.Random(15)
    for _ in range(600):
        yaml = YAML()
        yaml.default_flow_style = rng.choice([False, None, True])  # block, mixed, flow ([k: v] pairs)
        yaml.indent(mapping=rng.choice([1, 2, 4]), sequence=rng.choice([2, 4]), offset=rng.choice([0, 2]))
        out = io.StringIO()
        yaml.dump(nested(rng, rng.randint(1, 90)), out)
        text = out.getvalue()
        assert _depth_bound(text) >= real_depth(text), text


@pytest.mark.parametrize("text", [
    "- " * 70 + "a\n",                               # compact sequences on one line
    "[a: " * 40 + "b" + "]" * 40 + "\n",            # flow sequences holding single-pair mappings
    "".join(" " * i + "k:\n" for i in range(70)) + " " * 70 + "v\n",  # one level per indentation column
    "a:\n" + "".join(" " * (2 * i) + "- b:\n" for i in range(40)),  # mappings and sequences alternating
])
def test_hand_written_bombs_are_still_refused(text: str) -> None:
    assert real_depth(text) > MAX_DEPTH and _depth_bound(text) > MAX_DEPTH
    with pytest.raises(ProblemsError) as caught:
        load_text(text, "bomb.yaml")
    assert caught.value.problems[0].rule == "R005"
