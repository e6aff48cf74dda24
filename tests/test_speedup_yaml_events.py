"""``yaml_load.load`` gives exactly what PyYAML's C loader gives with timestamps read as strings (its
``loader_class``): the same values, or the same error."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.speedups import yaml_events as yaml_load

ROOT = Path(__file__).resolve().parent.parent

# Plain scalars YAML 1.1 reads as something other than a string, and near misses.
TRICKY = [
    "", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "no", "No", "on", "On", "OFF",
    "off", "y", "n", "true", "True", "FALSE", "tru", "0", "-0", "+12", "012", "0o17", "0x1F",
    "0b101", "1_000", "1:30", "-1:30:00", "190:20:30", "1.5", "-.5", "1e3", "1.0e+3", "6.8523015e+5",
    "685.230_15e+03", "190:20:30.15", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "2002-12-14",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-15T02:59:43.1Z",
    "2001-12-14 21:59:43.10 -5", "12:30", "1.2.3", "3.0.0", "<<", "=", "!", "&", "*", "Mr.",
    "Phone Inquiry", "a: b", "#notacomment", "{{settings.folder}}",
]  # fmt: skip


def _same(text: str | bytes) -> None:
    try:
        expected: Any = yaml.load(text, Loader=yaml_load.loader_class())
    except yaml.YAMLError as error:
        with pytest.raises(yaml.YAMLError) as raised:
            yaml_load.load(text)
        assert str(raised.value) == str(error)
        return
    actual = yaml_load.load(text)
    # repr tells 1 from True and 1.0, keeps key order, and reads NaN as itself.
    assert repr(actual) == repr(expected)
    assert _types(actual) == _types(expected)


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return [(type(k), _types(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_types(item) for item in value]
    return type(value)


@pytest.mark.parametrize("scalar", TRICKY)
def test_every_tricky_plain_scalar(scalar: str) -> None:
    for text in (
        f"key: {scalar}\n",
        f"- {scalar}\n- [{scalar}]\n",
        f"{scalar}: value\n",
        f"{{k: {scalar}}}\n",
        f"key: '{scalar}'\n",
        f'key: "{scalar}"\n',
    ):
        _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",  # merge keys
        "a: !!str 1\nb: !!binary aGk=\nc: !!set {x, y}\nd: !!omap [a: 1]\n",  # tags
        "? [a, b]\n: complex key\n",
        "? {a: 1}\n: complex key\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "",
        "---\n",
        "# only a comment\n",
        "just a scalar\n",
        "a: 1\na: 2\nb: 3\n",  # a repeated key keeps its first place and last value
        "a: [1, 2\n",  # errors
        "a: b: c\n",
        "a:\n  - x\n - y\n",
        "a: *undefined\n",
        "key: |\n  literal\n  block\nother: >\n  folded\n  text\n",
        "key: 'it''s'\nother: \"tab\\tnew\\nline \\u263A\"\n",
        "\ufeffa: bom\n",
        "a: 1\r\nb: [x, y]\r\n",
        "a:\n- 1\n- b: 2\n  c: [3, {d: 4}]\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: !custom 1\n",
        "a: ! 1\n",
    ],
)
def test_structures_and_errors(text: str) -> None:
    _same(text)
    _same(text.encode("utf-8"))


keys = st.text(max_size=8) | st.sampled_from(TRICKY) | st.integers() | st.booleans() | st.none()
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(TRICKY)
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(datetime.UTC))
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(values, st.sampled_from([None, True, False]), st.booleans(), st.sampled_from([20, 80]))
def test_whatever_pyyaml_writes(value: Any, flow: bool | None, unicode: bool, width: int) -> None:
    text = yaml.dump(value, default_flow_style=flow, allow_unicode=unicode, width=width)
    _same(text)


def test_the_spec_and_golden_inputs() -> None:
    for path in [ROOT / "specs" / "actionkit.yaml", *ROOT.glob("tests/golden/*/input/*.yaml")]:
        _same(path.read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        "example: 2022-01-01\n",
        "default: 2001-12-14t21:59:43.10-05:00\n",
        "- !!timestamp 2022-01-01\n",
        "a: &x 2022-01-01\nb: *x\n",
    ],
)
def test_timestamps_are_read_as_json_would_see_them(text: str) -> None:
    """A date in a spec is the string JSON would hold: the fast path and the loader agree."""
    value = yaml_load.load(text)
    assert all(isinstance(item, str) for item in _leaves(value)), value
    _same(text)


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]
