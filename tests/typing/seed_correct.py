# Calls a type checker must accept (checked with mypy --strict by tests/test_typing.py).
from __future__ import annotations

from actionkit_client import ActionKit, AsyncActionKit
from actionkit_client.tools.dynamicsfinance import (
    Dynamics365FinanceUpdateInvoice,
    dynamics_365_finance_update_invoice,
)


def sync_call(client: ActionKit) -> object:
    return dynamics_365_finance_update_invoice(
        client, invoice_identifier="INV-1", is_one_time_customer="Yes", due_date="2025-01-31"
    )


async def async_call(client: AsyncActionKit) -> object:
    return await dynamics_365_finance_update_invoice(client, invoice_identifier="INV-1")


def dataclass_call(client: ActionKit) -> object:
    call = Dynamics365FinanceUpdateInvoice(
        invoice_identifier="INV-1", extra_parameters={"Level__c": "Gold", "Tags": ["a", 1]}
    )
    return client.run(call)
