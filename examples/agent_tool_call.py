"""An agent's round trip with ActionKit tools, offline: run `make example`.

1. Pick tools and export them in the provider's format (here: OpenAI, strict mode).
2. Take the tool call the model answered with (recorded, so no network is needed).
3. Dispatch it: checked against the tool's schema, then sent to ActionKit (here: the local
   stand-in the tests use). A bad call comes back as a value to hand back to the model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "generated")]

from actionkit_client import ActionKit  # noqa: E402
from actionkit_client.tools import tool_definitions  # noqa: E402

from support.standin import Reply, Standin  # noqa: E402

# What a chat completion answered with, as `message.tool_calls[0]`; in strict mode the model
# sends every property, with null for those it leaves out.
RECORDED_TOOL_CALL: dict[str, Any] = {
    "id": "call_7Ld2xQ",
    "type": "function",
    "function": {
        "name": "DYNAMICS_365_FINANCE_UPDATE_INVOICE",
        "arguments": json.dumps(
            {
                "InvoiceIdentifier": "INV-0042",
                "CustomerAccount": None,
                "InvoiceAccount": None,
                "CurrencyCode": "EUR",
                "InvoiceDate": None,
                "DueDate": "2025-01-31",
                "MethodOfPayment": None,
                "TermsOfPayment": None,
                "IsOneTimeCustomer": "No",
            }
        ),
    },
}


def main() -> None:
    tools: list[Any] = tool_definitions(
        integrations=["dynamicsfinance"], format="openai", strict=True
    )
    print(f"1. {len(tools)} tool(s) for the model, e.g. {tools[0]['function']['name']}:")
    print(json.dumps(tools[0]["function"]["parameters"]["properties"]["IsOneTimeCustomer"]))

    call = RECORDED_TOOL_CALL["function"]
    print(f"\n2. The model calls {call['name']} with {call['arguments']}")

    with Standin().running() as actionkit:
        actionkit.script(Reply(body={"InvoiceIdentifier": "INV-0042", "status": "updated"}))
        with ActionKit("demo-project", "demo-user-token", base_url=actionkit.url) as client:
            result = client.dispatch(call["name"], call["arguments"], strict=True, errors="return")
            print(f"\n3. ActionKit received {actionkit.received[0].json()}")
            print(f"   and answered {result}")

            mistake = client.dispatch(
                call["name"], '{"IsOneTimeCustomer": "Maybe"}', errors="return"
            )
            print(
                f"\n4. A bad call is not sent; the model gets back:\n{json.dumps(mistake, indent=2)}"
            )


if __name__ == "__main__":
    main()
