# Calls with nested types a type checker must reject. A line's trailing comment names the error
# code mypy --strict reports there (checked by tests/test_typing.py).
from __future__ import annotations

from golden_mixed_catalogue import ActionKit
from golden_mixed_catalogue.tools.gmail import GmailSendEmailAttachmentsItem, gmail_send_email
from golden_mixed_catalogue.tools.hubspot import (
    HubspotSearchRecordsContactsFilter,
    hubspot_search_records_contacts,
)
from golden_mixed_catalogue.tools.stripe import stripe_create_charge
from golden_mixed_catalogue.tools.trello import trello_create_card
from golden_nesting_and_refs.tools._components import Folder


def calls(client: ActionKit) -> None:
    hubspot_search_records_contacts(
        client,
        filter={"filter.value": "x"},  # error: arg-type
    )
    HubspotSearchRecordsContactsFilter(filter_value="x", filter_operator="LIKE")  # error: arg-type
    HubspotSearchRecordsContactsFilter(filter_operator="EQ")  # error: call-arg
    gmail_send_email(
        client,
        to="a@example.com",
        subject="Hi",
        attachments=[{"fileName": "a.txt"}],  # error: list-item
    )
    GmailSendEmailAttachmentsItem(file_name="a.txt", content=3)  # error: arg-type
    stripe_create_charge(client, amount="100")  # error: arg-type
    stripe_create_charge(client, amount=1, metadata={"order": 42})  # error: dict-item
    trello_create_card(client, id_list="L", pos="middle")  # error: arg-type
    Folder(name="root", children=[{"name": "leaf"}])  # error: list-item
