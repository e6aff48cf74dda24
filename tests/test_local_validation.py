"""What issue 14 found ``from_parameters`` missing, one test each, on the golden case
``validation_shapes``: constraints, ``additionalProperties`` beside properties (typed into the
dataclass), objects that take nothing, number and null enums, ``nullable`` behind ``$ref`` and in
unions, ``properties`` without a type. The descriptors are plain values too: built by hand here, as
a runtime validator of live schemas builds them."""

from __future__ import annotations

from typing import Any

import pytest
from actionkit_client import _params as p
from actionkit_client._exceptions import Problem

from tests.golden_packages import golden_tools

CLASSES = {tool.name: tool.cls for tool in golden_tools("validation_shapes")}
INVOICES = CLASSES["ACME_BILLING_LIST_INVOICES"]
CONTACT = CLASSES["ACME_CRM_CREATE_CONTACT"]
RATES = CLASSES["ACME_CRM_SET_RATES"]
NOTES = CLASSES["ACME_CRM_MERGE_NOTES"]


def problems(cls: Any, data: dict[str, Any]) -> set[tuple[str, str]]:
    try:
        cls.from_parameters(data)
    except ValueError as error:  # the golden package's own ActionKitValidationError
        return {(problem.path, problem.message) for problem in getattr(error, "problems")}  # noqa: B009
    return set()


@pytest.mark.parametrize(
    "data,path,message",
    [
        ({"limit": 0}, "parameters.limit", "must be at least 1"),
        ({"limit": 201}, "parameters.limit", "must be at most 200"),
        ({"limit": 1, "amountAbove": 0}, "parameters.amountAbove", "must be greater than 0"),
        (
            {"limit": 1, "amountBelow": 1000000},
            "parameters.amountBelow",
            "must be less than 1000000",
        ),
        ({"limit": 1, "step": 0.3}, "parameters.step", "must be a multiple of 0.5"),
        ({"limit": 1, "page": 15}, "parameters.page", "must be a multiple of 10"),
        (
            {"limit": 1, "code": "abcdef"},
            "parameters.code",
            "must have at most 5 characters, has 6",
        ),
        (
            {"limit": 1, "reference": "INV-1234\n"},
            "parameters.reference",
            "must match the pattern '^INV-\\\\d{4}$'",
        ),
        (
            {"limit": 1, "word": "\u00e9t\u00e9"},
            "parameters.word",
            "must match the pattern '^\\\\w+$'",
        ),
        ({"limit": 1, "tags": []}, "parameters.tags", "must have at least 1 items, has 0"),
        (
            {"limit": 1, "tags": ["", "b"]},
            "parameters.tags[0]",
            "must have at least 1 characters, has 0",
        ),
        (
            {"limit": 1, "ids": [1, 1.0]},
            "parameters.ids",
            "must have unique items: items 0 and 1 are equal",
        ),
        (
            {"limit": 1, "filter": {"a": "1", "b": "2", "c": "3"}},
            "parameters.filter",
            "must have at most 2 properties, has 3",
        ),
    ],
)
def test_each_constraint_is_checked_with_its_path_and_bound(
    data: dict[str, Any], path: str, message: str
) -> None:
    assert problems(INVOICES, data) == {(path, message)}


def test_values_within_the_constraints_pass_and_code_points_are_counted() -> None:
    call = INVOICES.from_parameters(
        {
            "limit": 200,
            "amountAbove": 0.01,
            "step": 1.5,
            "code": "\U0001f680\U0001f680",
            "ids": [1, True],
        }
    )
    assert call.limit == 200
    assert call.ids == [1, True]  # true is not 1 in JSON


