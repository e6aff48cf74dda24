# Calls with nested objects, unions, maps and dates a type checker must accept.
from __future__ import annotations

from datetime import date

from golden_mixed_catalogue import ActionKit
from golden_mixed_catalogue.tools.asana import asana_create_task
from golden_mixed_catalogue.tools.gmail import GmailSendEmailAttachmentsItem, gmail_send_email
from golden_mixed_catalogue.tools.hubspot import (
    HubspotSearchRecordsContactsFilter,
    HubspotSearchRecordsContactsPaginationParameters,
    hubspot_search_records_contacts,
)
from golden_mixed_catalogue.tools.slack import slack_list_channels, slack_send_message
from golden_mixed_catalogue.tools.stripe import stripe_create_charge
from golden_mixed_catalogue.tools.trello import trello_create_card
from golden_nesting_and_refs.tools._components import Folder


def calls(client: ActionKit) -> None:
    gmail_send_email(
        client,
        to="a@example.com",
        subject="Hi",
        from_="me@example.com",
        attachments=[GmailSendEmailAttachmentsItem(file_name="a.txt", content="aGk=")],
    )
    hubspot_search_records_contacts(
        client,
        filter=HubspotSearchRecordsContactsFilter(filter_value="x", filter_operator="EQ"),
        pagination_parameters=HubspotSearchRecordsContactsPaginationParameters(page_cursor="c"),
    )
    slack_send_message(client, channel="C1", blocks=[{"type": "section"}], thread_ts=None)
    slack_send_message(client, channel="C1", blocks="raw text is fine too")
    slack_list_channels(client)
    stripe_create_charge(client, amount=100, metadata={"order": "42"})
    trello_create_card(client, id_list="L", pos="top")
    trello_create_card(client, id_list="L", pos=2.5)
    asana_create_task(client, name="Write", due_on=date(2025, 1, 31))
    Folder(name="root", children=[Folder(name="leaf")])
