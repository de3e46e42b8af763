"""The inbox search in a real browser against the real server (`switchboard demo`).

A client's old message, scrolled far out of the timeline, is found with Ctrl+K and opened at that
message; a hostile message found by the search renders as text, never as markup.
"""

import time
import urllib.parse

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

OLD_USER = 5_550_901
HOSTILE_USER = 5_550_902
NAMED_USER = 5_550_903
OLD_WORD = "zebraquartz"
HOSTILE = "hostileword <img src=x onerror=alert(7)><b>bold</b>"
# More than one page of the timeline (50) comes after the old message.
LATER_MESSAGES = 70


def wait(browser, condition, timeout=15, message=""):
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition, message)


def search_hits(api, word):
    return api.call("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": word}))["items"]


def wait_for_hit(api, word, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        hits = search_hits(api, word)
        if hits:
            return hits[0]
        time.sleep(0.2)
    raise AssertionError(f"the server never indexed {word!r}")


def open_search(browser):
    ActionChains(browser).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    wait(browser, lambda b: b.execute_script("return document.getElementById('search-dialog')?.open === true"),
         message="Ctrl+K did not open the search")
    field = browser.find_element(By.ID, "search-input")
    assert browser.switch_to.active_element == field
    return field


def test_sign_in(browser, server):
    browser.get(server.base_url + "/")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys("anna")
    browser.find_element(By.ID, "password").send_keys("demo-anna", Keys.ENTER)
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))


def test_an_old_message_is_found_and_opened_where_it_is(browser, api, shot):
    # Given a client wrote a word long ago and much more since,
    api.user_writes(OLD_USER, f"The {OLD_WORD} parcel never came", "Mykola")
    for number in range(LATER_MESSAGES):
        api.user_writes(OLD_USER, f"later message {number}", "Mykola")
    hit = wait_for_hit(api, OLD_WORD)
    message_id = hit["message"]["id"]
    wait_for_hit(api, f"later message {LATER_MESSAGES - 1}")

    # When the operator searches for part of the word and picks the result with Enter,
    field = open_search(browser)
    field.send_keys(OLD_WORD[:8])
    first = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#search-results .search-hit[data-kind='message']")),
                 message="no result")
    assert first.get_attribute("aria-selected") == "true"
    assert first.find_element(By.TAG_NAME, "mark").text == OLD_WORD
    shot("search-result")
    field.send_keys(Keys.ENTER)

    # Then the conversation opens scrolled to that message, highlighted.
    selector = f"#timeline [data-id='{message_id}']"
    target = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, selector)), timeout=20,
                  message="the old message was not loaded into the timeline")
    wait(browser, lambda b: "message-found" in target.get_attribute("class"), message="the message is not highlighted")
    assert not browser.execute_script("return document.getElementById('search-dialog').open")
    in_view = browser.execute_script("""
        const element = document.querySelector(arguments[0]);
        const pane = document.getElementById('timeline').getBoundingClientRect();
        const box = element.getBoundingClientRect();
        return box.top >= pane.top && box.bottom <= pane.bottom;
    """, selector)
    assert in_view, "the found message is not in view"
    newer = browser.execute_script("return document.querySelectorAll('#timeline .message').length")
    assert newer > 50, "the message was on the first page: the test proves nothing about scrolling back"
    shot("search-opened-at-message")


def test_a_hostile_message_renders_as_text_in_the_results(browser, api, shot):
    api.user_writes(HOSTILE_USER, HOSTILE, "Eve")
    wait_for_hit(api, "hostileword")

    field = open_search(browser)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("hostileword")
    hit = wait(browser, EC.presence_of_element_located(
        (By.XPATH, "//ul[@id='search-results']/li[@data-kind='message'][.//mark[.='hostileword']]")), message="no result")
    text = hit.find_element(By.CSS_SELECTOR, ".search-hit-text").text
    assert "<img src=x onerror=alert(7)><b>bold</b>" in text
    assert not browser.find_elements(By.CSS_SELECTOR, "#search-results img, #search-results b")
    try:
        raise AssertionError(f"an alert opened: {browser.switch_to.alert.text!r}")
    except NoAlertPresentException:
        pass
    shot("search-hostile-text")
    field.send_keys(Keys.ESCAPE)
    wait(browser, lambda b: not b.execute_script("return document.getElementById('search-dialog').open"), message="Esc did not close")


def test_filters_narrow_the_results_and_a_client_opens_their_conversation(browser, api, shot):
    api.user_writes(NAMED_USER, "good morning", "Quintessa")
    wait_for_hit(api, "good morning")

    # The button above the queues opens the same search as Ctrl+K.
    browser.find_element(By.ID, "search-open").click()
    wait(browser, lambda b: b.execute_script("return document.getElementById('search-dialog')?.open === true"),
         message="the Search button did not open the search")
    field = browser.find_element(By.ID, "search-input")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("quintes")
    contact = wait(browser, EC.presence_of_element_located(
        (By.XPATH, "//ul[@id='search-results']/li[@data-kind='contact'][.//mark[.='Quintessa']]")), message="no client result")
    assert contact.get_attribute("aria-selected") == "true", "clients come first"

    # A day range of tomorrow only (the browser's local days) leaves nothing, and is accepted by the API.
    browser.execute_script("""
        const tomorrow = new Date(Date.now() + 86400000);
        const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
        for (const id of ['search-from', 'search-to']) {
            const input = document.getElementById(id);
            input.value = day;
            input.dispatchEvent(new Event('change'));
        }
    """)
    wait(browser, lambda b: b.find_element(By.ID, "search-summary").text == "Nothing found.", message="the day filter was not applied")
    shot("search-filtered")
    browser.execute_script("""
        for (const id of ['search-from', 'search-to']) {
            const input = document.getElementById(id);
            input.value = '';
            input.dispatchEvent(new Event('change'));
        }
    """)
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results li[data-kind='contact']"), message="the filter was not cleared")

    # Enter on the client opens their newest conversation.
    field.send_keys(Keys.ENTER)
    wait(browser, EC.text_to_be_present_in_element((By.ID, "conversation-title"), "Quintessa"), message="the client's conversation did not open")
