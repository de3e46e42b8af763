"""A Telegram group is one client: the inbox names the member who wrote each message.

Runs against the real `switchboard demo` with its own browser (module-scoped fixture).
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait, wait_until

GROUP_ID = -4_550_201
TITLE = "Acme purchasing"
FIRST_TEXT = "/help our invoice 991 is wrong"
SECOND_TEXT = "/help and the VAT number too"


def authored(browser):
    """(author, text) of each timeline message, read in one script so a re-render cannot leave a stale element."""
    return browser.execute_script(
        "return [...document.querySelectorAll('#timeline .message-in')].map((m) =>"
        " [m.querySelector('.message-author')?.textContent ?? null, m.querySelector('.message-text')?.textContent ?? null])")


def test_each_group_message_shows_the_member_who_wrote_it(browser, server, api, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    # Given two members of one Telegram group who write to the bot.
    api.member_writes(GROUP_ID, TITLE, 5_550_211, "Oksana", FIRST_TEXT)
    api.member_writes(GROUP_ID, TITLE, 5_550_212, "Taras", SECOND_TEXT)

    def group_conversation():
        for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
            if (item.get("lastMessage") or {}).get("text") == SECOND_TEXT:
                return item
        return None

    conversation = wait_until(group_conversation, timeout=20, message="the group's conversation")
    assert conversation["contact"]["displayName"] == TITLE

    # When an operator opens it.
    browser.get(server.base_url + f"/#c{conversation['id']}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    wait(browser, lambda b: [SECOND_TEXT] == [text for _, text in authored(b) if text == SECOND_TEXT], timeout=20,
         message="the group's timeline")

    # Then one timeline holds both messages, each under its member's name.
    assert [pair for pair in authored(browser) if pair[1] in (FIRST_TEXT, SECOND_TEXT)] == [
        ["Oksana", FIRST_TEXT], ["Taras", SECOND_TEXT]]
    shot("group-members-named")
