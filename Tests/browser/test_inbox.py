"""The operator inbox in a real browser against the real server (`switchboard demo`).

The steps build on each other in file order: sign in, a client writes, the operator answers,
a hostile message stays text, a canned reply is picked with "/", the client's feedback shows.
"""

import json
import os
import time
import urllib.request

from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from demo_server import Client

USER_ID = 5_550_001
XSS = "<img src=x onerror=alert(1)>"


def wait(browser, condition, timeout=15, message=""):
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition, message)


def wait_until(check, timeout=15, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")


def timeline_texts(browser):
    """Read in one script: the timeline re-renders as events arrive, which would leave stale elements."""
    return browser.execute_script("return [...document.querySelectorAll('#timeline .message-text')].map((e) => e.innerText)")


def assert_no_reload(browser):
    """The marker set after sign-in survives only if the page was never reloaded."""
    assert browser.execute_script("return window.__noReloadMarker === true"), "the page reloaded"


def assert_no_alert(browser):
    try:
        text = browser.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert opened: {text!r}")


def test_sign_in(browser, server, shot):
    browser.get(server.base_url + "/")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    shot("sign-in")
    login.send_keys("anna")
    browser.find_element(By.ID, "password").send_keys("demo-anna", Keys.ENTER)
    wait(browser, EC.text_to_be_present_in_element((By.ID, "me-name"), "Anna"))
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))
    browser.execute_script("window.__noReloadMarker = true")
    shot("signed-in")


def test_client_message_appears_live(browser, api, shot):
    # Given the inbox is open, when a Telegram user writes, the conversation appears on its own.
    api.user_writes(USER_ID, "Hello! Where is my order 48213?", "Ivan")
    row = wait(browser, EC.presence_of_element_located(
        (By.XPATH, "//a[contains(@class,'row')][.//span[contains(., 'Where is my order 48213')]]")), timeout=20,
        message="the new conversation did not appear in the list")
    assert "Ivan" in row.text
    shot("new-conversation-in-list")

    row.click()
    wait(browser, lambda b: "Hello! Where is my order 48213?" in timeline_texts(b), message="timeline did not load")
    # When the client writes again, the open conversation shows it without a reload.
    api.user_writes(USER_ID, "It was paid yesterday.", "Ivan")
    wait(browser, lambda b: "It was paid yesterday." in timeline_texts(b), timeout=20, message="live message missing")
    first_row = browser.find_element(By.CSS_SELECTOR, "#conversation-list a.row")
    assert "It was paid yesterday." in first_row.text
    assert_no_reload(browser)
    shot("live-message-in-open-conversation")


def test_operator_reply_reaches_client(browser, api, shot):
    composer = browser.find_element(By.ID, "composer-input")
    composer.send_keys("Let me check the payment, one moment.", Keys.ENTER)
    wait(browser, lambda b: "Let me check the payment, one moment." in timeline_texts(b), message="reply not in timeline")
    wait_until(lambda: any("Let me check the payment" in (sent.get("text") or "") for sent in api.bot_sent(USER_ID)),
               timeout=20, message="the fake Telegram user receiving the reply")
    # The tick follows the delivery: queued → sent, over the stream.
    wait(browser, EC.presence_of_element_located(
        (By.CSS_SELECTOR, "#timeline .message-out .delivery[data-state='sent'], #timeline .message-out .delivery[data-state='delivered']")),
        timeout=20, message="the delivery tick did not turn to sent")
    assert composer.get_attribute("value") == ""
    assert_no_reload(browser)
    shot("reply-delivered")


def test_operator_sends_a_location_from_the_composer(browser, api, shot):
    # The pin button opens a small panel; Enter in a coordinate sends the location, not the reply.
    browser.find_element(By.ID, "share-button").click()
    latitude = wait(browser, EC.visibility_of_element_located((By.ID, "share-latitude")))
    latitude.send_keys("50.4501")
    longitude = browser.find_element(By.ID, "share-longitude")
    longitude.send_keys("30.5234")
    shot("share-panel")
    longitude.send_keys(Keys.ENTER)
    wait(browser, EC.presence_of_element_located(
        (By.XPATH, "//*[@id='timeline']//span[contains(@class,'attachment')][contains(., 'Location: 50.4501, 30.5234')]")),
        message="the location is not in the timeline")
    wait_until(lambda: any(sent["method"] == "sendLocation" for sent in api.bot_sent(USER_ID)),
               timeout=20, message="the fake Telegram user receiving the location")
    assert not browser.find_element(By.ID, "share-panel").is_displayed()
    assert_no_reload(browser)
    shot("location-sent")


