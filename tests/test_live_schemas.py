"""Live schemas: a user's ``list_tools()`` answer, compiled at run time into the descriptors of
``_params``, gives definitions with the user's custom fields and checks ``dispatch(...,
tools=tool_list)`` before anything is sent, against the ActionKit stand-in.

The compiler is held to the generated classes: for every tool of every golden case, the class
compiled from its ``json_schema()`` accepts exactly what the generated class's
``from_parameters`` accepts, and sends the same body, on valid samples and on mutations."""

from __future__ import annotations

import asyncio
import copy
import importlib
import json
import pickle
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from support.standin import Reply, Standin
from tests.golden_packages import GoldenTool, golden_package, golden_tools
from tests.json_schemas import EXAMPLES, mutations, samples

TOOLS = golden_tools()
package = golden_package("list_tools_answer")
ANSWER_FILE = "tests/golden/list_tools_answer/input/tools.json"
CONTACT = "SALESFORCE_CREATE_RECORD_CONTACT"


def _outcome(cls: Any, value: Any) -> tuple[bool, Any]:
    try:
        return True, cls.from_parameters(value).to_parameters()
    except ValueError as error:
        return False, sorted(problem.path for problem in error.problems)  # type: ignore[attr-defined]


def _compiled(tool: GoldenTool) -> Any:
    compiler = importlib.import_module(f"{tool.package.__name__}._schema_compiler")
    cls = tool.cls
    return compiler.compile_tool(
        cls.TOOL, cls.INTEGRATION, cls.TITLE, cls.DESCRIPTION, cls.json_schema()
    )


@pytest.mark.parametrize("tool", TOOLS, ids=str)
def test_a_compiled_schema_checks_what_the_generated_class_checks(tool: GoldenTool) -> None:
    live = _compiled(tool)
    assert (live.TOOL, live.INTEGRATION, live.TITLE) == (
        tool.cls.TOOL,
        tool.cls.INTEGRATION,
        tool.cls.TITLE,
    )
    assert live.json_schema() == tool.cls.json_schema()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(samples(tool.cls.json_schema()))
    def check(sample: dict[str, Any]) -> None:
        assert _outcome(live, sample) == _outcome(tool.cls, sample)
        for mutated in mutations(copy.deepcopy(sample)):
            assert _outcome(live, mutated) == _outcome(tool.cls, mutated), json.dumps(
                mutated, default=str
            )

    check()


def _live_answer() -> dict[str, Any]:
    """The golden case's answer, with a custom field of this user that the snapshot lacks."""
    with open(ANSWER_FILE, encoding="utf-8") as file:
        answer: dict[str, Any] = json.load(file)
    [contact] = [
        entry for entry in answer["tools"]["salesforce"] if entry["function"]["name"] == CONTACT
    ]
    contact["function"]["parameters"]["properties"]["Region__c"] = {
        "type": "string",
        "description": "Region : a custom field added after the snapshot",
        "enum": ["EMEA", "APAC"],
    }
    answer["tools"]["salesforce"].append(
        {
            "type": "function",
            "function": {
                "name": "SALESFORCE_CREATE_RECORD_PROJECT__C",
                "description": "Create a Project (a custom object of this user).",
                "parameters": {
                    "type": "object",
                    "properties": {"Name": {"type": "string"}, "Budget__c": {"type": "number"}},
                    "required": ["Name"],
                },
            },
        }
    )
    return answer


def _client(standin: Standin) -> Any:
    return package.ActionKit("p1", "token", base_url=standin.url, max_retries=0)


CALL = {"LastName": "Lovelace", "Name": "Ada Lovelace", "Region__c": "EMEA"}


