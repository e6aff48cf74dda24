"""The generated seed tool, run through the generated clients against a real local server."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from actionkit_client import (
    ActionKit,
    ActionKitValidationError,
    AsyncActionKit,
    BadRequestError,
    IntegrationNotConnectedError,
)
from actionkit_client.tools import TOOLS
from actionkit_client.tools.dynamicsfinance import (
    Dynamics365FinanceUpdateInvoice,
    dynamics_365_finance_update_invoice,
)

from support.standin import Reply, Standin

TOKEN = "eyJhbGciOiJIUzI1NiJ9.user-token.signature"
TOOL = "DYNAMICS_365_FINANCE_UPDATE_INVOICE"


def _client(standin: Standin, **options: object) -> ActionKit:
    return ActionKit("project-42", TOKEN, base_url=standin.url, **options)  # type: ignore[arg-type]


def test_seed_function_sends_exactly_the_contract_request(standin: Standin) -> None:
    standin.script(Reply(body={"id": "INV-1", "status": "updated"}))
    with _client(standin) as client:
        result = dynamics_365_finance_update_invoice(
            client, invoice_identifier="INV-1", is_one_time_customer="No", due_date="2025-01-31"
        )

    assert result == {"id": "INV-1", "status": "updated"}
    [request] = standin.received
    assert request.method == "POST"
    assert request.path == "/projects/project-42/tools"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "tool": TOOL,
        "parameters": {
            "InvoiceIdentifier": "INV-1",
            "DueDate": "2025-01-31",
            "IsOneTimeCustomer": "No",
        },
    }


def test_base_url_with_trailing_slash_sends_no_double_slash(standin: Standin) -> None:
    with ActionKit("p", TOKEN, base_url=standin.url + "/") as client:
        client.run(Dynamics365FinanceUpdateInvoice(invoice_identifier="X"))
    assert standin.received[0].path == "/projects/p/tools"


def test_extra_parameters_are_sent_as_given(standin: Standin) -> None:
    with _client(standin) as client:
        dynamics_365_finance_update_invoice(
            client, invoice_identifier="X", extra_parameters={"Level__c": "Gold", "Lines": [1, 2]}
        )
    assert standin.received[0].json()["parameters"] == {
        "InvoiceIdentifier": "X",
        "Level__c": "Gold",
        "Lines": [1, 2],
    }


def test_async_client_sends_the_same_request(standin: Standin) -> None:
    async def main() -> object:
        async with AsyncActionKit("project-42", TOKEN, base_url=standin.url) as client:
            return await dynamics_365_finance_update_invoice(client, invoice_identifier="INV-1")

    assert asyncio.run(main()) == {"ok": True}
    [request] = standin.received
    assert request.path == "/projects/project-42/tools"
    assert request.json() == {"tool": TOOL, "parameters": {"InvoiceIdentifier": "INV-1"}}


def test_run_tool_validates_known_tools_before_sending(standin: Standin) -> None:
    with _client(standin) as client, pytest.raises(ActionKitValidationError) as raised:
        client.run_tool(TOOL, {"IsOneTimeCustomer": "Maybe", "Unknown": 1})
    assert standin.received == []
    assert [str(problem) for problem in raised.value.problems] == [
        "parameters.InvoiceIdentifier: required, missing",
        "parameters.IsOneTimeCustomer: expected one of 'Yes', 'No', got 'Maybe'",
        "parameters.Unknown: unknown property",
    ]


def test_run_tool_sends_unknown_tools_as_given(standin: Standin) -> None:
    with _client(standin) as client:
        client.run_tool("SLACK_SEND_MESSAGE", {"channel": "C1", "message": "hi"})
    assert standin.received[0].json() == {
        "tool": "SLACK_SEND_MESSAGE",
        "parameters": {"channel": "C1", "message": "hi"},
    }


def test_tools_registry_maps_wire_names_to_classes() -> None:
    assert list(TOOLS) == [TOOL]
    assert TOOLS[TOOL] is Dynamics365FinanceUpdateInvoice
    assert Dynamics365FinanceUpdateInvoice.TOOL == TOOL
    assert Dynamics365FinanceUpdateInvoice.INTEGRATION == "dynamicsfinance"
    assert Dynamics365FinanceUpdateInvoice.TITLE == "Update Invoice"
    with pytest.raises(TypeError):
        TOOLS["X"] = Dynamics365FinanceUpdateInvoice  # type: ignore[index]


def test_json_schema_is_the_specs_parameters_schema() -> None:
    schema = Dynamics365FinanceUpdateInvoice.json_schema()
    assert schema["required"] == ["InvoiceIdentifier"]
    assert schema["properties"]["IsOneTimeCustomer"]["enum"] == ["Yes", "No"]
    schema["required"].append("mutated")
    assert Dynamics365FinanceUpdateInvoice.json_schema()["required"] == ["InvoiceIdentifier"]


def test_errors_carry_status_and_message_and_never_the_token(
    standin: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    standin.script(
        Reply(status=400, body={"message": "InvoiceIdentifier not found"}),
        Reply(status=400, body={"message": "Integration not enabled for user."}),
    )
    with _client(standin) as client:
        with pytest.raises(BadRequestError) as bad:
            dynamics_365_finance_update_invoice(client, invoice_identifier="nope")
        with pytest.raises(IntegrationNotConnectedError) as not_connected:
            dynamics_365_finance_update_invoice(client, invoice_identifier="nope")
        texts = [str(bad.value), repr(bad.value), repr(client), str(not_connected.value)]
    assert bad.value.status_code == 400
    assert bad.value.message == "InvoiceIdentifier not found"
    assert bad.value.body == {"message": "InvoiceIdentifier not found"}
    assert not_connected.value.status_code == 400
    assert all(TOKEN not in text for text in [*texts, caplog.text])
    assert bad.value.__cause__ is None and bad.value.__context__ is None


def test_file_answers_come_back_as_file_results(standin: Standin) -> None:
    standin.script(
        Reply(
            raw=b"%PDF-1.7 bytes",
            headers={
                "Content-Type": "application/pdf",
                "Content-Disposition": 'attachment; filename="invoice.pdf"',
            },
        )
    )
    with _client(standin) as client:
        result = client.run_tool("GOOGLE_DRIVE_DOWNLOAD_FILE", {"fileId": "f1"})
    assert result.content == b"%PDF-1.7 bytes"
    assert result.content_type == "application/pdf"
    assert result.filename == "invoice.pdf"
    assert json.loads(standin.received[0].body)["tool"] == "GOOGLE_DRIVE_DOWNLOAD_FILE"
