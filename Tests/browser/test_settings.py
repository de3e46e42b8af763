"""The admin's Settings dialog in a real browser: operators (create, role, password, avatar,
deactivate), departments, shared canned replies, automation (switches, business hours, texts),
escalation words, and the audit log that records all of it. The steps build on each other in
file order; a module fixture puts the desk-wide settings back afterwards for later test files."""

import os
import struct
import tempfile
import time
import zlib

import pytest
from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from demo_server import Client

XSS = "<img src=x onerror=alert(1)>"
LOGIN = "maria"
PASSWORD = "first-password-1"
NEW_PASSWORD = "second-password-2"
ROW = f'#operator-list [data-login="{LOGIN}"]'


def wait(browser, condition, timeout=15, message=""):
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition, message)


def text_of(browser, css):
    """An element's text, or "" while its list is being redrawn."""
    try:
        return browser.find_element(By.CSS_SELECTOR, css).text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


def attribute_of(browser, css, name):
    """An element's attribute, or None while its list is being redrawn."""
    try:
        return browser.find_element(By.CSS_SELECTOR, css).get_attribute(name)
    except (NoSuchElementException, StaleElementReferenceException):
        return None


def fill(browser, element_id, value):
    element = browser.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(value)
    return element


def assert_no_alert(browser):
    try:
        text = browser.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert opened: {text!r}")


def png(width, height):
    """A real PNG of one colour: IHDR carries the size the server checks."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x3b\x5b\xdb" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def image_file(name, data):
    path = os.path.join(tempfile.mkdtemp(prefix="switchboard-avatar-"), name)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def sign_in(browser, server, login, password):
    browser.delete_all_cookies()
    browser.get(server.base_url + "/")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys(login)
    browser.find_element(By.ID, "password").send_keys(password, Keys.ENTER)
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))


def open_settings(browser, server):
    """Signs the admin in and opens the dialog, unless an earlier step left it open."""
    dialogs = browser.find_elements(By.ID, "settings-dialog")
    if dialogs and dialogs[0].is_displayed():
        return
    sign_in(browser, server, "admin", "demo-admin")
    browser.find_element(By.ID, "open-settings").click()
    wait(browser, EC.visibility_of_element_located((By.ID, "settings-dialog")))


def open_section(browser, server, key):
    open_settings(browser, server)
    browser.find_element(By.ID, f"settings-tab-{key}").click()
    wait(browser, lambda b: b.find_element(By.ID, "settings-panel").get_attribute("data-section") == key)


def maria(admin):
    return next(item for item in admin.call("GET", "/api/v1/admin/operators", expect=200)["items"] if item["login"] == LOGIN)


@pytest.fixture(scope="module")
def admin(server):
    """The demo's admin over the API: checks what the dialog saved, and restores the desk afterwards."""
    client = Client(server.base_url)
    client.sign_in("admin", "demo-admin")
    routing = client.call("GET", "/api/v1/settings/routing", expect=200)
    yield client
    client.call("PATCH", "/api/v1/automation", {"businessHours": {"alwaysOpen": True}}, expect=200)
    client.call("DELETE", "/api/v1/automation/texts/feedback_thanks/en", expect=200)
    client.call("PUT", "/api/v1/settings/routing", {"escalationWords": routing["escalationWords"]}, expect=200)


def test_admin_creates_an_operator(browser, server, admin, shot):
    open_settings(browser, server)
    wait(browser, lambda b: "Bohdan" in text_of(b, "#operator-list"), message="the demo's operators listed")

    fill(browser, "new-operator-login", LOGIN)
    fill(browser, "new-operator-name", "Maria Kovalenko")
    fill(browser, "new-operator-password", PASSWORD)
    browser.find_element(By.ID, "new-operator-create").click()
    wait(browser, lambda b: "Maria Kovalenko" in text_of(b, ROW), message="maria listed")
    assert attribute_of(browser, ROW, "data-role") == "operator"
    Client(server.base_url).sign_in(LOGIN, PASSWORD)

    # A taken login is refused next to the form, and nothing is added.
    fill(browser, "new-operator-login", LOGIN)
    fill(browser, "new-operator-name", "Another Maria")
    fill(browser, "new-operator-password", PASSWORD)
    browser.find_element(By.ID, "new-operator-create").click()
    error = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "#new-operator-form .form-error")))
    assert "taken" in error.text
    assert len(browser.find_elements(By.CSS_SELECTOR, ROW)) == 1
    shot("settings-operators")


