"""A client who floods the desk: the muted part of the burst folds into one group in the timeline.

Runs against the real `switchboard demo` with its own browser (module-scoped fixture).
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait, wait_until

USER = 5_550_411
BURST = 25


def test_a_flood_folds_into_one_muted_group(browser, server, api, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    # Given a client sends 25 messages at once (the demo keeps the default: 20 in 60 s).
    for number in range(BURST):
        api.user_writes(USER, f"flood message {number}", "Flooder")

    def conversation():
        for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
            if item["contact"]["displayName"] == "Flooder":
                return item["id"]
        return None

    wait_until(lambda: conversation() is not None, timeout=20, message="the flooder's conversation")
    opened = conversation()

    def held():
        items = admin.call("GET", f"/api/v1/conversations/{opened}/messages?limit=100", expect=200)["items"]
        return [m for m in items if m.get("hold") == "flood"]

    wait_until(lambda: len(held()) == BURST - 20, timeout=30, message="the muted messages")

    # When an operator opens the conversation.
    browser.get(server.base_url + f"/#c{opened}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)

    # Then the five muted messages are one closed group, and the first twenty stand on their own.
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#timeline details.flood-group")), timeout=20)
    summaries = lambda: [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#timeline details.flood-group > summary")]
    try:
        wait_until(lambda: summaries() == [f"{BURST - 20} messages sent too fast (muted)"], timeout=20,
                   message="one group of the muted messages")
    except AssertionError:
        items = admin.call("GET", f"/api/v1/conversations/{opened}/messages?limit=100", expect=200)["items"]
        raise AssertionError(f"groups: {summaries()}: " + repr([(m['author'], m.get('hold'), m['direction'], m['text'][:20]) for m in items][:9]))
    group = browser.find_element(By.CSS_SELECTOR, "#timeline details.flood-group")
    assert len(group.find_elements(By.CSS_SELECTOR, "article.message [data-hold='flood']")) == BURST - 20
    assert not group.get_attribute("open")
    outside = browser.find_elements(By.CSS_SELECTOR, "#timeline .timeline-items > article.message")
    assert any("flood message 0" in element.text for element in outside)
    shot("flood-group")