def test_additional_properties_beside_properties_reach_the_dataclass_typed() -> None:
    call = CONTACT.from_parameters(
        {
            "email": "a@b.c",
            "Level__c": "Gold",
            "address": {"city": "X", "zip": 1},
            "labels": {"x": 2},
        }
    )
    assert call.extra_parameters == {"Level__c": "Gold"}
    assert call.address.extra_properties == {"zip": 1}
    assert call.labels.extra_properties == {"x": 2}
    assert call.to_parameters() == {
        "email": "a@b.c",
        "address": {"city": "X", "zip": 1},
        "labels": {"x": 2},
        "Level__c": "Gold",
    }
    assert problems(CONTACT, {"email": "", "labels": {"x": -1}, "n": 3}) == {
        ("parameters.labels.x", "must be at least 0"),
        ("parameters.n", "expected a string or null, got int"),
    }
    # `additionalProperties: false`, or absent: still refused.
    assert problems(CONTACT, {"email": "", "closed": {"other": 1}}) == {
        ("parameters.closed.other", "unknown property")
    }


def test_objects_that_take_nothing_take_only_the_empty_object() -> None:
    assert CONTACT.from_parameters({"email": "", "nothing": {}}).nothing == {}
    assert problems(CONTACT, {"email": "", "nothing": {"a": 1}, "nothingAtAll": {"b": 2}}) == {
        ("parameters.nothing.a", "unknown property"),
        ("parameters.nothingAtAll.b", "unknown property"),
    }
    assert problems(CONTACT, {"email": "", "nothing": [1]}) == {
        ("parameters.nothing", "expected an empty object, got list")
    }


def test_enums_of_numbers_and_with_null_are_enforced() -> None:
    assert problems(RATES, {"rate": 3}) == {("parameters.rate", "expected one of 1.5, 2.5, got 3")}
    assert problems(RATES, {"untypedChoice": "zzz"}) == {
        ("parameters.untypedChoice", "expected one of 'a', 'b', None, got 'zzz'")
    }
    call = RATES.from_parameters({"rate": 2.5, "level": 1.0, "untypedChoice": None, "choice": None})
    assert (call.level, call.untyped_choice, call.choice) == (1.0, None, None)
    assert call.to_parameters() == {
        "rate": 2.5,
        "level": 1.0,
        "choice": None,
        "untypedChoice": None,
    }


def test_nullable_is_kept_behind_refs_in_maps_and_in_unions() -> None:
    data = {"notes": [None, "a"], "byKey": {"k": None}, "byRef": {"k": None}, "target": None}
    call = NOTES.from_parameters({**data, "either": None})
    assert call.to_parameters() == {**data, "either": None}
    assert problems(NOTES, {"notes": ["x" * 101]}) == {
        ("parameters.notes[0]", "must have at most 100 characters, has 101")
    }


def test_properties_without_a_type_apply_to_objects_only() -> None:
    assert NOTES.from_parameters({"shape": "a string"}).shape == "a string"
    assert NOTES.from_parameters({"shape": [1]}).to_parameters() == {"shape": [1]}
    assert problems(NOTES, {"shape": {}}) == {("parameters.shape.kind", "required, missing")}
    assert NOTES.from_parameters({"shape": {"kind": "k"}}).to_parameters() == {
        "shape": {"kind": "k"}
    }


def test_descriptors_are_built_from_plain_values() -> None:
    limit = p.Constrained(p.INTEGER, minimum=1, maximum=200)
    found: list[Problem] = []
    limit.load(0, "parameters", "limit", found)
    assert [(x.path, x.message) for x in found] == [("parameters.limit", "must be at least 1")]
    assert limit.constraints == {"minimum": 1, "maximum": 200}
    assert p.Enum(1, 2, 3).accepts(1.0) and not p.Enum(1, 2, 3, type=p.INTEGER).accepts(1.0)
    assert not p.Enum(1).accepts(True)
    assert p.Constrained(p.STRING, pattern="^\\p{L}$").accepts("1")  # not translatable: unchecked
    assert p.WhenObject(p.EMPTY_OBJECT).accepts("text") and not p.WhenObject(
        p.EMPTY_OBJECT
    ).accepts({"a": 1})


def test_a_tools_own_property_count_is_checked() -> None:
    fields = CLASSES["ACME_CRM_UPDATE_FIELDS"]
    assert problems(fields, {}) == {("parameters", "must have at least 1 properties, has 0")}
    assert fields.from_parameters({"name": "a"}).name == "a"