def test_admin_changes_the_role_and_resets_the_password(browser, server, admin, shot):
    prefix = f"operator-{maria(admin)['id']}"
    browser.find_element(By.ID, f"{prefix}-edit").click()
    wait(browser, EC.visibility_of_element_located((By.ID, f"{prefix}-details")))
    Select(browser.find_element(By.ID, f"{prefix}-role")).select_by_value("supervisor")
    fill(browser, f"{prefix}-capacity", "7")
    browser.find_element(By.ID, f"{prefix}-save").click()
    wait(browser, lambda b: attribute_of(b, ROW, "data-role") == "supervisor", message="the new role shown")
    assert "Supervisor" in text_of(browser, f"{ROW} .role-badge")
    assert "up to 7 at once" in text_of(browser, ROW)
    assert Client(server.base_url).sign_in(LOGIN, PASSWORD)["role"] == "supervisor"

    # The new password replaces the old one at once.
    fill(browser, f"{prefix}-password", NEW_PASSWORD)
    browser.find_element(By.ID, f"{prefix}-password-reset").click()
    wait(browser, lambda b: "New password set" in text_of(b, ".settings-status"), message="the reset confirmed")
    Client(server.base_url).sign_in(LOGIN, NEW_PASSWORD)
    refused = Client(server.base_url).call("POST", "/api/v1/session", {"login": LOGIN, "password": PASSWORD})
    assert refused["error"]["code"] == "invalid_credentials"
    shot("settings-operator-editor")


def test_a_refused_avatar_shows_the_server_reason(browser, admin, shot):
    prefix = f"operator-{maria(admin)['id']}"
    browser.find_element(By.ID, f"{prefix}-avatar").send_keys(image_file("tiny.png", png(8, 8)))
    error = wait(browser, EC.visibility_of_element_located((By.ID, f"{prefix}-avatar-error")))
    assert "32" in error.text, error.text
    assert not browser.find_elements(By.CSS_SELECTOR, f"{ROW} img.avatar")
    shot("settings-avatar-refused")

    # A square PNG of a good size is taken and shown in the row.
    browser.find_element(By.ID, f"{prefix}-avatar").send_keys(image_file("face.png", png(64, 64)))
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, f"{ROW} img.avatar"), message="the avatar shown")
    assert maria(admin)["avatarURL"]


def test_a_deactivated_operator_cannot_sign_in(browser, server, admin, shot):
    prefix = f"operator-{maria(admin)['id']}"
    session = Client(server.base_url)
    session.sign_in(LOGIN, NEW_PASSWORD)
    browser.find_element(By.ID, f"{prefix}-active").click()
    wait(browser, EC.alert_is_present()).accept()
    wait(browser, lambda b: attribute_of(b, ROW, "data-active") == "false", message="shown as deactivated")
    assert "Deactivated" in text_of(browser, f"{ROW} .state-badge")
    refused = Client(server.base_url).call("POST", "/api/v1/session", {"login": LOGIN, "password": NEW_PASSWORD})
    assert refused["error"]["code"] == "invalid_credentials"
    session.call("GET", "/api/v1/session", expect=401)
    assert wait(browser, EC.text_to_be_present_in_element((By.ID, f"{prefix}-active"), "Reactivate"))
    shot("settings-operator-deactivated")


def test_departments_are_added_and_renamed(browser, server, admin, shot):
    open_section(browser, server, "departments")
    fill(browser, "new-department-name", "Returns")
    browser.find_element(By.ID, "new-department-create").click()
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#department-list [data-department="Returns"]'), message="listed")
    department = next(item["department"] for item in admin.call("GET", "/api/v1/departments")["items"]
                      if item["department"]["name"] == "Returns")
    fill(browser, f"department-{department['id']}-name", "Returns and refunds")
    Select(browser.find_element(By.ID, f"department-{department['id']}-strategy")).select_by_value("round_robin")
    browser.find_element(By.ID, f"department-{department['id']}-save").click()
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#department-list [data-department="Returns and refunds"]'),
         message="renamed")
    saved = next(item for item in admin.call("GET", "/api/v1/departments")["items"] if item["department"]["id"] == department["id"])
    assert saved["routing"]["strategy"] == "round_robin"
    shot("settings-departments")


