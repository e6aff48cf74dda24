# Client calls a type checker must reject. A line's trailing comment names the error code mypy
# --strict reports there (checked by tests/test_typing.py).
from __future__ import annotations

from actionkit_client import ActionKit, AsyncActionKit, RawResponse
from actionkit_client.tools.dynamicsfinance import (
    Dynamics365FinanceUpdateInvoice,
    dynamics_365_finance_update_invoice,
)


def raw_response_without_await(client: AsyncActionKit) -> RawResponse:
    return dynamics_365_finance_update_invoice(  # error: return-value
        client.with_raw_response, invoice_identifier="INV-1"
    )


def async_pages_in_a_sync_loop(
    client: AsyncActionKit, call: Dynamics365FinanceUpdateInvoice
) -> None:
    for _ in client.pages(call):  # error: attr-defined
        pass


def unknown_list_format(client: ActionKit) -> None:
    client.list_tools(format="xml")  # error: arg-type


def retries_as_text(client: ActionKit, call: Dynamics365FinanceUpdateInvoice) -> None:
    client.run(call, max_retries="2")  # error: arg-type


def async_stream_in_a_sync_with(client: AsyncActionKit) -> None:
    with dynamics_365_finance_update_invoice(  # error: attr-defined
        client.with_streaming_response, invoice_identifier="INV-1"
    ):
        pass


def streamed_body_as_a_result(client: ActionKit, call: Dynamics365FinanceUpdateInvoice) -> bytes:
    with client.with_streaming_response.run(call) as response:
        return response.iter_bytes()  # error: return-value


def deadline_as_text(client: ActionKit, call: Dynamics365FinanceUpdateInvoice) -> None:
    client.run(call, deadline="30")  # error: arg-type
