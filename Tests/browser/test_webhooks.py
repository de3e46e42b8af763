"""Settings → Webhooks in a real browser: the admin registers a receiver running in this test, sees
the signing secret once, a client's message reaches the receiver signed with it, and the delivery
log's Resend sends it again, and an edit adds an event type."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from demo_server import Client

XSS = "<img src=x onerror=alert(1)>"


def wait(browser, condition, timeout=15, message=""):
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition, message)


def text_of(browser, css):
    """An element's text, or "" while its list is being redrawn."""
    try:
        return browser.find_element(By.CSS_SELECTOR, css).text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


@pytest.fixture(scope="module")
def receiver():
    """A webhook receiver on 127.0.0.1 that keeps every request and answers 204."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("X-Switchboard-Signature", ""), body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield server
    server.shutdown()


def signed_by(secret, header, body):
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and abs(time.time() - int(parts["t"])) < 300


def test_admin_registers_a_webhook_and_resends_a_delivery(browser, server, receiver, shot):
    browser.delete_all_cookies()
    browser.get(server.base_url + "/")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))
    browser.find_element(By.ID, "open-settings").click()
    wait(browser, EC.visibility_of_element_located((By.ID, "settings-dialog")))
    browser.find_element(By.ID, "settings-tab-webhooks").click()
    wait(browser, lambda b: "No webhooks yet." in text_of(b, "#webhook-list"), message="the empty list")

    # Registering without an event type is refused with the server's sentence.
    browser.find_element(By.ID, "new-webhook-url").send_keys(receiver.url)
    browser.find_element(By.ID, "new-webhook-description").send_keys(XSS)
    browser.find_element(By.ID, "new-webhook-save").click()
    wait(browser, lambda b: "event type" in text_of(b, "#new-webhook-form .form-error"), message="the refusal")

    browser.find_element(By.ID, "new-webhook-type-message-in").click()
    browser.find_element(By.ID, "new-webhook-save").click()
    secret = wait(browser, EC.visibility_of_element_located((By.ID, "webhook-secret-value"))).text
    assert secret.startswith("whsec_")
    wait(browser, lambda b: receiver.url in text_of(b, "#webhook-list"), message="the new row")
    # The description is shown as text, never as markup.
    assert XSS in text_of(browser, "#webhook-list")
    shot("settings-webhooks-created")

    # A client writes: the receiver gets message.in, signed with the secret the page showed.
    Client(server.base_url).user_writes(700001, "Is my parcel on its way?", "Webhook Client")
    wait(browser, lambda b: receiver.received, message="the delivery")
    header, body = receiver.received[0]
    assert signed_by(secret, header, body)
    event = json.loads(body)
    assert event["type"] == "message.in" and event["data"]["text"] == "Is my parcel on its way?"

    # The delivery log shows it delivered; Resend sends the same event again.
    toggle = browser.find_element(By.CSS_SELECTOR, "#webhook-list [id$='-log-toggle']")
    toggle.click()
    wait(browser, lambda b: "delivered" in text_of(b, ".webhook-deliveries"), message="the log")
    browser.find_element(By.CSS_SELECTOR, ".webhook-deliveries [id$='-resend']").click()
    wait(browser, lambda b: len(receiver.received) == 2, message="the resent delivery")
    assert json.loads(receiver.received[1][1])["seq"] == event["seq"]
    shot("settings-webhooks-log")

    # Editing the endpoint keeps its other choices and adds the ticked event type.
    browser.find_element(By.CSS_SELECTOR, "#webhook-list [id$='-edit']").click()
    editor = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "#webhook-list .webhook-editor")))
    assert editor.find_element(By.CSS_SELECTOR, "[id$='-type-message-in']").is_selected()
    editor.find_element(By.CSS_SELECTOR, "[id$='-type-conversation-resolved']").click()
    editor.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    wait(browser, lambda b: "conversation.resolved, message.in" in text_of(b, "#webhook-list"), message="the saved event types")
