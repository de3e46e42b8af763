"""A supervisor merges two clients in the inbox and sees one timeline; undo splits it again.

Runs against the real `switchboard demo` with its own browser (module-scoped fixture).
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait, wait_until


def timeline_texts(browser):
    """The timeline's message texts, read in one script so a re-render cannot leave a stale element."""
    return browser.execute_script("return [...document.querySelectorAll('#timeline .message-text')].map((e) => e.textContent)")

FIRST_USER = 5_550_101
SECOND_USER = 5_550_102
FIRST_TEXT = "My card was charged twice for order 7731"
SECOND_TEXT = "Writing from my other account: any news on 7731?"


def conversation_of(admin, text):
    """The id and contact id of the conversation whose last message is `text`."""
    for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
        if (item.get("lastMessage") or {}).get("text") == text:
            return item["id"], item["contact"]["id"]
    raise AssertionError(f"no conversation ends with {text!r}")


def test_merge_shows_one_ordered_timeline_and_undo_splits_it(browser, server, api, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    api.user_writes(FIRST_USER, FIRST_TEXT, "Petro")
    api.user_writes(SECOND_USER, SECOND_TEXT, "Petro S")
    wait_until(lambda: any((i.get("lastMessage") or {}).get("text") == SECOND_TEXT
                           for i in admin.call("GET", "/api/v1/conversations?filter=all&limit=200")["items"]),
               timeout=20, message="both clients' conversations")
    first_id, first_contact = conversation_of(admin, FIRST_TEXT)
    second_id, _ = conversation_of(admin, SECOND_TEXT)

    # Given the supervisor has the second client's conversation open.
    browser.get(server.base_url + f"/#c{second_id}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    wait(browser, EC.text_to_be_present_in_element((By.ID, "me-name"), "Alex"))
    wait(browser, lambda b: SECOND_TEXT in timeline_texts(b), timeout=20, message="the second client's timeline")
    assert FIRST_TEXT not in timeline_texts(browser)

    # When they merge the first client into this one from the client panel.
    field = browser.find_element(By.ID, "merge-contact-id")
    browser.execute_script("arguments[0].scrollIntoView()", field)
    field.send_keys(str(first_contact))
    browser.find_element(By.ID, "merge-button").click()

    # Then one timeline shows both clients' messages in the order they were written, each with its badge.
    wait(browser, lambda b: FIRST_TEXT in timeline_texts(b), timeout=20, message="the merged timeline")
    texts = timeline_texts(browser)
    assert texts.index(FIRST_TEXT) < texts.index(SECOND_TEXT)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline .badge.channel-telegram")) >= 1
    undo = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#merges button[data-merge]")))
    shot("merged-timeline")
    detail = admin.call("GET", f"/api/v1/conversations/{second_id}", expect=200)
    assert len(detail["identities"]) == 2
    assert admin.call("GET", f"/api/v1/conversations/{first_id}", expect=200)["contact"]["id"] == detail["contact"]["id"]

    # And undo puts each message back with its own client.
    undo.click()
    wait(browser, lambda b: SECOND_TEXT in timeline_texts(b) and FIRST_TEXT not in timeline_texts(b), timeout=20,
         message="the split timeline")
    assert admin.call("GET", f"/api/v1/conversations/{first_id}", expect=200)["contact"]["id"] == first_contact
    shot("merge-undone")
