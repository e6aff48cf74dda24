# Calls a type checker must reject. A line's trailing comment names the error code mypy --strict
# reports there (checked by tests/test_typing.py).
from __future__ import annotations

from actionkit_client import ActionKit, AsyncActionKit
from actionkit_client.tools.dynamicsfinance import (
    Dynamics365FinanceUpdateInvoice,
    dynamics_365_finance_update_invoice,
)


def missing_required(client: ActionKit) -> None:
    dynamics_365_finance_update_invoice(client)  # error: call-arg


def wrong_type(client: ActionKit) -> None:
    dynamics_365_finance_update_invoice(client, invoice_identifier=42)  # error: arg-type


def outside_the_literal(client: ActionKit) -> None:
    dynamics_365_finance_update_invoice(
        client,
        invoice_identifier="INV-1",
        is_one_time_customer="Maybe",  # error: arg-type
    )


def unknown_parameter(client: ActionKit) -> None:
    dynamics_365_finance_update_invoice(  # error: call-arg
        client,
        invoice_identifier="INV-1",
        InvoiceDate="x",
    )


def positional_parameter(client: ActionKit) -> None:
    dynamics_365_finance_update_invoice(client, "INV-1")  # error: call-arg


def dataclass_missing_required() -> None:
    Dynamics365FinanceUpdateInvoice()  # error: call-arg


def frozen(call: Dynamics365FinanceUpdateInvoice) -> None:
    call.invoice_identifier = "other"  # error: misc


def async_result_used_without_await(client: AsyncActionKit) -> None:
    result = dynamics_365_finance_update_invoice(client, invoice_identifier="INV-1")
    result["id"]  # error: index
