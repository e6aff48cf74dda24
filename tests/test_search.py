"""``tools.search``: tool names ranked by name, title, description and integration."""

from __future__ import annotations

import pytest

from tests.golden_packages import golden_package

package = golden_package("mixed_catalogue")
tools = pytest.importorskip(f"{package.__name__}.tools")


def test_the_integration_and_the_action_both_count() -> None:
    found = tools.search("hubspot contacts")
    assert sorted(found[:3]) == sorted(n for n in tools.TOOLS if n.startswith("HUBSPOT_"))
    assert tools.search("send slack message")[0] == "SLACK_SEND_MESSAGE"
    assert tools.search("create jira issue")[0] == "JIRA_CREATE_ISSUE"


def test_a_word_prefix_matches_and_rare_words_weigh_more() -> None:
    # "invoic" is a prefix of "invoice"; every invoice tool comes before any other.
    found = tools.search("invoic")
    assert found and all("INVOICE" in name for name in found)
    # "email" is rarer than "send": the email tools lead.
    assert set(tools.search("send email", limit=2)) == {"GMAIL_SEND_EMAIL", "OUTLOOK_SEND_EMAIL"}


def test_limits_and_queries_that_match_nothing() -> None:
    assert len(tools.search("create", limit=3)) == 3
    assert tools.search("create", limit=0) == []
    assert tools.search("") == []
    assert tools.search("zzzz qqqq") == []
    found = tools.search("Create", limit=100)
    assert found == tools.search("create", limit=100)
    assert len(found) == len(set(found))
    assert all(name in tools.TOOLS for name in found)
