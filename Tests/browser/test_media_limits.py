"""Before attaching anything, the composer says what the open conversation's messenger takes.

Runs against the real `switchboard demo` (its seeded history has Telegram and Viber conversations).
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait


def conversation_on(admin, kind):
    """The id of some conversation on a channel of `kind`, open or resolved."""
    for status in ("all", "resolved"):
        for item in admin.call("GET", f"/api/v1/conversations?filter={status}&limit=200", expect=200)["items"]:
            if item["channel"]["kind"] == kind:
                return item["id"]
    raise AssertionError(f"the demo has no {kind} conversation")


def hint(browser):
    return browser.execute_script("return document.getElementById('composer-hint').textContent")


def test_the_composer_shows_the_open_messengers_limits(browser, server, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    limits = admin.call("GET", "/api/v1/media-limits", expect=200)
    summaries = {item["kind"]: item["summary"] for item in limits["messengers"]}
    viber, telegram = conversation_on(admin, "viber"), conversation_on(admin, "telegram")

    # Given the admin opens a Viber client's conversation
    browser.get(server.base_url + f"/#c{viber}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    wait(browser, EC.text_to_be_present_in_element((By.ID, "me-name"), "Alex"))

    # Then the composer states Viber's limits next to the paperclip, before any upload
    wait(browser, lambda b: hint(b) == summaries["viber"], timeout=20, message="Viber's limits in the composer")
    assert "pictures (JPEG, PNG) up to 1 MB" in hint(browser)
    assert summaries["viber"] in browser.find_element(By.ID, "attach-button").get_attribute("title")
    shot("composer-viber-limits")

    # And a Telegram conversation shows Telegram's
    browser.get(server.base_url + f"/#c{telegram}")
    wait(browser, lambda b: hint(b) == summaries["telegram"], timeout=20, message="Telegram's limits in the composer")
    assert "Telegram takes photos" in hint(browser)
