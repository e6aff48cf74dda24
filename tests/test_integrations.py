"""The framework adapters, each in its framework's own loop with a scripted model, against the
ActionKit stand-in: a wrong call goes back to the model and sends nothing, the corrected call
sends exactly the tool's wire body once."""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
from typing import Any

import pytest

from support.standin import Reply, Standin, schemas_of
from tests.golden_packages import golden_package

package = golden_package("mixed_catalogue")
tools_module = importlib.import_module(f"{package.__name__}.tools")
client_module = package  # the clients load lazily from the package
adapters = importlib.import_module(f"{package.__name__}.integrations")
TOKEN = "user-token-for-the-adapter-tests"
WIRE = {"tool": "SLACK_SEND_MESSAGE", "parameters": {"channel": "C1", "message": "hi"}}


@pytest.fixture
def slack() -> Any:
    standin = Standin(schemas=schemas_of(tools_module.TOOLS))
    standin.default = Reply(body={"ok": True, "ts": "1.2"})
    with standin.running():
        yield standin
    assert standin.violations == []


def _client(standin: Standin, cls: str = "AsyncActionKit") -> Any:
    return getattr(client_module, cls)(project_id="p1", user_token=TOKEN, base_url=standin.url)


def test_openai_agents_function_tools_in_a_runner_loop(slack: Standin) -> None:
    from agents import Agent, Runner, set_tracing_disabled
    from agents.items import ModelResponse
    from agents.models.interface import Model
    from agents.usage import Usage
    from openai.types.responses import (
        ResponseFunctionToolCall,
        ResponseOutputMessage,
        ResponseOutputText,
    )

    set_tracing_disabled(True)
    openai_agents = importlib.import_module(f"{adapters.__name__}.openai_agents")
    strict_nulls = {"blocks": None, "thread_ts": None}

    def call(call_id: str, arguments: dict[str, Any]) -> list[Any]:
        return [
            ResponseFunctionToolCall(
                type="function_call",
                id=f"fc_{call_id}",
                call_id=call_id,
                name="SLACK_SEND_MESSAGE",
                arguments=json.dumps(arguments),
            )
        ]

    class Scripted(Model):
        def __init__(self) -> None:
            self.script = [
                call("c1", {"channel": 5, "message": "hi", **strict_nulls}),
                call("c2", {"channel": "C1", "message": "hi", **strict_nulls}),
                [
                    ResponseOutputMessage(
                        type="message",
                        id="m1",
                        role="assistant",
                        status="completed",
                        content=[
                            ResponseOutputText(type="output_text", text="sent", annotations=[])
                        ],
                    )
                ],
            ]
            self.inputs: list[Any] = []

        async def get_response(
            self, system_instructions: Any, input: Any, *args: Any, **kwargs: Any
        ) -> ModelResponse:
            self.inputs.append(input)
            return ModelResponse(output=self.script.pop(0), usage=Usage(), response_id=None)

        def stream_response(self, *args: Any, **kwargs: Any) -> Any:
            raise NotImplementedError

    async def scenario() -> None:
        async with _client(slack) as client:
            found = openai_agents.tools(client, pattern="SLACK_SEND_*")
            assert [t.name for t in found] == ["SLACK_SEND_MESSAGE"]
            model = Scripted()
            agent = Agent(name="a", instructions="", tools=found, model=model)
            result = await Runner.run(agent, "say hi in C1", max_turns=5)
            assert result.final_output == "sent"
            refused = json.loads(model.inputs[1][-1]["output"])
            assert refused["error"] == "invalid_tool_call"
            assert refused["problems"][0]["path"] == "parameters.channel"
            assert json.loads(model.inputs[2][-1]["output"]) == {"ok": True, "ts": "1.2"}

    asyncio.run(scenario())
    assert [r.json() for r in slack.received] == [WIRE]


def test_langchain_structured_tools_in_a_tool_calling_loop(slack: Standin) -> None:
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

    langchain = importlib.import_module(f"{adapters.__name__}.langchain")

    def tool_call(call_id: str, args: dict[str, Any]) -> AIMessage:
        return AIMessage(
            content="",
            tool_calls=[
                {"name": "SLACK_SEND_MESSAGE", "args": args, "id": call_id, "type": "tool_call"}
            ],
        )

    model = GenericFakeChatModel(
        messages=iter(
            [
                tool_call("c1", {"channel": "C1", "message": "hi", "colour": "red"}),
                tool_call("c2", {"channel": "C1", "message": "hi"}),
                AIMessage(content="sent"),
            ]
        )
    )
    with _client(slack, "ActionKit") as client:
        found = {t.name: t for t in langchain.tools(client, ["SLACK_SEND_MESSAGE"])}
        messages: list[Any] = [HumanMessage("say hi in C1")]
        for _ in range(5):
            ai = model.invoke(messages)
            messages.append(ai)
            if not ai.tool_calls:
                break
            for call in ai.tool_calls:
                messages.append(found[call["name"]].invoke(call))
    replies = [m for m in messages if isinstance(m, ToolMessage)]
    assert [m.status for m in replies] == ["error", "success"]
    problem = json.loads(str(replies[0].content))
    assert problem["problems"] == [{"path": "parameters.colour", "message": "unknown property"}]
    assert json.loads(str(replies[1].content)) == {"ok": True, "ts": "1.2"}
    assert [r.json() for r in slack.received] == [WIRE]


