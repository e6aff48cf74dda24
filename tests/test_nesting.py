"""Nested objects, unions, maps, dates, nullables and recursive components, by hand."""

from __future__ import annotations

import inspect
import sys
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tests.golden_packages import golden_package

nesting = golden_package("nesting_and_refs")
types = golden_package("types_and_enums")
hubspot = pytest.importorskip(f"{nesting.__name__}.tools.hubspot")
asana = pytest.importorskip(f"{nesting.__name__}.tools.asana")
components = pytest.importorskip(f"{nesting.__name__}.tools._components")
salesforce = pytest.importorskip(f"{types.__name__}.tools.salesforce")


def _problems(cls: Any, data: Any) -> list[str]:
    package = sys.modules[cls.__module__.partition(".")[0]]
    with pytest.raises(package.ActionKitValidationError) as raised:
        cls.from_parameters(data)
    return [str(problem) for problem in raised.value.problems]


def test_nested_objects_become_their_dataclasses_and_back() -> None:
    data = {
        "filter": {"filter.value": "x", "and": [{"field": "email", "value": "a@b.c"}]},
        "paginationParameters": {"pageCursor": "c2"},
        "owner": {"id": "u1", "since": "2024-01-02T03:04:05Z"},
        "labels": {"tier": "gold"},
        "limit": 10,
    }
    call = hubspot.HubspotSearchContacts.from_parameters(data)
    assert call.filter == hubspot.HubspotSearchContactsFilter(
        filter_value="x",
        and_=[hubspot.HubspotSearchContactsFilterAndItem(field="email", value="a@b.c")],
    )
    assert isinstance(call.owner, components.Owner)
    assert call.to_parameters() == data


def test_every_problem_in_nested_objects_is_reported_with_its_path() -> None:
    data = {
        "filter": {"operator": "LIKE", "and": [{"value": 1}], "extra": True},
        "owner": "u1",
        "labels": {"tier": 3},
        "limit": 1.5,
    }
    assert _problems(hubspot.HubspotSearchContacts, data) == [
        'parameters.filter["filter.value"]: required, missing',
        "parameters.filter.operator: expected one of 'EQ', 'NEQ', 'CONTAINS', got 'LIKE'",
        "parameters.filter.and[0].field: required, missing",
        "parameters.filter.and[0].value: expected a string, got int",
        "parameters.filter.extra: unknown property",
        "parameters.owner: expected an object, got str",
        "parameters.labels.tier: expected a string, got int",
        "parameters.limit: expected an integer or a string, got float",
    ]


def test_a_shared_component_is_one_class_for_every_tool() -> None:
    owner = components.Owner(id="u1")
    assert hubspot.HubspotUpdateOwner(owner=owner).to_parameters() == {"owner": {"id": "u1"}}
    assert asana.AsanaAssignTask(task_id="t", assignee=owner).to_parameters() == {
        "taskId": "t",
        "assignee": {"id": "u1"},
    }
    fields = {name: f.type for name, f in hubspot.HubspotUpdateOwner.__dataclass_fields__.items()}
    assert fields["owner"] == "_components.Owner"


def test_a_recursive_component_round_trips_to_any_depth() -> None:
    tree = {"name": "root", "children": [{"name": "a", "children": [{"name": "b"}]}]}
    call = hubspot.HubspotUpdateOwner.from_parameters({"owner": {"id": "u"}, "tree": tree})
    assert call.tree.children[0].children[0] == components.Folder(name="b")
    assert call.to_parameters()["tree"] == tree
    bad = {"owner": {"id": "u"}, "tree": {"name": "r", "children": [{"children": []}]}}
    assert _problems(hubspot.HubspotUpdateOwner, bad) == [
        "parameters.tree.children[0].name: required, missing"
    ]


def test_recursive_json_schema_is_self_contained_under_defs() -> None:
    schema = asana.AsanaAssignTask.json_schema()
    assert schema["properties"]["value"] == {"$ref": "#/$defs/JsonTree"}
    assert schema["$defs"]["JsonTree"]["oneOf"][1]["items"] == {"$ref": "#/$defs/JsonTree"}
    # A shared, non-recursive component is inlined.
    assert schema["properties"]["assignee"]["properties"]["id"] == {"type": "string"}
    call = asana.AsanaAssignTask.from_parameters(
        {"taskId": "t", "assignee": {"id": "u"}, "value": ["a", ["b", ["c"]]]}
    )
    assert call.to_parameters()["value"] == ["a", ["b", ["c"]]]


