"""A supervisor bans a client from the client panel with the keyboard; the client's next message is
kept, marked, and shows only under the Banned queue; lifting the ban puts things back.

Runs against the real `switchboard demo` with its own browser (module-scoped fixture).
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait, wait_until

USER = 5_550_301
FIRST = "Hello, I need help with an invoice"
LATER = "BUY CHEAP FOLLOWERS now"


def conversation_of(admin, text):
    for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
        if (item.get("lastMessage") or {}).get("text") == text:
            return item["id"], item["contact"]["id"]
    raise AssertionError(f"no conversation ends with {text!r}")


def test_ban_from_the_client_panel_holds_later_messages_under_banned(browser, server, api, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    api.user_writes(USER, FIRST, "Spammer")
    wait_until(lambda: any((i.get("lastMessage") or {}).get("text") == FIRST
                           for i in admin.call("GET", "/api/v1/conversations?filter=all&limit=200")["items"]),
               timeout=20, message="the client's conversation")
    conversation, contact = conversation_of(admin, FIRST)

    # Given the demo's supervisor has the conversation open.
    browser.get(server.base_url + f"/#c{conversation}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("sofia")
    browser.find_element(By.ID, "password").send_keys("demo-sofia", Keys.ENTER)
    reason = wait(browser, EC.presence_of_element_located((By.ID, "ban-reason")), timeout=20)

    # When they type a reason and press Enter.
    browser.execute_script("arguments[0].scrollIntoView()", reason)
    reason.send_keys("spam links", Keys.ENTER)

    # Then the panel says who banned and why, and the API agrees.
    wait(browser, EC.text_to_be_present_in_element((By.ID, "ban-state"), "spam links"), timeout=20)
    assert "Sofia" in browser.find_element(By.ID, "ban-state").text
    assert admin.call("GET", f"/api/v1/contacts/{contact}", expect=200)["ban"]["reason"] == "spam links"
    shot("ban-panel")

    # And a later message is stored, marked, and listed only under Banned.
    api.user_writes(USER, LATER, "Spammer")
    wait_until(lambda: any(m["text"] == LATER and m.get("hold") == "banned"
                           for m in admin.call("GET", f"/api/v1/conversations/{conversation}/messages", expect=200)["items"]),
               timeout=20, message="the held message")
    all_open = [i["id"] for i in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]]
    assert conversation not in all_open
    # The queue buttons are redrawn on every count update: click through the page, never a held element.
    browser.execute_script("document.querySelector(\"button.queue[data-filter='banned']\").click()")
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, f"#conversation-list [data-id='{conversation}']"), timeout=20, message="the Banned list")
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".hold-mark[data-hold='banned']"), timeout=20, message="the held mark")
    wait(browser, lambda b: b.execute_script(
        "return document.querySelector(\"button.queue[data-filter='banned'] .queue-total\")?.textContent") == "1",
        timeout=20, message="the Banned count")
    shot("ban-queue")

    # When the ban is lifted, the panel offers the ban again.
    browser.execute_script("document.getElementById('unban-button').click()")
    wait(browser, EC.presence_of_element_located((By.ID, "ban-reason")), timeout=20)
    assert admin.call("GET", f"/api/v1/contacts/{contact}", expect=200).get("ban") is None
