"""End to end: the openai SDK pointed at a local fake of the Chat Completions API, the strict
export as its tools, and each tool call dispatched to the ActionKit stand-in. A wrong call comes
back to the model as its problem list and sends nothing; the corrected one is sent once."""

from __future__ import annotations

import importlib
import json
from typing import Any

from openai import OpenAI

from support.standin import Reply, Standin, schemas_of
from tests.golden_packages import golden_package

package = golden_package("mixed_catalogue")
tools_module = importlib.import_module(f"{package.__name__}.tools")
client_module = package  # the clients load lazily from the package


def _completion(message: dict[str, Any], finish: str) -> Reply:
    return Reply(
        body={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": "fake",
            "choices": [{"index": 0, "finish_reason": finish, "message": message}],
        }
    )


def _tool_call(call_id: str, arguments: dict[str, Any]) -> Reply:
    call = {
        "id": call_id,
        "type": "function",
        "function": {"name": "SLACK_SEND_MESSAGE", "arguments": json.dumps(arguments)},
    }
    return _completion({"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls")


def test_a_chat_completions_loop_with_the_strict_export() -> None:
    fake_openai = Standin()
    actionkit = Standin(schemas=schemas_of(tools_module.TOOLS))
    actionkit.default = Reply(body={"ok": True, "ts": "1.2"})
    nulls = {"blocks": None, "thread_ts": None}
    fake_openai.script(
        _tool_call("call_1", {"channel": 5, "message": "hi", **nulls}),
        _tool_call("call_2", {"channel": "C1", "message": "hi", **nulls}),
        _completion({"role": "assistant", "content": "sent"}, "stop"),
    )
    definitions = tools_module.tool_definitions(
        ["SLACK_SEND_MESSAGE"], format="openai", strict=True
    )
    with fake_openai.running(), actionkit.running():
        openai = OpenAI(api_key="sk-test", base_url=f"{fake_openai.url}/v1", max_retries=0)
        kit = client_module.ActionKit(
            project_id="p1", user_token="user-token-for-the-loop", base_url=actionkit.url
        )
        messages: list[Any] = [{"role": "user", "content": "say hi in C1"}]
        with kit:
            for _ in range(5):
                answer = openai.chat.completions.create(
                    model="fake",
                    messages=messages,
                    tools=definitions,
                )
                message = answer.choices[0].message
                messages.append(message.model_dump(exclude_none=True))
                if not message.tool_calls:
                    break
                for call in message.tool_calls:
                    result = kit.dispatch(
                        call.function.name,  # type: ignore[union-attr]
                        call.function.arguments,  # type: ignore[union-attr]
                        strict=True,
                        errors="return",
                    )
                    messages.append(
                        {"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)}
                    )
    assert messages[-1]["content"] == "sent"
    first = fake_openai.received[0].json()
    assert first["tools"] == definitions
    refused = json.loads(fake_openai.received[1].json()["messages"][-1]["content"])
    assert refused["error"] == "invalid_tool_call"
    assert refused["problems"] == [
        {"path": "parameters.channel", "message": "expected a string, got int"}
    ]
    answered = json.loads(fake_openai.received[2].json()["messages"][-1]["content"])
    assert answered == {"ok": True, "ts": "1.2"}
    assert [r.json() for r in actionkit.received] == [
        {"tool": "SLACK_SEND_MESSAGE", "parameters": {"channel": "C1", "message": "hi"}}
    ]
    assert actionkit.violations == []
