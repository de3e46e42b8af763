"""The admin's channels dialog in a real browser: connect a bot by pasting its token, see it run,
pause it; a wrong token is refused with the messenger's reason; operators never see the page."""

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from demo_server import Client


def wait(browser, condition, timeout=15, message=""):
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition, message)


def row(browser, name):
    return browser.find_element(By.CSS_SELECTOR, f'#channel-list [data-channel="{name}"]')


def row_text(browser, name):
    """The row's text, or "" while the list is being redrawn."""
    try:
        return row(browser, name).text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


def sign_in(browser, server, login, password):
    browser.delete_all_cookies()
    browser.get(server.base_url + "/")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys(login)
    browser.find_element(By.ID, "password").send_keys(password, Keys.ENTER)
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))


def fill_and_connect(browser, name, token, api_url):
    for field, value in (("channel-name", name), ("channel-token", token), ("channel-api-url", api_url)):
        element = browser.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
    Select(browser.find_element(By.ID, "channel-kind")).select_by_value("telegram")
    browser.find_element(By.ID, "channel-add").click()


def test_admin_connects_a_bot_by_pasting_its_token(browser, server, shot):
    spare = Client(server.base_url).call("GET", "/demo/telegram/spare-bot", expect=200)
    sign_in(browser, server, "admin", "demo-admin")
    browser.find_element(By.ID, "open-channels").click()
    wait(browser, EC.visibility_of_element_located((By.ID, "channels-dialog")))
    # The demo's own channels are listed with their state and masked tokens.
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#channel-list .channel-row"))
    listed = browser.find_element(By.ID, "channel-list").text
    assert "Running" in listed
    assert "DEMO-fake-telegram-token" not in listed

    # A token the messenger does not know is refused with its reason, and nothing is added.
    fill_and_connect(browser, "spare-tg", "7000000009:not-a-bot", spare["apiURL"])
    error = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "#channel-add-form .form-error")))
    assert "Telegram rejected the token" in error.text
    assert not browser.find_elements(By.CSS_SELECTOR, '#channel-list [data-channel="spare-tg"]')

    # The spare bot's token connects it, and it runs at once.
    fill_and_connect(browser, "spare-tg", spare["token"], spare["apiURL"])
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#channel-list [data-channel="spare-tg"]'), message="new channel listed")
    wait(browser, lambda b: "Running (polling)" in row_text(b, "spare-tg"), message="new channel running")
    assert "token ••••oken" in row_text(browser, "spare-tg")
    assert spare["token"] not in browser.page_source
    shot("channels-connected")

    # Pause and resume from the row.
    row(browser, "spare-tg").find_element(By.XPATH, ".//button[text()='Pause']").click()
    wait(browser, lambda b: "Paused" in row_text(b, "spare-tg"), message="paused")
    row(browser, "spare-tg").find_element(By.XPATH, ".//button[text()='Resume']").click()
    wait(browser, lambda b: "Running (polling)" in row_text(b, "spare-tg"), message="resumed")
    browser.find_element(By.ID, "channels-close").click()

    # What the dialog stored is what the API stores for the same request (the CLI and manifests are
    # compared with the API in ChannelAdminAPITests): remove it, add it again over the API, compare.
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")
    by_ui = stored_view(admin, "spare-tg")
    admin.call("DELETE", f"/api/v1/channels/{by_ui['id']}", expect=200)
    admin.call("POST", "/api/v1/channels", {"kind": "telegram", "name": "spare-tg", "token": spare["token"], "mode": "poll",
                                           "apiURL": spare["apiURL"]}, expect=201)
    by_api = stored_view(admin, "spare-tg")
    assert by_api["id"] != by_ui["id"]
    assert comparable(by_api) == comparable(by_ui)


def stored_view(client, name):
    return next(item for item in client.call("GET", "/api/v1/channels", expect=200)["items"] if item["name"] == name)


def comparable(view):
    """A channel's stored settings without what differs between two rows by nature."""
    return {key: value for key, value in view.items() if key not in ("id", "webhookURL", "lastInboundAt", "lastFailure", "running")}


def test_operators_have_no_channels_page(browser, server):
    sign_in(browser, server, "anna", "demo-anna")
    assert not browser.find_elements(By.ID, "open-channels")
    operator = Client(server.base_url)
    operator.sign_in("anna", "demo-anna")
    operator.call("GET", "/api/v1/channels", expect=403)