def test_shared_canned_replies_are_edited_and_hostile_text_stays_text(browser, server, admin, shot):
    hostile = admin.call("POST", "/api/v1/canned-replies", {"shortcut": "xss", "title": XSS, "body": XSS, "shared": True}, expect=201)
    open_section(browser, server, "canned")
    row = f"#canned-{hostile['id']}"
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, row), message="the hostile reply listed")
    assert browser.find_element(By.CSS_SELECTOR, f"{row} .row-title").text == XSS
    assert not browser.find_elements(By.CSS_SELECTOR, "#canned-list img")
    time.sleep(0.5)  # would give an onerror handler time to fire
    assert_no_alert(browser)

    # Add a reply, then edit it.
    fill(browser, "new-canned-shortcut", "refund")
    fill(browser, "new-canned-title", "Refund timing")
    fill(browser, "new-canned-body", "Refunds take 3 days, {client_name}.")
    browser.find_element(By.ID, "new-canned-save").click()
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#canned-list [data-shortcut="refund"]'), message="added")
    reply = next(item for item in admin.call("GET", "/api/v1/canned-replies")["items"] if item["shortcut"] == "refund")
    browser.find_element(By.ID, f"canned-{reply['id']}-edit").click()
    body = wait(browser, EC.visibility_of_element_located((By.ID, f"canned-{reply['id']}-body")))
    body.clear()
    body.send_keys("Refunds take 5 working days, {client_name}.")
    browser.find_element(By.ID, f"canned-{reply['id']}-save").click()
    wait(browser, lambda b: not b.find_elements(By.ID, f"canned-{reply['id']}-body")
         and "5 working days" in text_of(b, f"#canned-{reply['id']} .canned-body"), message="the edit shown")
    saved = next(item for item in admin.call("GET", "/api/v1/canned-replies")["items"] if item["id"] == reply["id"])
    assert saved["body"] == "Refunds take 5 working days, {client_name}." and saved["shared"]
    shot("settings-canned")


def test_business_hours_and_an_automatic_text_are_changed(browser, server, admin, shot):
    open_section(browser, server, "automation")
    always = wait(browser, EC.presence_of_element_located((By.ID, "hours-always")))
    if always.is_selected():
        always.click()
    fill(browser, "hours-zone", "Europe/Kyiv")
    fill(browser, "hours-monday-0-open", "08:00")
    fill(browser, "hours-monday-0-close", "20:00")
    browser.find_element(By.ID, "hours-saturday-add").click()
    fill(browser, "hours-saturday-0-open", "10:00")
    fill(browser, "hours-saturday-0-close", "14:00")
    browser.find_element(By.ID, "hours-save").click()
    wait(browser, lambda b: "Saved the business hours" in text_of(b, ".settings-status"), message="hours saved")
    hours = admin.call("GET", "/api/v1/automation")["effective"]["businessHours"]
    assert hours["timeZone"] == "Europe/Kyiv"
    assert hours["week"]["monday"] == [{"open": "08:00", "close": "20:00"}]
    assert hours["week"]["saturday"] == [{"open": "10:00", "close": "14:00"}]
    assert "sunday" not in hours["week"]

    # A time the schedule cannot use is refused with the server's reason.
    fill(browser, "hours-zone", "Mars/Olympus")
    browser.find_element(By.ID, "hours-save").click()
    error = wait(browser, EC.visibility_of_element_located((By.ID, "hours-error")))
    assert "Mars/Olympus" in error.text
    fill(browser, "hours-zone", "Europe/Kyiv")
    browser.find_element(By.ID, "hours-save").click()
    wait(browser, EC.invisibility_of_element_located((By.ID, "hours-error")), message="the error cleared")

    area = browser.find_element(By.ID, "text-feedback_thanks-en-input")
    area.clear()
    area.send_keys("Thanks, {client_name}: it helps us a lot!")
    browser.find_element(By.ID, "text-feedback_thanks-en-save").click()
    wait(browser, lambda b: attribute_of(b, "#text-feedback_thanks-en", "data-source") == "global", message="the text marked custom")
    texts = admin.call("GET", "/api/v1/automation")["texts"]
    assert {"kind": "feedback_thanks", "language": "en", "text": "Thanks, {client_name}: it helps us a lot!", "source": "global"} in texts
    browser.execute_script("document.getElementById('hours-form').scrollIntoView()")
    shot("settings-automation")
    browser.execute_script("document.getElementById('text-feedback_thanks-en').scrollIntoView({block: 'center'})")
    shot("settings-automation-texts")


