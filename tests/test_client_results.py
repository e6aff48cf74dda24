"""What calls give back, through both clients over real HTTP: decoded JSON, files, the raw
response, the tool list and pages."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from support.standin import Received, Reply, Standin
from tests.client_helpers import KINDS, call_with, chat, client_for, collect, crm, drive, kit


def search(**fields: Any) -> Any:
    return crm.CrmSearchRecords(object_type="Contact", **fields)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "body", [{"id": "M1", "ts": 1.5}, [1, "two", None], "done", 42, True, None]
)
def test_json_answers_come_back_decoded(kind: str, body: Any, checked: Standin) -> None:
    checked.script(Reply(body=body))
    result = call_with(kind, checked, lambda c: chat.chat_send_message(c, channel="C", message="m"))
    assert result == body


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_answer_is_none(kind: str, checked: Standin) -> None:
    checked.script(Reply(raw=b""), Reply(raw=b"", headers={"Content-Type": ""}))
    send = chat.ChatSendMessage(channel="C", message="m")
    assert call_with(kind, checked, lambda c: c.run(send)) is None
    assert call_with(kind, checked, lambda c: c.run(send)) is None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("disposition", "filename"),
    [
        ('attachment; filename="invoice 7.pdf"', "invoice 7.pdf"),
        ("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", "résumé.pdf"),
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ('attachment; filename="..\\\\evil.exe"', "evil.exe"),
        ("attachment", None),
        (None, None),
    ],
)
def test_a_download_is_a_file_result(
    kind: str, disposition: str | None, filename: str | None, checked: Standin
) -> None:
    content = bytes(range(256)) * 40
    headers = {"Content-Type": "application/pdf"}
    if disposition is not None:
        headers["Content-Disposition"] = disposition
    checked.script(Reply(raw=content, headers=headers))
    result = call_with(kind, checked, lambda c: drive.drive_download_file(c, file_id="F1"))
    assert isinstance(result, kit.FileResult)
    assert result.content == content
    assert result.content_type == "application/pdf"
    assert result.filename == filename
    assert repr(result) == (
        f"FileResult(content=<10240 bytes>, content_type='application/pdf', filename={filename!r})"
    )
    assert checked.received[0].json() == {
        "tool": "DRIVE_DOWNLOAD_FILE",
        "parameters": {"fileId": "F1"},
    }


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_a_file_result_too(kind: str, checked: Standin) -> None:
    checked.script(Reply(raw=b"a,b\n1,2\n", headers={"Content-Type": "text/csv; charset=utf-8"}))
    result = call_with(kind, checked, lambda c: drive.drive_download_file(c, file_id="F1"))
    assert (result.content, result.content_type) == (b"a,b\n1,2\n", "text/csv; charset=utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_with_raw_response_gives_headers_and_the_parsed_result(kind: str, checked: Standin) -> None:
    checked.script(
        Reply(body={"id": "M1"}, headers={"X-Request-Id": "req-9"}),
        Reply(body={"id": "M2"}, headers={"X-Request-Id": "req-10"}),
    )

    def both(client: Any) -> Any:
        first = chat.chat_send_message(client.with_raw_response, channel="C", message="m")
        second = client.with_raw_response.run_tool(
            "CHAT_SEND_MESSAGE", {"channel": "C", "message": "n"}
        )
        if kind == "sync":
            return first, second

        async def wait() -> Any:
            return await first, await second

        return wait()

    first, second = call_with(kind, checked, both)
    assert isinstance(first, kit.RawResponse)
    assert first.status_code == 200
    assert first.headers["x-request-id"] == "req-9"
    assert first.parse() == {"id": "M1"}
    assert first.http_response.json() == {"id": "M1"}
    assert second.parse() == {"id": "M2"}
    assert repr(first) == "<RawResponse [200] application/json>"


@pytest.mark.parametrize("kind", KINDS)
def test_with_raw_response_still_raises_errors(kind: str, checked: Standin) -> None:
    checked.script(Reply(status=404, body={"message": "no such channel"}))
    with pytest.raises(kit.NotFoundError):
        call_with(
            kind,
            checked,
            lambda c: c.with_raw_response.run(chat.ChatSendMessage(channel="C", message="m")),
        )


@pytest.mark.parametrize("kind", KINDS)
def test_with_raw_response_offers_the_client_calls_with_their_own_signatures(kind: str) -> None:
    """The raw wrapper is built from the client's own ``run`` and ``run_tool``: nothing to drift."""
    client = client_for(kind, "http://127.0.0.1:9")
    raw = client.with_raw_response
    for name in ("run", "run_tool"):
        assert inspect.signature(getattr(raw, name)) == inspect.signature(getattr(client, name))
    assert repr(raw) == f"{client!r}.with_raw_response"


