"""The reports page in a real browser, on the demo's seeded weeks of history: a supervisor sees
the same figures as the API, SVG charts that stay readable in the dark theme, CSV downloads with
the same numbers, a hostile feedback comment as text; an operator gets no reports; a supervisor's
review of a resolved conversation reaches the operator who handled it.

The steps build on each other in file order (one browser for the module)."""

import csv
import io
import json
import time
from urllib.parse import urlencode

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from demo_server import Client
from test_channels import sign_in
from test_inbox import XSS, assert_no_alert, wait, wait_until

FIGURES = ["firstResponse", "replyTime", "lifetime", "queueWait"]
STATS = ["min", "avg", "median", "p90", "max"]
REVIEW_COMMENT = "Friendly and exact. <b>Keep</b> it up"


def human(seconds):
    """The page's duration format (format.js `duration`), for comparing what is shown."""
    if seconds is None:
        return "—"
    total = int(seconds + 0.5)
    if total < 60:
        return f"{total}s"
    if total < 3600:
        return f"{total // 60}m {total % 60:02d}s"
    if total < 86_400:
        return f"{total // 3600}h {(total % 3600) // 60:02d}m"
    return f"{total // 86_400}d {(total % 86_400) // 3600:02d}h"


def supervisor(server):
    client = Client(server.base_url)
    client.sign_in("sofia", "demo-sofia")
    return client


def page_query(browser):
    """The range and time zone the page shows, as the query of the report routes."""
    return {
        "from": browser.find_element(By.ID, "report-from").get_attribute("value"),
        "to": browser.find_element(By.ID, "report-to").get_attribute("value"),
        "tz": browser.execute_script("return Intl.DateTimeFormat().resolvedOptions().timeZone"),
    }


def wait_loaded(browser):
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#report-body[data-loaded]:not([aria-busy])")),
         timeout=20, message="the reports did not load")


def full_page_shot(browser, shot, name):
    """The page is taller than the window: grow the window for the picture, then restore it."""
    size = browser.get_window_size()
    height = browser.execute_script("return document.getElementById('reports-page').scrollHeight")
    browser.set_window_size(size["width"], min(height + 140, 6000))
    time.sleep(0.3)
    shot(name)
    browser.set_window_size(size["width"], size["height"])


def contrast(browser, selector, background_selector):
    """The lowest WCAG contrast ratio between the fill of `selector` elements and the background."""
    return browser.execute_script("""
        const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
        const luminance = (text) => {
          const [r, g, b] = rgb(text).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const back = luminance(getComputedStyle(document.querySelector(arguments[1])).backgroundColor);
        const ratios = [...document.querySelectorAll(arguments[0])].map((element) => {
          const front = luminance(getComputedStyle(element).fill);
          return (Math.max(front, back) + 0.05) / (Math.min(front, back) + 0.05);
        });
        return ratios.length ? Math.min(...ratios) : 0;
    """, selector, background_selector)


