"""The agent example runs offline with one command and shows each step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_agent_example_runs_offline() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "agent_tool_call.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "1. 1 tool(s) for the model, e.g. DYNAMICS_365_FINANCE_UPDATE_INVOICE" in result.stdout
    assert (
        "3. ActionKit received {'tool': 'DYNAMICS_365_FINANCE_UPDATE_INVOICE', 'parameters': "
        "{'InvoiceIdentifier': 'INV-0042', 'CurrencyCode': 'EUR', 'DueDate': '2025-01-31', "
        "'IsOneTimeCustomer': 'No'}}"
    ) in result.stdout
    assert '"error": "invalid_tool_call"' in result.stdout
