"""A picture a Viber client sends is copied from Viber's expiring media URL and shows as an image.

Runs against the real `switchboard demo`: its fake Viber hosts the picture at a media URL and
sends the `message` callback, as Viber does; the inbox must show the stored copy as an <img>.
"""

import base64
import struct
import urllib.error
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from demo_server import Client
from test_inbox import wait, wait_until

VIBER_USER = "dmliZXItbWVkaWEtY2xpZW50LTE="
CAPTION = "Photo of my receipt for order 9921"
WIDTH, HEIGHT = 48, 32


def png(width, height, rgb):
    """A valid PNG of one colour, built with the standard library only."""
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def viber_client_sends_picture(admin, picture):
    """The demo's fake Viber calls the webhook only once it is set, shortly after start: retry until then."""
    body = {"imageBase64": base64.b64encode(picture).decode(), "fileName": "receipt.png",
            "contentType": "image/png", "caption": CAPTION, "name": "Oksana"}
    try:
        sent = admin.call("POST", f"/demo/viber/users/{VIBER_USER}/pictures", body)
    except (urllib.error.URLError, ValueError):
        return None
    return sent if sent and sent.get("acknowledged") else None


def conversation_with(admin, text):
    for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
        if (item.get("lastMessage") or {}).get("text") == text:
            return item["id"]
    return None


def shown_image(browser):
    """The timeline's first image, once loaded: its src and decoded size."""
    return browser.execute_script(
        "const img = document.querySelector('#timeline .attachment-image img');"
        "return img && img.complete && img.naturalWidth > 0"
        " ? {src: img.getAttribute('src'), width: img.naturalWidth, height: img.naturalHeight} : null")


def test_picture_from_a_viber_client_renders_as_an_image(browser, server, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")

    # Given a Viber client who sends a picture with a caption
    sent = wait_until(lambda: viber_client_sends_picture(admin, png(WIDTH, HEIGHT, (200, 40, 40))),
                      timeout=20, message="the Viber webhook to take the picture")
    conversation = wait_until(lambda: conversation_with(admin, CAPTION), timeout=20, message="the Viber conversation")

    # When an operator opens the conversation
    browser.get(server.base_url + f"/#c{conversation}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    wait(browser, EC.text_to_be_present_in_element((By.ID, "me-name"), "Alex"))

    # Then the picture shows as an image, served from Switchboard's copy, not Viber's link
    image = wait(browser, shown_image, timeout=20, message="the Viber picture as an image in the timeline")
    shot("viber-picture-in-timeline")
    assert image["src"].startswith("/api/v1/media/viber/")
    assert image["src"] != sent["mediaURL"]
    assert (image["width"], image["height"]) == (WIDTH, HEIGHT)