def test_dispatch_checks_against_the_live_schema(standin: Standin) -> None:
    standin.script(Reply(body=_live_answer()))
    with _client(standin) as client:
        listed = client.list_tools()
        snapshot = client.dispatch(CONTACT, CALL, errors="return")
        assert standin.received[1:] == []  # the snapshot lacks Region__c: nothing sent
        sent = client.dispatch(CONTACT, CALL, tools=listed)
        wrong = client.dispatch(
            CONTACT, {**CALL, "Region__c": "MARS"}, tools=listed, errors="return"
        )
        custom = client.dispatch(
            "SALESFORCE_CREATE_RECORD_PROJECT__C",
            {"Name": "Apollo", "Budget__c": 2.5},
            tools=listed,
        )
        missing = client.dispatch(
            "SALESFORCE_CREATE_RECORD_PROJECT__C",
            {"Budget__c": "a lot"},
            tools=listed,
            errors="return",
        )
    assert snapshot["problems"] == [{"path": "parameters.Region__c", "message": "unknown property"}]
    assert sent == {"ok": True}
    assert wrong["error"] == "invalid_tool_call"
    assert wrong["problems"] == [
        {"path": "parameters.Region__c", "message": "expected one of 'EMEA', 'APAC', got 'MARS'"}
    ]
    assert custom == {"ok": True}
    assert missing["problems"] == [
        {"path": "parameters.Name", "message": "required, missing"},
        {"path": "parameters.Budget__c", "message": "expected a number, got str"},
    ]
    assert [r.method for r in standin.received] == ["GET", "POST", "POST"]
    assert [r.json() for r in standin.received[1:]] == [
        {"tool": CONTACT, "parameters": CALL},
        {
            "tool": "SALESFORCE_CREATE_RECORD_PROJECT__C",
            "parameters": {"Name": "Apollo", "Budget__c": 2.5},
        },
    ]


def test_live_definitions_carry_the_custom_fields(standin: Standin) -> None:
    standin.script(Reply(body=_live_answer()))
    with _client(standin) as client:
        listed = client.list_tools()
    tools = importlib.import_module(f"{package.__name__}.tools")
    [snapshot] = tools.tool_definitions([CONTACT], format="mcp")
    [live] = listed.definitions([CONTACT], format="mcp")
    assert "Region__c" not in snapshot["inputSchema"]["properties"]
    assert live["inputSchema"]["properties"]["Region__c"] == {
        "type": "string",
        "enum": ["EMEA", "APAC"],
        "description": "Region : a custom field added after the snapshot",
    }
    # Everything else as the snapshot's export, built by the same rules.
    del live["inputSchema"]["properties"]["Region__c"]
    assert live == snapshot
    [json_schema] = listed.definitions([CONTACT])
    [listed_contact] = [tool for tool in listed if tool.name == CONTACT]
    assert json_schema["parameters"] == listed_contact.parameters  # as the API gave it
    assert [d["name"] for d in listed.definitions(pattern="*PROJECT*")] == [
        "SALESFORCE_CREATE_RECORD_PROJECT__C"
    ]
    assert len(listed.definitions(integrations=["salesforce"], format="anthropic")) == len(
        [tool for tool in listed if tool.integration == "salesforce"]
    )
    with pytest.raises(KeyError, match="NO_SUCH_TOOL"):
        listed.definitions(["NO_SUCH_TOOL"])
    with pytest.raises(ValueError, match="strict"):
        listed.definitions(format="anthropic", strict=True)


def test_a_strict_live_call_maps_nulls_back(standin: Standin) -> None:
    standin.script(Reply(body=_live_answer()))

    async def main() -> Any:
        async with package.AsyncActionKit("p1", "t", base_url=standin.url) as client:
            listed = await client.list_tools()
            [definition] = listed.definitions([CONTACT], format="openai", strict=True)
            properties = definition["function"]["parameters"]["properties"]
            arguments = {name: None for name in properties} | {
                "LastName": "Lovelace",
                "Name": "Ada Lovelace",
                "Region__c": "APAC",
                "additionalFields": '{"Tier": 1}',
            }
            return await client.dispatch(CONTACT, json.dumps(arguments), strict=True, tools=listed)

    assert asyncio.run(main()) == {"ok": True}
    assert standin.received[1].json()["parameters"] == {
        "LastName": "Lovelace",
        "Name": "Ada Lovelace",
        "Region__c": "APAC",
        "additionalFields": {"Tier": 1},
    }


def test_a_tool_the_live_list_lacks_is_refused(standin: Standin) -> None:
    standin.script(Reply(body={"tools": {}}))
    with _client(standin) as client:
        listed = client.list_tools()
        value = client.dispatch(
            CONTACT, {"LastName": "x", "Name": "y"}, tools=listed, errors="return"
        )
    assert value["problems"] == [{"path": "name", "message": f"no tool named {CONTACT!r}"}]
    assert len(standin.received) == 1


def test_a_tool_list_pickles_after_use(standin: Standin) -> None:
    """A multi-tenant app may cache each user's list (in another process, too)."""
    standin.script(Reply(body=_live_answer()))
    with _client(standin) as client:
        listed = client.list_tools()
        assert listed.tool_class(CONTACT) is not None  # compiled, cached
        again = pickle.loads(pickle.dumps(listed))
        assert again == listed
        client.dispatch(CONTACT, CALL, tools=again)
    assert standin.received[-1].json() == {"tool": CONTACT, "parameters": CALL}