def test_pydantic_ai_tools_retry_a_wrong_call(slack: Standin) -> None:
    from pydantic_ai import Agent
    from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart, ToolReturnPart
    from pydantic_ai.models.function import FunctionModel

    pydantic_ai = importlib.import_module(f"{adapters.__name__}.pydantic_ai")
    outcomes: list[tuple[str, str]] = []

    def scripted(messages: list[Any], info: Any) -> ModelResponse:
        last = messages[-1].parts[-1]
        if isinstance(last, ToolReturnPart):
            outcomes.append((last.outcome, last.model_response_str()))
            if last.outcome == "retried":
                args = {"channel": "C1", "message": "hi", "blocks": None, "thread_ts": None}
                return ModelResponse(parts=[ToolCallPart("SLACK_SEND_MESSAGE", args, "c2")])
            return ModelResponse(parts=[TextPart("sent")])
        args = {"channel": None, "message": "hi", "blocks": None, "thread_ts": None}
        return ModelResponse(parts=[ToolCallPart("SLACK_SEND_MESSAGE", args, "c1")])

    async def scenario() -> None:
        async with _client(slack) as client:
            found = pydantic_ai.tools(client, integrations=["slack"], pattern="SLACK_SEND_*")
            agent = Agent(FunctionModel(scripted), tools=found)
            result = await agent.run("say hi in C1")
            assert result.output == "sent"

    asyncio.run(scenario())
    assert [outcome for outcome, _ in outcomes] == ["retried", "success"]
    assert "parameters.channel" in outcomes[0][1]
    assert [r.json() for r in slack.received] == [WIRE]


def test_a_missing_framework_names_its_extra() -> None:
    with pytest.raises(ImportError, match=r"pip install 'actionkit-client\[some-extra\]'"):
        adapters.require("no_such_framework_here", "some-extra", "Some framework")


def test_every_adapter_hands_back_what_dispatch_would(slack: Standin) -> None:
    """The adapters' shared runner: the same values as ``dispatch(errors="return")``, never an
    exception, on both clients."""
    pdf = b"%PDF-1.4"
    slack.script(
        Reply(raw=b"<html>", headers={"Content-Type": "application/json"}),
        Reply(raw=pdf, headers={"Content-Type": "application/pdf"}),
        Reply(raw=b"<html>", headers={"Content-Type": "application/json"}),
    )

    async def scenario() -> list[tuple[bool, Any]]:
        async with _client(slack) as client:
            return [
                await adapters.run(client, "SLACK_SEND_MESSAGE", {"channel": "C1"}, strict=False),
                await adapters.run(
                    client, "GOOGLE_DRIVE_DOWNLOAD_FILE", {"fileId": "f"}, strict=False
                ),
                await adapters.run(
                    client, "SLACK_SEND_MESSAGE", '{"channel": "\\ud800"}', strict=False
                ),
            ]

    broken, file, unencodable = asyncio.run(scenario())
    with _client(slack, "ActionKit") as sync_client:
        sync_broken = asyncio.run(
            adapters.run(sync_client, "SLACK_SEND_MESSAGE", {"channel": "C1"}, strict=False)
        )
    assert broken[0] is False and broken[1]["error"] == "invalid_response"
    assert sync_broken == broken
    assert file == (
        True,
        {
            "file": {
                "filename": None,
                "content_type": "application/pdf",
                "size": len(pdf),
                "content_base64": base64.b64encode(pdf).decode("ascii"),
            }
        },
    )
    assert unencodable[0] is False
    assert unencodable[1]["problems"][0]["path"] == "parameters.channel"
    assert len(slack.received) == 3
    assert adapters.text(unencodable[1]).encode("utf-8")


def test_adapters_take_the_users_live_schemas() -> None:
    """``live=client.list_tools()``: the model sees the user's custom field, and a call using it
    is checked against the live schema and sent; the snapshot alone refuses it."""
    from langchain_core.messages import ToolCall

    parameters = tools_module.TOOLS["SLACK_SEND_MESSAGE"].json_schema()
    parameters["properties"]["unfurl_links"] = {"type": "boolean"}
    answer = {
        "tools": {"slack": [{"function": {"name": "SLACK_SEND_MESSAGE", "parameters": parameters}}]}
    }
    standin = Standin()
    standin.responder = lambda request: Reply(body=answer if request.method == "GET" else {"ok": 1})
    langchain = importlib.import_module(f"{adapters.__name__}.langchain")
    pydantic_ai = importlib.import_module(f"{adapters.__name__}.pydantic_ai")
    arguments = {"channel": "C1", "unfurl_links": True}
    with standin.running(), _client(standin, "ActionKit") as client:
        listed = client.list_tools()
        [live] = langchain.tools(client, live=listed)
        [snapshot] = langchain.tools(client, ["SLACK_SEND_MESSAGE"])
        assert "unfurl_links" in live.args_schema["properties"]
        call: ToolCall = {"name": live.name, "args": arguments, "id": "c1", "type": "tool_call"}
        refused = snapshot.invoke(call)
        sent = live.invoke({**call, "id": "c2"})
        [strict] = pydantic_ai.tools(client, live=listed)
        assert "unfurl_links" in strict.function_schema.json_schema["properties"]
    assert refused.status == "error"
    assert json.loads(str(refused.content))["problems"] == [
        {"path": "parameters.unfurl_links", "message": "unknown property"}
    ]
    assert sent.status == "success"
    assert [r.json() for r in standin.received[1:]] == [
        {"tool": "SLACK_SEND_MESSAGE", "parameters": arguments}
    ]