@pytest.mark.parametrize("kind", KINDS)
def test_with_raw_response_takes_the_per_call_options(kind: str, checked: Standin) -> None:
    checked.script(Reply(status=503), Reply(body={"id": "M1"}))
    raw = call_with(
        kind,
        checked,
        lambda c: c.with_raw_response.run(
            chat.ChatSendMessage(channel="C", message="m"), headers={"X-Trace": "t-1"}
        ),
    )
    assert raw.parse() == {"id": "M1"}
    assert [request.headers.get("x-trace") for request in checked.received] == ["t-1", "t-1"]


LISTED = {
    "slack": [
        {
            "type": "function",
            "function": {
                "name": "SLACK_SEND_MESSAGE",
                "description": "Send a message",
                "parameters": {"type": "object", "properties": {"channel": {"type": "string"}}},
            },
        }
    ],
    "salesforce": [
        {
            "type": "function",
            "function": {
                "name": "SALESFORCE_CREATE_RECORD_CONTACT",
                "description": "Create a contact",
                "parameters": {"type": "object", "properties": {"Level__c": {"type": "string"}}},
            },
        },
        "not a tool",
    ],
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("key", ["tools", "actions"])
def test_list_tools_reads_tools_and_the_older_actions_key(
    kind: str, key: str, checked: Standin
) -> None:
    checked.script(Reply(body={key: LISTED, "errors": [{"integration": "hubspot"}]}))
    listed = call_with(kind, checked, lambda c: c.list_tools())
    assert isinstance(listed, kit.ToolList)
    assert listed.names() == ["SLACK_SEND_MESSAGE", "SALESFORCE_CREATE_RECORD_CONTACT"]
    first, second = listed.tools
    assert isinstance(first, kit.ToolDefinition)
    assert (first.integration, first.description) == ("slack", "Send a message")
    assert second.parameters["properties"] == {"Level__c": {"type": "string"}}
    assert listed.errors == [{"integration": "hubspot"}]
    [request] = checked.received
    assert (request.method, request.path) == (
        "GET",
        "/projects/project-42/tools?format=json_schema",
    )


@pytest.mark.parametrize("kind", KINDS)
def test_list_tools_sends_the_query_options(kind: str, checked: Standin) -> None:
    checked.script(Reply(body={"tools": {}}))
    call_with(
        kind,
        checked,
        lambda c: c.list_tools(
            integrations=["salesforce", "hubspot"],
            categories="crm",
            format="paragon",
            limit_to_available=False,
            reload_fields=True,
        ),
    )
    assert checked.received[0].query == {
        "format": "paragon",
        "limit_to_available": "false",
        "reload_fields": "true",
        "integrations": "salesforce,hubspot",
        "categories": "crm",
    }


def cursor_pages(*cursors: Any, key: str = "pageCursor") -> Any:
    """A responder answering page ``n`` with ``cursors[n]`` as the next cursor (a value of
    ``...`` leaves the key out), numbering pages by the cursor each request sends."""
    sent = [None, *[c for c in cursors if isinstance(c, str) and c]]

    def respond(request: Received) -> Reply:
        cursor = request.parameters.get("paginationParameters", {}).get("pageCursor")
        index = sent.index(cursor)
        body: dict[str, Any] = {"records": [f"r{index}"]}
        if cursors[index] is not ...:
            body[key] = cursors[index]
        return Reply(body=body)

    return respond


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("end", [..., "", None], ids=["missing", "empty", "null"])
def test_pages_follow_the_cursor_until_it_ends(kind: str, end: Any, checked: Standin) -> None:
    checked.responder = cursor_pages("c1", "c2", end)
    pages = call_with(kind, checked, lambda c: collect(c.pages(search(page_size="2"))))
    assert [page["records"] for page in pages] == [["r0"], ["r1"], ["r2"]]
    assert [r.parameters for r in checked.received] == [
        {"objectType": "Contact", "pageSize": "2"},
        {"objectType": "Contact", "pageSize": "2", "paginationParameters": {"pageCursor": "c1"}},
        {"objectType": "Contact", "pageSize": "2", "paginationParameters": {"pageCursor": "c2"}},
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_read_next_page_cursor_and_a_nested_cursor(kind: str, checked: Standin) -> None:
    checked.responder = cursor_pages("n1", "", key="nextPageCursor")
    assert len(call_with(kind, checked, lambda c: collect(c.pages(search())))) == 2

    checked.received.clear()
    checked.script(
        Reply(body={"data": [], "paginationParameters": {"pageCursor": "p2"}}),
        Reply(body={"data": []}),
    )
    assert len(call_with(kind, checked, lambda c: collect(c.pages(search())))) == 2
    assert checked.received[1].parameters["paginationParameters"] == {"pageCursor": "p2"}


@pytest.mark.parametrize("kind", KINDS)
def test_pages_take_a_cursor_key_or_function(kind: str, checked: Standin) -> None:
    checked.script(Reply(body={"after": "A2"}), Reply(body={"after": None}))
    pages = call_with(kind, checked, lambda c: collect(c.pages(search(), cursor="after")))
    assert len(pages) == 2

    checked.script(Reply(body={"paging": {"next": {"after": 7}}}), Reply(body={"paging": {}}))

    def after(page: Any) -> Any:
        return page.get("paging", {}).get("next", {}).get("after")

    assert len(call_with(kind, checked, lambda c: collect(c.pages(search(), cursor=after)))) == 2
    assert checked.received[-1].parameters["paginationParameters"] == {"pageCursor": "7"}


@pytest.mark.parametrize("kind", KINDS)
def test_pages_stop_at_max_pages_and_resume_from_next_cursor(kind: str, checked: Standin) -> None:
    checked.responder = cursor_pages("c1", "c2", "c3", "c4", None)

    def first_two(client: Any) -> Any:
        pages = client.pages(search(), max_pages=2)
        collected = collect(pages)
        if kind == "sync":
            return collected, pages

        async def wait() -> Any:
            return await collected, pages

        return wait()

    got, iterator = call_with(kind, checked, first_two)
    assert len(got) == 2
    assert (iterator.pages, iterator.has_more, iterator.next_cursor) == (2, True, "c2")

    rest = call_with(kind, checked, lambda c: collect(c.pages(search(), start_cursor="c2")))
    assert [page["records"] for page in rest] == [["r2"], ["r3"], ["r4"]]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_start_from_a_cursor_in_the_call(kind: str, checked: Standin) -> None:
    checked.responder = cursor_pages("c1", "c2", None)
    call = crm.CrmSearchRecords.from_parameters(
        {"objectType": "Contact", "paginationParameters": {"pageCursor": "c1"}}
    )
    pages = call_with(kind, checked, lambda c: collect(c.pages(call)))
    assert [page["records"] for page in pages] == [["r1"], ["r2"]]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_stop_when_the_api_repeats_a_cursor(kind: str, checked: Standin) -> None:
    checked.default = Reply(body={"pageCursor": "same"})
    pages = call_with(kind, checked, lambda c: collect(c.pages(search())))
    assert len(pages) == 2  # the first page, then the page "same" gave "same" again
    assert len(checked.received) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_that_is_not_an_object_is_the_last(kind: str, checked: Standin) -> None:
    checked.script(Reply(body=[1, 2, 3]))
    assert call_with(kind, checked, lambda c: collect(c.pages(search()))) == [[1, 2, 3]]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_need_a_paginated_tool(kind: str, checked: Standin) -> None:
    with pytest.raises(TypeError, match="CHAT_SEND_MESSAGE takes no paginationParameters"):
        call_with(kind, checked, lambda c: c.pages(chat.ChatSendMessage(channel="C", message="m")))
    with pytest.raises(ValueError, match="max_pages"):
        call_with(kind, checked, lambda c: c.pages(search(), max_pages=0))
    assert checked.received == []
