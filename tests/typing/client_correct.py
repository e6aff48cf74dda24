# Client calls a type checker must accept (checked with mypy --strict by tests/test_typing.py).
from __future__ import annotations

import httpx
from actionkit_client import (
    ActionKit,
    AsyncActionKit,
    FileResult,
    RawResponse,
    ToolDefinition,
    ToolList,
)
from actionkit_client.tools.dynamicsfinance import (
    Dynamics365FinanceUpdateInvoice,
    dynamics_365_finance_update_invoice,
)
from golden_mixed_catalogue import ActionKit as GoldenKit
from golden_mixed_catalogue import AsyncActionKit as AsyncGoldenKit
from golden_mixed_catalogue import AsyncStreamedResponse as AsyncGoldenStreamed
from golden_mixed_catalogue import StreamedResponse as GoldenStreamed
from golden_mixed_catalogue.tools.googledrive import google_drive_download_file


def raw_response(client: ActionKit) -> str:
    raw: RawResponse = dynamics_365_finance_update_invoice(
        client.with_raw_response, invoice_identifier="INV-1"
    )
    return raw.headers["x-request-id"]


async def async_raw_response(client: AsyncActionKit) -> int:
    raw: RawResponse = await dynamics_365_finance_update_invoice(
        client.with_raw_response, invoice_identifier="INV-1"
    )
    return raw.status_code


def per_call_options(client: ActionKit) -> object:
    call = Dynamics365FinanceUpdateInvoice(invoice_identifier="INV-1")
    return client.run(
        call,
        timeout=httpx.Timeout(5.0),
        max_retries=0,
        retry_ambiguous=True,
        headers={"X-Trace": "1"},
    )


def listing(client: ActionKit) -> list[str]:
    tools: ToolList = client.list_tools(integrations=["salesforce"], reload_fields=True)
    first: ToolDefinition = tools.tools[0]
    return [first.name, *tools.names()]


async def async_listing(client: AsyncActionKit) -> int:
    return len(await client.list_tools(categories="crm", format="paragon"))


def pages(client: ActionKit, call: Dynamics365FinanceUpdateInvoice) -> int:
    iterator = client.pages(call, max_pages=3, cursor="nextPageCursor")
    count = sum(1 for _ in iterator)
    return count if iterator.has_more else 0


async def async_pages(client: AsyncActionKit, call: Dynamics365FinanceUpdateInvoice) -> int:
    return len([page async for page in client.pages(call, max_pages=None)])


def file_result(result: object) -> bytes:
    return result.content if isinstance(result, FileResult) else b""


def clients(http: httpx.Client) -> ActionKit:
    with ActionKit(
        base_url="https://worker-actionkit.example.com",
        credential_id="cred-1",
        http_client=http,
    ) as client:
        return client.with_options(user_token="another", max_retries=5)


def streamed_download(client: GoldenKit, path: str) -> int:
    with google_drive_download_file(client.with_streaming_response, file_id="F1") as response:
        streamed: GoldenStreamed = response
        name: str | None = streamed.filename
        return response.write_to_file(name or path)


async def async_streamed_download(client: AsyncGoldenKit) -> bytes:
    async with google_drive_download_file(client.with_streaming_response, file_id="F1") as response:
        streamed: AsyncGoldenStreamed = response
        chunks = [chunk async for chunk in streamed.aiter_bytes()]
        return b"".join(chunks)


def streamed_run(client: ActionKit, call: Dynamics365FinanceUpdateInvoice) -> object:
    with client.with_streaming_response.run(call, deadline=30.0) as response:
        content_type: str = response.content_type
        return content_type, response.parse()
