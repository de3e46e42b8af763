"""Fixtures for the browser tests: the demo server, a headless Chromium, screenshots."""

import itertools
import os
import shutil
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from demo_server import Client, DemoServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STEPS = itertools.count(1)


@pytest.fixture(scope="session")
def artifacts():
    folder = os.environ.get("BROWSER_ARTIFACTS") or os.path.join(ROOT, ".build", "browser-artifacts")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


@pytest.fixture(scope="session")
def server(artifacts):
    binary = os.environ.get("SWITCHBOARD_BIN")
    if not binary:
        pytest.fail("SWITCHBOARD_BIN is not set: run Tests/browser/run.sh")
    demo = DemoServer(binary, artifacts).start()
    yield demo
    demo.stop()


@pytest.fixture(scope="session")
def api(server):
    """The demo's second operator, signed in over the API, for setup and checks."""
    client = Client(server.base_url)
    client.sign_in("anna", "demo-anna")
    return client


@pytest.fixture(scope="module")
def browser(server):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=en-GB"):
        options.add_argument(flag)
    # Alerts must stay visible to the test (the XSS check looks for one) instead of being auto-dismissed.
    options.set_capability("unhandledPromptBehavior", "ignore")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    # --window-size is the outer size; make the page itself 1280×800, the size the inbox is designed for.
    chrome = driver.execute_script("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
    driver.set_window_size(1280 + chrome[0], 800 + chrome[1])
    yield driver
    driver.quit()


@pytest.fixture
def shot(browser, artifacts):
    """Saves a screenshot numbered in test order: shot("signed-in") → 01-signed-in.png."""
    def save(name):
        path = os.path.join(artifacts, f"{next(STEPS):02d}-{name}.png")
        browser.save_screenshot(path)
        return path
    return save
