"""Deep-link context in a real browser: the site registers it, the client arrives through the
Telegram link, the operator sees it pinned and a canned reply fills `{context.order_id}`.

Runs against the real `switchboard demo` with its own browser (module-scoped fixture).
"""

import json
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait, wait_until

CLIENT = 5_550_201
FORGER = 5_550_202


def register_context(server, api_key, data):
    """What the company's back end does: POST the context with its API key."""
    request = urllib.request.Request(server.base_url + "/api/v1/contexts", data=json.dumps({"data": data}).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {api_key}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 201
        return json.loads(answer.read())


def conversation_with(admin, text):
    def find():
        for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
            if (item.get("lastMessage") or {}).get("text") == text:
                return item["id"]
        return None
    return wait_until(find, timeout=20, message=f"a conversation ending with {text!r}")


def test_context_is_pinned_and_fills_canned_replies(browser, server, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    api_key = admin.call("POST", "/api/v1/api-keys", {"name": "website"}, expect=201)["key"]
    created = register_context(server, api_key, {"order_id": "A-2048", "page": "/checkout"})
    link = next(item["url"] for item in created["links"] if item["channel"]["kind"] == "telegram")
    key = link.split("start=", 1)[1]
    assert key == created["key"]

    # The client taps the link (Telegram sends "/start <key>"); a forger tries a made-up key.
    admin.user_writes(CLIENT, f"/start {key}", "Marta")
    admin.user_writes(FORGER, "/start forged-key-000000000", "Mallory")
    pinned_id = conversation_with(admin, f"/start {key}")
    forged_id = conversation_with(admin, "/start forged-key-000000000")
    admin.call("POST", "/api/v1/canned-replies", {
        "shortcut": "order", "title": "Order status", "body": "Order {context.order_id} is on its way.", "shared": False,
    }, expect=201)

    browser.get(server.base_url + f"/#c{pinned_id}")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    data = wait(browser, EC.visibility_of_element_located((By.ID, "context-data")), timeout=20)
    wait(browser, lambda b: "A-2048" in data.text and "/checkout" in data.text, message="the pinned context")
    shot("context-pinned")

    composer = browser.find_element(By.ID, "composer-input")
    composer.click()
    composer.send_keys("/ordr")
    wait(browser, EC.visibility_of_element_located((By.ID, "canned-picker")))
    composer.send_keys(Keys.ENTER)
    wait(browser, lambda b: composer.get_attribute("value") == "Order A-2048 is on its way.", message="the filled placeholder")
    shot("context-placeholder")

    browser.get(server.base_url + f"/#c{forged_id}")
    browser.refresh()
    missing = wait(browser, EC.visibility_of_element_located((By.ID, "context-missing")), timeout=20)
    assert "missing" in missing.text
    assert browser.find_elements(By.ID, "context-data") == []
    shot("context-missing")