def test_an_escalation_word_is_added(browser, server, admin, shot):
    open_section(browser, server, "routing")
    word = wait(browser, EC.presence_of_element_located((By.ID, "escalation-word")))
    word.send_keys("manager", Keys.ENTER)
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#escalation-words [data-word="manager"]'), message="chip added")
    browser.find_element(By.ID, "routing-save").click()
    wait(browser, lambda b: "Saved" in text_of(b, ".settings-status"), message="saved")
    assert "manager" in admin.call("GET", "/api/v1/settings/routing")["escalationWords"]
    shot("settings-escalation-words")


def audit_rows(browser):
    """(id, action) of every listed entry, read in one script while the table may be growing."""
    return browser.execute_script(
        "return [...document.querySelectorAll('#audit-rows .audit-entry')].map((row) => [Number(row.dataset.id), row.dataset.action])")


def test_the_audit_log_shows_every_change(browser, server, admin, shot):
    # Enough entries for a second page: the log shows 50 at a time.
    for number in range(25):
        reply = admin.call("POST", "/api/v1/canned-replies",
                           {"shortcut": f"bulk{number}", "title": "Bulk", "body": "Bulk", "shared": True}, expect=201)
        admin.call("DELETE", f"/api/v1/canned-replies/{reply['id']}", expect=204)
    open_section(browser, server, "audit")
    wait(browser, lambda b: len(audit_rows(b)) == 50, message="the first page")
    older = wait(browser, EC.visibility_of_element_located((By.ID, "audit-older")))
    older.click()
    wait(browser, lambda b: len(audit_rows(b)) > 50, message="the older page appended")
    rows = audit_rows(browser)
    ids = [entry_id for entry_id, _ in rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids), "newest first, no entry twice"
    actions = [action for _, action in rows]
    for expected in ("operator.created", "operator.updated", "operator.password_reset", "operator.avatar_changed",
                     "operator.deactivated", "department.created", "department.updated", "canned_reply.created",
                     "canned_reply.updated", "canned_reply.deleted", "automation.updated", "automation.text_changed",
                     "routing.updated"):
        assert expected in actions, f"{expected} missing from {actions}"
    table = browser.find_element(By.ID, "audit-table").text
    assert "Alex Admin" in table
    assert NEW_PASSWORD not in browser.page_source and PASSWORD not in browser.page_source
    role_change = browser.find_element(By.XPATH, "//tr[@data-action='operator.updated'][.//dt[text()='role']]")
    assert "operator → supervisor" in role_change.text
    browser.execute_script("arguments[0].scrollIntoView()", role_change)
    shot("settings-audit")

    # Filtering by an action prefix keeps only those entries.
    fill(browser, "audit-action", "operator.")
    browser.find_element(By.ID, "audit-apply").click()
    wait(browser, lambda b: audit_rows(b) and all(action.startswith("operator.") for _, action in audit_rows(b)),
         message="only operator entries")
    assert_no_alert(browser)
    shot("settings-audit-filtered")


def test_settings_read_in_the_dark_theme(browser, server, shot):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        open_section(browser, server, "operators")
        wait(browser, lambda b: "Maria Kovalenko" in text_of(b, "#operator-list"), message="operators listed")
        background = browser.execute_script(
            "return getComputedStyle(document.getElementById('settings-dialog')).backgroundColor")
        assert background == "rgb(32, 37, 47)", background
        shot("settings-dark")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_arrow_keys_move_between_sections_and_esc_closes(browser, server):
    open_section(browser, server, "operators")
    browser.find_element(By.ID, "settings-tab-operators").send_keys(Keys.ARROW_DOWN)
    wait(browser, lambda b: b.find_element(By.ID, "settings-panel").get_attribute("data-section") == "departments")
    assert browser.switch_to.active_element.get_attribute("id") == "settings-tab-departments"
    browser.switch_to.active_element.send_keys(Keys.END)
    wait(browser, lambda b: b.find_element(By.ID, "settings-panel").get_attribute("data-section") == "audit")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(browser, EC.invisibility_of_element_located((By.ID, "settings-dialog")), message="Esc closes the dialog")


def test_operators_do_not_see_settings(browser, server):
    sign_in(browser, server, "anna", "demo-anna")
    assert not browser.find_elements(By.ID, "open-settings")
    operator = Client(server.base_url)
    operator.sign_in("anna", "demo-anna")
    operator.call("GET", "/api/v1/admin/operators", expect=403)
    operator.call("GET", "/api/v1/audit", expect=403)
