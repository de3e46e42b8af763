"""An operator edits and deletes a sent Telegram reply from the inbox, with the keyboard."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from test_inbox import timeline_texts, wait, wait_until

USER_ID = 5_550_077
LAST_REPLY = "[...document.querySelectorAll('#timeline .message-out')].at(-1)"


def test_an_operator_edits_and_deletes_a_sent_reply(browser, server, api, shot):
    browser.get(server.base_url + "/")
    wait(browser, EC.visibility_of_element_located((By.ID, "login"))).send_keys("anna")
    browser.find_element(By.ID, "password").send_keys("demo-anna", Keys.ENTER)
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))
    api.user_writes(USER_ID, "Does it ship on Monday?", "Petra")
    wait(browser, EC.element_to_be_clickable(
        (By.XPATH, "//a[contains(@class,'row')][.//span[contains(., 'Does it ship on Monday?')]]")), timeout=20).click()
    wait(browser, lambda b: "Does it ship on Monday?" in timeline_texts(b), message="timeline did not load")

    # Given a reply Telegram accepted.
    browser.find_element(By.ID, "composer-input").send_keys("Yes, it ships on Munday.", Keys.ENTER)
    wait(browser, lambda b: b.execute_script(f"return {LAST_REPLY}?.querySelector('[data-action=edit]') !== null"),
         timeout=20, message="the sent reply offers Edit")

    # When the operator edits it with the keyboard: focus Edit, Enter, fix the text, Enter.
    edit = browser.execute_script(f"return {LAST_REPLY}.querySelector('[data-action=edit]')")
    edit.send_keys(Keys.ENTER)
    editor = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "#timeline .revision-input")))
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys("Yes, it ships on Monday.", Keys.ENTER)

    # Then Telegram edits the message and the timeline shows the new text, marked edited.
    wait_until(lambda: any(sent.get("method") == "editMessageText" and "ships on Monday." in (sent.get("text") or "")
                           for sent in api.bot_sent(USER_ID)), timeout=20, message="editMessageText at the fake Telegram")
    wait(browser, lambda b: "Yes, it ships on Monday." in timeline_texts(b), message="the new text in the timeline")
    edited = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#timeline .message-out .edited-mark")))
    shot("reply-edited")
    # The previous text is one click away.
    edited.click()
    wait(browser, lambda b: "Yes, it ships on Munday." in b.execute_script(
        f"return {LAST_REPLY}.querySelector('.edit-history')?.innerText ?? ''"), message="the previous text")
    shot("reply-edit-history")

    # When the operator deletes it (and confirms), the reply shows as deleted.
    delete = browser.execute_script(f"return {LAST_REPLY}.querySelector('[data-action=delete]')")
    delete.send_keys(Keys.ENTER)
    wait(browser, EC.alert_is_present()).accept()
    wait(browser, lambda b: b.execute_script(f"return {LAST_REPLY}.classList.contains('message-deleted')"),
         message="the reply marked deleted")
    assert browser.execute_script(f"return {LAST_REPLY}.querySelector('[data-action=edit]')") is None
    shot("reply-deleted")