def fetch_text(browser, url):
    """GET with the browser's session (as the CSV link does), returning the body."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then((r) => r.text()).then(done, (e) => done('ERROR ' + e));",
        url)


def test_supervisor_sees_the_figures_of_the_api(browser, server, shot):
    sign_in(browser, server, "sofia", "demo-sofia")
    browser.find_element(By.ID, "open-reports").click()
    wait_loaded(browser)
    assert "#reports" in browser.current_url
    query = page_query(browser)
    figures = supervisor(server).call("GET", "/api/v1/reports/figures?" + urlencode(query), expect=200)["figures"]
    # The seeded history makes the page meaningful: answered conversations in the default week.
    assert figures["firstResponse"]["count"] > 0
    for key in FIGURES:
        row = browser.find_element(By.CSS_SELECTOR, f"#figures-table tr[data-figure='{key}']")
        cells = row.find_elements(By.TAG_NAME, "td")
        assert cells[0].text == str(figures[key]["count"]), key
        for cell, stat in zip(cells[1:], STATS):
            expected = figures[key][stat]
            assert cell.text == human(expected), (key, stat)
            if expected is not None:
                assert abs(float(cell.get_attribute("data-seconds")) - expected) < 1e-9, (key, stat)
    # The help text defines each figure.
    browser.find_element(By.CSS_SELECTOR, "#figures-help summary").click()
    help_text = browser.find_element(By.ID, "figures-help").text
    for name in ("First response", "Reply time", "Lifetime", "Queue wait", "notes", "automatic messages"):
        assert name in help_text


def test_charts_are_drawn_as_svg(browser, server, shot):
    query = page_query(browser)
    load = supervisor(server).call("GET", "/api/v1/reports/load?" + urlencode(query), expect=200)
    opened = browser.execute_script(
        "return [...document.querySelectorAll('#load-days rect.chart-bar[data-series=\"Opened\"]')].map((r) => Number(r.dataset.value))")
    assert opened == [day["opened"] for day in load["days"]]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#load-heatmap svg rect.heat-cell")) == 168
    assert browser.find_elements(By.CSS_SELECTOR, "#load-queue svg path.chart-line")
    assert browser.find_elements(By.CSS_SELECTOR, "#report-staff svg.chart-timeline rect.span-online")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#report-feedback svg.chart-stars rect.chart-bar")) == 5
    # Every chart has a title and its marks tooltips.
    for chart in browser.find_elements(By.CSS_SELECTOR, "#reports-page svg.chart"):
        assert chart.find_element(By.CSS_SELECTOR, "text.chart-title").get_attribute("textContent")
    assert browser.find_elements(By.CSS_SELECTOR, "#load-days rect.chart-bar > title")
    assert contrast(browser, "#reports-page svg text.chart-tick", ".report-section") >= 4.5
    full_page_shot(browser, shot, "reports-light")


def test_dark_theme_keeps_the_charts_readable(browser, shot):
    browser.find_element(By.ID, "theme-toggle").click()
    wait(browser, lambda b: b.execute_script("return document.documentElement.dataset.theme") == "dark")
    background = browser.execute_script("return getComputedStyle(document.querySelector('.report-section')).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    # Labels are text (4.5:1), bars and spans are graphics (3:1), both against the dark section.
    assert contrast(browser, "#reports-page svg text.chart-tick", ".report-section") >= 4.5
    assert contrast(browser, "#reports-page svg text.chart-title", ".report-section") >= 4.5
    assert contrast(browser, "#reports-page svg rect.chart-bar, #reports-page svg rect.span", ".report-section") >= 3
    full_page_shot(browser, shot, "reports-dark")
    browser.find_element(By.ID, "theme-toggle").click()
    wait(browser, lambda b: b.execute_script("return document.documentElement.dataset.theme") == "light")


def test_csv_downloads_carry_the_api_numbers(browser, server):
    query = page_query(browser)
    api = supervisor(server)
    figures = api.call("GET", "/api/v1/reports/figures?" + urlencode(query), expect=200)["figures"]
    link = browser.find_element(By.CSS_SELECTOR, "#report-figures a.csv-link[data-table='figures']")
    assert "format=csv" in link.get_attribute("href") and link.get_attribute("download") is not None
    rows = list(csv.reader(io.StringIO(fetch_text(browser, link.get_attribute("href")))))
    assert rows[0] == ["figure", "count", "min", "avg", "median", "p90", "max"]
    assert len(rows) == 5
    for key, row in zip(FIGURES, rows[1:]):
        assert int(row[1]) == figures[key]["count"], key
        for text, stat in zip(row[2:], STATS):
            expected = figures[key][stat]
            assert (text == "" if expected is None else abs(float(text) - expected) < 1e-6), (key, stat, text)

    load = api.call("GET", "/api/v1/reports/load?" + urlencode(query), expect=200)
    days_link = browser.find_element(By.CSS_SELECTOR, "#report-load a.csv-link[data-table='days']").get_attribute("href")
    days = list(csv.DictReader(io.StringIO(fetch_text(browser, days_link))))
    assert [int(day["opened"]) for day in days] == [day["opened"] for day in load["days"]]
    assert [int(day["messagesIn"]) for day in days] == [day["messagesIn"] for day in load["days"]]


def test_export_links_download_the_conversations_of_the_range(browser):
    query = page_query(browser)
    csv_link = browser.find_element(By.ID, "export-csv").get_attribute("href")
    jsonl_link = browser.find_element(By.ID, "export-jsonl").get_attribute("href")
    for link, kind in [(csv_link, "csv"), (jsonl_link, "jsonl")]:
        assert f"format={kind}" in link and f"from={query['from']}" in link and f"to={query['to']}" in link, link
    rows = list(csv.DictReader(io.StringIO(fetch_text(browser, csv_link))))
    lines = [json.loads(line) for line in fetch_text(browser, jsonl_link).splitlines()]
    assert lines, "the demo's seeded weeks have conversations in the page's range"
    assert sorted({int(row["conversation_id"]) for row in rows}) == sorted(line["id"] for line in lines)
    messages = sum(max(1, len(line["messages"])) for line in lines)
    assert len(rows) == messages


def shown_figures(browser):
    """The figures table as {figure: (count, [exact seconds or None per stat])}, read in one script."""
    return browser.execute_script("""
        const out = {};
        for (const row of document.querySelectorAll('#figures-table tr[data-figure]')) {
          const cells = [...row.querySelectorAll('td')];
          out[row.dataset.figure] = [Number(cells[0].textContent),
            cells.slice(1).map((cell) => cell.dataset.seconds === undefined ? null : Number(cell.dataset.seconds))];
        }
        return out;
    """)


def assert_figures_match(browser, figures):
    shown = shown_figures(browser)
    for key in FIGURES:
        count, seconds = shown[key]
        assert count == figures[key]["count"], key
        for value, stat in zip(seconds, STATS):
            expected = figures[key][stat]
            assert (value is None if expected is None else abs(value - expected) < 1e-9), (key, stat)


def test_filters_narrow_the_figures_like_the_api(browser, server):
    api = supervisor(server)
    billing = next(item["department"]["id"] for item in api.call("GET", "/api/v1/departments", expect=200)["items"]
                   if item["department"]["name"] == "Billing")
    # A department
    Select(browser.find_element(By.ID, "report-department")).select_by_visible_text("Billing")
    wait(browser, lambda b: f"department={billing}" in b.find_element(By.ID, "report-body").get_attribute("data-loaded"))
    wait_loaded(browser)
    query = page_query(browser)
    figures = api.call("GET", "/api/v1/reports/figures?" + urlencode({**query, "department": billing}), expect=200)["figures"]
    everyone = api.call("GET", "/api/v1/reports/figures?" + urlencode(query), expect=200)["figures"]
    assert 0 < figures["firstResponse"]["count"] < everyone["firstResponse"]["count"]
    assert_figures_match(browser, figures)
    # Business hours only
    browser.find_element(By.ID, "report-business-hours").click()
    wait(browser, lambda b: "businessHours=true" in b.find_element(By.ID, "report-body").get_attribute("data-loaded"))
    wait_loaded(browser)
    figures = api.call("GET", "/api/v1/reports/figures?" + urlencode({**query, "department": billing, "businessHours": "true"}),
                       expect=200)["figures"]
    assert_figures_match(browser, figures)
    # Back to everything
    browser.find_element(By.ID, "report-business-hours").click()
    Select(browser.find_element(By.ID, "report-department")).select_by_value("")
    wait(browser, lambda b: "department" not in b.find_element(By.ID, "report-body").get_attribute("data-loaded")
         and "businessHours" not in b.find_element(By.ID, "report-body").get_attribute("data-loaded"))
    wait_loaded(browser)
    assert_figures_match(browser, everyone)
    # A channel: supervisors choose from /api/v1/reports/channels (the channels' admin view is admins' only).
    telegram = next(item["id"] for item in api.call("GET", "/api/v1/reports/channels", expect=200)["items"]
                    if item["name"] == "demo-telegram")
    assert browser.find_element(By.ID, "report-channel").is_displayed()
    Select(browser.find_element(By.ID, "report-channel")).select_by_value(str(telegram))
    wait(browser, lambda b: f"channel={telegram}" in b.find_element(By.ID, "report-body").get_attribute("data-loaded"))
    wait_loaded(browser)
    figures = api.call("GET", "/api/v1/reports/figures?" + urlencode({**query, "channel": telegram}), expect=200)["figures"]
    assert_figures_match(browser, figures)
    Select(browser.find_element(By.ID, "report-channel")).select_by_value("")
    wait(browser, lambda b: "channel" not in b.find_element(By.ID, "report-body").get_attribute("data-loaded"))
    wait_loaded(browser)


def test_hostile_feedback_comment_renders_as_text(browser, server, shot):
    comments = browser.execute_script(
        "return [...document.querySelectorAll('#low-scores-table td.comment')].map((cell) => cell.innerText)")
    assert XSS in comments
    time.sleep(0.5)  # would give an onerror handler time to fire
    assert_no_alert(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#reports-page img") == []
    # Its row links to the conversation in the inbox.
    row = browser.find_element(By.XPATH, f"//table[@id='low-scores-table']//tr[td[@class='comment' and .='{XSS}']]")
    row.find_element(By.CSS_SELECTOR, "a[data-conversation]").click()
    wait(browser, EC.invisibility_of_element_located((By.ID, "reports-page")))
    wait(browser, EC.visibility_of_element_located((By.ID, "conversation-title")))
    browser.back()
    wait(browser, EC.visibility_of_element_located((By.ID, "reports-page")))
    wait_loaded(browser)


def test_supervisor_reviews_a_sample_and_the_operator_sees_it(browser, server, shot):
    # Given the last 30 days, a supervisor pulls a sample of resolved conversations
    week = browser.find_element(By.ID, "report-body").get_attribute("data-loaded")
    browser.find_element(By.ID, "preset-30").click()
    wait(browser, lambda b: b.find_element(By.ID, "report-body").get_attribute("data-loaded") != week, message="the 30-day range")
    wait_loaded(browser)
    assert "from=" in browser.current_url  # the range is in the address, so a reload keeps it
    size = browser.find_element(By.ID, "review-size")
    size.clear()
    size.send_keys("3")
    browser.find_element(By.ID, "review-pull").click()
    candidates = wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#review-candidates li.review-candidate"),
                      message="the sample")
    assert len(candidates) == 3
    candidate = candidates[0]
    conversation = int(candidate.get_attribute("data-conversation"))
    assert candidate.find_element(By.CSS_SELECTOR, "a[data-open]").get_attribute("href").endswith(f"#c{conversation}")

    # When they score it 4 with a comment
    Select(candidate.find_element(By.NAME, "score")).select_by_value("4")
    candidate.find_element(By.NAME, "comment").send_keys(REVIEW_COMMENT)
    candidate.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    wait(browser, lambda b: "Reviewed" in candidate.text, message="the review saved")
    review = supervisor(server).call("GET", f"/api/v1/conversations/{conversation}/review", expect=200)
    assert review["score"] == 4 and review["comment"] == REVIEW_COMMENT
    shot("reports-review")

    # Then the operator who handled it sees it in "My reviews" and on the conversation
    logins = {operator["id"]: operator["login"] for operator in supervisor(server).call("GET", "/api/v1/operators", expect=200)["items"]}
    login = logins[review["operatorId"]]
    sign_in(browser, server, login, f"demo-{login}")
    browser.find_element(By.ID, "open-my-reviews").click()
    item = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, f"#my-reviews-list li[data-conversation='{conversation}']")))
    assert REVIEW_COMMENT in item.text and "4 / 5" in item.text
    item.find_element(By.TAG_NAME, "a").click()
    panel = wait(browser, EC.visibility_of_element_located((By.ID, "review-section")), message="the review on the conversation")
    wait_until(lambda: REVIEW_COMMENT in panel.text, message="the review comment")
    assert browser.find_elements(By.CSS_SELECTOR, "#review-section b") == []
    shot("operator-sees-review")
    operator = Client(server.base_url)
    operator.sign_in(login, f"demo-{login}")
    mine = operator.call("GET", "/api/v1/reviews", expect=200)["items"]
    assert any(item["conversationId"] == conversation for item in mine)


def test_operators_have_no_reports(browser, server):
    sign_in(browser, server, "anna", "demo-anna")
    assert not browser.find_elements(By.ID, "open-reports")
    browser.get(server.base_url + "/#reports")
    wait(browser, EC.presence_of_element_located((By.ID, "conversation-list")))
    assert not browser.find_element(By.ID, "reports-page").is_displayed()
    operator = Client(server.base_url)
    operator.sign_in("anna", "demo-anna")
    for report in ("figures", "load", "staff", "departments", "feedback"):
        operator.call("GET", f"/api/v1/reports/{report}", expect=403)
    operator.call("POST", "/api/v1/reviews/sample", {"from": "2026-01-01", "to": "2026-01-31", "size": 3}, expect=403)
