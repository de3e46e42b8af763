"""Routing in the inbox: the operator's status control, a waiting conversation assigned when
the operator goes online, the "asked for a human" badge and sentiment tags on client messages."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from test_inbox import wait, wait_until

USER_ID = 5_550_077


def test_going_online_takes_a_waiting_client_who_asked_for_a_human(browser, server, api, shot):
    # Given anna signed in, offline, and a client who asks for an operator and then thanks
    browser.get(server.base_url + "/")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys("anna")
    browser.find_element(By.ID, "password").send_keys("demo-anna", Keys.ENTER)
    status = Select(wait(browser, EC.presence_of_element_located((By.ID, "presence"))))
    api.call("PUT", "/api/v1/operators/me/presence", {"status": "offline"})
    api.user_writes(USER_ID, "Оператора позовите, пожалуйста", "Taras")
    api.user_writes(USER_ID, "спасибо, все круто", "Taras")

    # When she picks "Online" in the status control
    browser.refresh()
    status = Select(wait(browser, EC.presence_of_element_located((By.ID, "presence"))))
    assert status.first_selected_option.get_attribute("value") == "offline"
    status.select_by_value("online")
    wait_until(lambda: api.call("GET", "/api/v1/operators/me/presence")["status"] == "online", message="anna online")

    # Then the client's conversation is hers, marked as asking for a human, with the praise tagged
    row = wait(browser, EC.presence_of_element_located(
        (By.XPATH, "//a[contains(@class,'row')][.//span[contains(., 'спасибо, все круто')]]")), timeout=20,
        message="the client's conversation in the list")
    row.click()
    wait(browser, EC.presence_of_element_located((By.ID, "escalated")), message="the escalated badge")
    badge = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#timeline .sentiment[data-sentiment='positive']")),
                 message="the positive sentiment badge")
    assert badge.get_attribute("title") == "Sounds positive"
    assert "You" in browser.find_element(By.CSS_SELECTOR, ".head-assignee").text
    assert browser.find_element(By.ID, "sentiment-counts").get_attribute("title").startswith("1 positive")
    shot("routing-online-escalated-sentiment")


def test_status_control_follows_a_change_made_elsewhere(browser, api, shot):
    # When anna's status changes in another tab (here: over the API), the open inbox shows it live.
    api.call("PUT", "/api/v1/operators/me/presence", {"status": "away"}, expect=200)
    wait(browser, lambda b: Select(b.find_element(By.ID, "presence")).first_selected_option.get_attribute("value") == "away",
         message="the status control did not follow")
    assert "presence-away" in browser.find_element(By.CSS_SELECTOR, ".presence-control .presence").get_attribute("class")
    shot("routing-status-away")