def test_a_keys_message_shows_live_under_its_bot_name(browser, server, api, shot):
    # Given the shop's back end holds a key with messages:write whose bot is "Order system".
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    key = admin.call("POST", "/api/v1/api-keys", {"name": "shop-live", "scopes": ["messages:write", "conversations:read"],
                                                    "botName": "Order system"}, expect=201)["key"]
    conversation = browser.execute_script("return location.hash").removeprefix("#c")
    assert conversation.isdigit(), "an open conversation is in the address (#c<id>)"
    # When it posts into the open conversation with the bearer key only (no cookie, no CSRF token).
    request = urllib.request.Request(f"{server.base_url}/api/v1/conversations/{conversation}/messages",
                                     data=json.dumps({"text": "Order 48213 has shipped."}).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 201
    # Then the operator sees it at once, signed with the bot's name, and the client gets it.
    wait(browser, lambda b: b.execute_script(
        "return [...document.querySelectorAll('#timeline .message-out')].some((m) =>"
        " m.querySelector('.message-text')?.innerText === 'Order 48213 has shipped.'"
        " && m.querySelector('.message-author')?.innerText === 'Order system')"),
        timeout=20, message="the key's message under its bot name")
    wait_until(lambda: any("Order 48213 has shipped." in (sent.get("text") or "") for sent in api.bot_sent(USER_ID)),
               timeout=20, message="the fake Telegram user receiving the key's message")
    assert_no_reload(browser)
    shot("key-message-named")


def test_hostile_text_renders_as_text(browser, api, shot):
    api.user_writes(USER_ID, XSS, "Ivan")
    wait(browser, lambda b: XSS in timeline_texts(b), timeout=20, message="the payload as visible text")
    time.sleep(0.5)  # would give an onerror handler time to fire
    assert_no_alert(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline img[src='x'], #conversation-list img") == []
    preview = browser.execute_script("return document.querySelector('#conversation-list a.row .row-preview').innerText")
    assert preview == XSS
    shot("xss-rendered-as-text")


def test_slash_picks_canned_reply(browser, api, shot):
    api.call("POST", "/api/v1/canned-replies", {
        "shortcut": "thanks", "title": "Thank the client",
        "body": "Thank you, {client_name}! {operator_name} is on it.", "shared": False,
    }, expect=201)
    conversation_id = int(browser.find_element(By.CSS_SELECTOR, "#conversation-list a.row[aria-selected='true']").get_attribute("data-id"))
    contact = api.call("GET", f"/api/v1/conversations/{conversation_id}", expect=200)["contact"]
    client_name = contact.get("preferredName") or contact["displayName"]

    # "/" outside a text field focuses the composer and opens the picker.
    browser.find_element(By.ID, "timeline").click()
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    composer = browser.find_element(By.ID, "composer-input")
    assert browser.switch_to.active_element == composer
    composer.send_keys("thk")
    picker = wait(browser, EC.visibility_of_element_located((By.ID, "canned-picker")))
    wait(browser, lambda b: "Thank the client" in picker.text, message="the canned reply in the picker")
    shot("canned-picker")
    composer.send_keys(Keys.ENTER)
    expected = f"Thank you, {client_name}! Anna is on it."
    wait(browser, lambda b: composer.get_attribute("value") == expected, message=f"composer to hold {expected!r}")
    shot("canned-reply-filled")
    composer.send_keys(Keys.ENTER)
    wait_until(lambda: any(expected in (sent.get("text") or "") for sent in api.bot_sent(USER_ID)),
               timeout=20, message="the canned reply reaching the client")
    assert_no_reload(browser)


def test_feedback_shows_in_the_client_panel(browser, api, shot):
    # When the operator resolves, the client answers the questions in Telegram: No, 2, and why.
    conversation_id = int(browser.find_element(By.CSS_SELECTOR, "#conversation-list a.row[aria-selected='true']").get_attribute("data-id"))
    api.call("POST", f"/api/v1/conversations/{conversation_id}/resolve", expect=200)

    def sent_with(text):
        return next((sent for sent in api.bot_sent(USER_ID) if sent.get("text") == text), None)

    question = wait_until(lambda: sent_with("Was your question resolved?"), timeout=20, message="the feedback question")
    api.press_button(USER_ID, question["messageIds"][0], "No")
    score = wait_until(lambda: sent_with("Rate us from 1 to 5"), timeout=20, message="the score question")
    api.press_button(USER_ID, score["messageIds"][0], "2")
    wait_until(lambda: sent_with("What went wrong?"), timeout=20, message="the comment question")
    api.user_writes(USER_ID, "The payment took too long.", "Ivan")

    # Then the open conversation's client panel shows the answers live.
    wait(browser, EC.text_to_be_present_in_element((By.ID, "feedback-comment"), "The payment took too long."), timeout=20,
         message="the comment in the client panel")
    summary = browser.find_element(By.ID, "feedback-summary").text
    assert "Resolved: no" in summary and "Score: 2 / 5" in summary
    assert "The payment took too long." not in timeline_texts(browser)
    shot("feedback-in-client-panel")


def test_page_respects_content_security_policy(browser, artifacts):
    entries = browser.get_log("browser")
    with open(os.path.join(artifacts, "browser-console.json"), "w") as log:
        json.dump(entries, log, indent=1, ensure_ascii=False)
    violations = [entry for entry in entries if "Content Security Policy" in entry.get("message", "")]
    assert violations == []


def test_reload_keeps_session_and_sign_out_ends_it(browser, server, shot):
    # A reload resumes the session (GET /api/v1/session) and reopens the conversation from the URL.
    browser.refresh()
    wait(browser, EC.text_to_be_present_in_element((By.ID, "me-name"), "Anna"))
    wait(browser, lambda b: len(timeline_texts(b)) > 0, message="the open conversation after reload")
    browser.find_element(By.ID, "sign-out").click()
    wait(browser, EC.visibility_of_element_located((By.ID, "login")), message="the sign-in screen after sign-out")
    browser.refresh()
    wait(browser, EC.visibility_of_element_located((By.ID, "login")), message="the session to stay ended")
    shot("signed-out")