def test_union_of_objects_picks_the_option_that_fits() -> None:
    user = {"owner": {"id": "u"}, "target": {"userId": "u2"}}
    team = {"owner": {"id": "u"}, "target": {"teamId": "t1"}}
    assert isinstance(
        hubspot.HubspotUpdateOwner.from_parameters(user).target,
        hubspot.HubspotUpdateOwnerTargetUserTarget,
    )
    call = hubspot.HubspotUpdateOwner.from_parameters(team)
    assert isinstance(call.target, hubspot.HubspotUpdateOwnerTargetWithTeamId)
    assert call.to_parameters() == team


def test_all_of_merges_properties_and_required() -> None:
    merged = hubspot.HubspotUpdateOwnerMerged
    assert merged(a="x", b=2).to_json() == {"a": "x", "b": 2}
    assert _problems(hubspot.HubspotUpdateOwner, {"owner": {"id": "u"}, "merged": {"b": 1}}) == [
        "parameters.merged.a: required, missing"
    ]


def test_dates_are_sent_in_iso_form_and_strings_as_given() -> None:
    call = salesforce.SalesforceCreateRecordContact(
        last_name="L",
        name="N",
        department=None,
        birthdate=date(1990, 4, 1),
        last_activity=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
    )
    sent = call.to_parameters()
    assert sent["Birthdate"] == "1990-04-01"
    assert sent["LastActivity"] == "2024-05-06T07:08:09+00:00"
    again = salesforce.SalesforceCreateRecordContact.from_parameters(sent)
    assert again.birthdate == "1990-04-01"


def test_nullable_fields_tell_null_from_not_sent() -> None:
    cls = salesforce.SalesforceCreateRecordContact
    not_sent = cls(last_name="L", name="N", department="D")
    assert "MiddleName" not in not_sent.to_parameters()
    assert not_sent.middle_name is types.NOT_GIVEN
    cleared = cls(last_name="L", name="N", department=None, middle_name=None)
    assert cleared.to_parameters()["MiddleName"] is None
    assert cleared.to_parameters()["Department"] is None
    assert (
        cls.from_parameters({"LastName": "L", "Name": "N", "Department": None}).department is None
    )
    assert cls.from_parameters(cleared.to_parameters()) == cleared


def test_defaults_are_documented_not_sent() -> None:
    cls = salesforce.SalesforceCreateRecordContact
    assert "Country" not in cls(last_name="L", name="N", department="D").to_parameters()
    assert 'Default: "US\\"' in inspect.getsource(salesforce)


def test_typed_enums_keep_their_json_types() -> None:
    cls = salesforce.SalesforceCreateRecordContact
    base = {"LastName": "L", "Name": "N", "Department": "D"}
    assert cls.from_parameters({**base, "Priority": 2, "IsPrimary": True}).priority == 2
    assert _problems(cls, {**base, "Priority": "2", "IsPrimary": 1}) == [
        "parameters.Priority: expected one of 1, 2, 3, got '2'",
        "parameters.IsPrimary: expected one of True, got 1",
    ]


def test_numbers_json_cannot_carry_are_refused() -> None:
    cls = salesforce.SalesforceCreateRecordContact
    base = {"LastName": "L", "Name": "N", "Department": "D"}
    assert _problems(cls, {**base, "AnnualRevenue": float("inf"), "Anything": [float("nan")]}) == [
        "parameters.AnnualRevenue: expected a number, got float",
        "parameters.Anything[0]: expected a JSON value, got float",
    ]


def test_generated_classes_are_dataclasses_with_value_semantics() -> None:
    import dataclasses

    cls = hubspot.HubspotSearchContactsFilter
    one = cls(filter_value="x", operator="EQ")
    assert one == cls(filter_value="x", operator="EQ")
    assert one != cls(filter_value="y", operator="EQ")
    assert hash(one) == hash(cls(filter_value="x", operator="EQ"))
    assert repr(one) == "HubspotSearchContactsFilter(filter_value='x', operator='EQ', and_=None)"
    assert dataclasses.is_dataclass(cls)
    assert [f.name for f in dataclasses.fields(cls)] == ["filter_value", "operator", "and_"]
    assert dataclasses.replace(one, operator="NEQ").operator == "NEQ"
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.operator = "NEQ"
    make: Any = cls
    with pytest.raises(TypeError):
        make(operator="EQ")
