"""What a Viber client sends shows as what it is: a picture as an image (copied from Viber's
expiring media URL), a sticker as its picture, a location as its coordinates with a map link.

Runs against the real `switchboard demo`: its fake Viber hosts pictures at media URLs and sends
the `message` callbacks, as Viber does.
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
SECOND_VIBER_USER = "dmliZXItbWVkaWEtY2xpZW50LTI="
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
    body = {"imageBase64": base64.b64encode(picture).decode(), "fileName": "receipt.png",
            "contentType": "image/png", "caption": CAPTION, "name": "Oksana"}
    return acknowledged(admin, f"/demo/viber/users/{VIBER_USER}/pictures", body)


def acknowledged(admin, path, body):
    """The demo's fake Viber calls the webhook only once it is set, shortly after start: None until then."""
    try:
        sent = admin.call("POST", path, body)
    except (urllib.error.URLError, ValueError):
        return None
    return sent if sent and sent.get("acknowledged") else None


def conversation_with(admin, text=None, contact=None):
    for item in admin.call("GET", "/api/v1/conversations?filter=all&limit=200", expect=200)["items"]:
        if text is not None and (item.get("lastMessage") or {}).get("text") == text:
            return item["id"]
        if contact is not None and item["contact"]["displayName"] == contact:
            return item["id"]
    return None


def sign_in(browser, server, conversation):
    browser.get(server.base_url + f"/#c{conversation}")
    login = wait(browser, EC.visibility_of_element_located((By.ID, "login")))
    login.send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("demo-admin", Keys.ENTER)
    wait(browser, EC.text_to_be_present_in_element((By.ID, "me-name"), "Alex"))


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
    sign_in(browser, server, conversation)

    # Then the picture shows as an image, served from Switchboard's copy, not Viber's link
    image = wait(browser, shown_image, timeout=20, message="the Viber picture as an image in the timeline")
    shot("viber-picture-in-timeline")
    assert image["src"].startswith("/api/v1/media/viber/")
    assert image["src"] != sent["mediaURL"]
    assert (image["width"], image["height"]) == (WIDTH, HEIGHT)


def sticker_and_place(browser):
    """The timeline's sticker picture and location link, once both are there."""
    return browser.execute_script(
        "const img = document.querySelector('#timeline .attachment-sticker img');"
        "const place = document.querySelector('#timeline a.attachment-location');"
        "return img && img.complete && img.naturalWidth > 0 && place"
        " ? {sticker: img.getAttribute('src'), place: place.textContent, map: place.getAttribute('href')} : null")


def test_sticker_and_location_from_a_viber_client_render_as_such(browser, server, shot):
    admin = Client(server.base_url)
    admin.sign_in("admin", "demo-admin")

    # Given a Viber client who sends a sticker, then shares a location
    sticker = {"stickerId": 40133, "imageBase64": base64.b64encode(png(24, 24, (40, 160, 60))).decode(), "name": "Taras"}
    wait_until(lambda: acknowledged(admin, f"/demo/viber/users/{SECOND_VIBER_USER}/stickers", sticker),
               timeout=20, message="the Viber webhook to take the sticker")
    wait_until(lambda: acknowledged(admin, f"/demo/viber/users/{SECOND_VIBER_USER}/locations",
                                    {"lat": 50.4501, "lon": 30.5234, "name": "Taras"}),
               timeout=20, message="the Viber webhook to take the location")
    conversation = wait_until(lambda: conversation_with(admin, contact="Taras"), timeout=20, message="the conversation")

    # When an operator opens the conversation (this module's browser is signed in already)
    browser.get(server.base_url + f"/#c{conversation}")

    # Then the sticker is its picture and the location its coordinates with a map link
    shown = wait(browser, sticker_and_place, timeout=20, message="the sticker picture and the location link")
    shot("viber-sticker-and-location")
    assert shown["sticker"].startswith("/api/v1/media/viber/")
    assert shown["place"] == "Location: 50.45010, 30.52340"
    assert shown["map"] == "https://www.openstreetmap.org/?mlat=50.45010&mlon=30.52340#map=16/50.45010/30.52340"
