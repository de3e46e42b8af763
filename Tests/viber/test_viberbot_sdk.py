"""Switchboard's Viber bridge checked by Viber's own Python SDK (`viberbot` from PyPI).

The real `switchboard` binary runs against a fake Viber (`ViberSDKCheckServer`). The SDK signs
callbacks sent to Switchboard (valid ones must get 200, tampered ones 403), and every
`send_message` body Switchboard sent to the fake must parse and validate with the SDK's classes.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from viberbot import Api
from viberbot.api.bot_configuration import BotConfiguration
from viberbot.api.messages import KeyboardMessage, get_message
from viberbot.api.viber_requests import ViberConversationStartedRequest, ViberMessageRequest

BIN = os.environ.get("SWITCHBOARD_BIN_DIR") or subprocess.check_output(["swift", "build", "--show-bin-path"], text=True).strip()
PASSWORD = "correct horse battery staple"
OPERATOR_NAME = "Maria Kovalenko-Shevchenko from Billing"


def wait_for(condition, what, timeout=30.0):
    """Polls `condition` until it returns something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def read_json(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(url, body, headers=None):
    """POSTs bytes; returns (status, body) for any HTTP status."""
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("viber-sdk")
    fake_folder = folder / "fake"
    fake_folder.mkdir()
    fake = subprocess.Popen([os.path.join(BIN, "ViberSDKCheckServer"), str(fake_folder)])
    server = None
    try:
        state = wait_for(lambda: read_json(fake_folder / "state.json"), "the fake Viber")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {key: value for key, value in os.environ.items() if not key.startswith("SWITCHBOARD_")}
        env.update(
            SWITCHBOARD_DATABASE=str(folder / "switchboard.sqlite"),
            SWITCHBOARD_PORT=str(port),
            SWITCHBOARD_PUBLIC_URL=base,
            SWITCHBOARD_LOG_LEVEL="warning",
            VIBER_TOKEN=state["token"],
        )
        switchboard = os.path.join(BIN, "switchboard")
        subprocess.run(
            [switchboard, "channel", "add", "viber", "--name", "sdk", "--token-env", "VIBER_TOKEN", "--api-url", state["api_url"],
             "--persona-avatar", f"{base}/avatars/logo.png", "--welcome", "Вітаємо! An operator will answer shortly."],
            env=env, check=True, timeout=60,
        )
        subprocess.run(
            [switchboard, "operator", "add", "--login", "maria", "--display-name", OPERATOR_NAME, "--role", "admin",
             "--avatar-url", f"{base}/avatars/maria.jpg", "--password-stdin"],
            env=env, input=PASSWORD + "\n", text=True, check=True, timeout=60,
        )
        server = subprocess.Popen([switchboard, "serve"], env=env)
        # serve sets the webhook; the fake then plays its user: opens the chat and writes.
        state = wait_for(lambda: (s := read_json(fake_folder / "state.json")) and s.get("scripted") and s, "webhook and scripted user", 60)
        yield {"base": base, "token": state["token"], "state": state, "fake_folder": fake_folder}
    finally:
        if server is not None:
            stop(server)
        stop(fake)


def sdk(token):
    return Api(BotConfiguration(name="SDK check", avatar=None, auth_token=token))


def test_the_scripted_user_got_the_welcome_and_was_stored(world):
    scripted = world["state"]["scripted"]
    assert scripted["opened_status"] == 200
    assert scripted["welcome_accepted"], scripted["welcome_rejection"]
    assert scripted["message_status"] == 200


def test_callbacks_signed_by_the_sdk_are_accepted_and_tampered_ones_refused(world):
    api = sdk(world["token"])
    user = {"id": world["state"]["scripted"]["user_id"], "name": "Olena", "language": "uk", "country": "UA", "api_version": 10}
    body = json.dumps({
        "event": "message", "timestamp": int(time.time() * 1000), "message_token": 7_123_456_789_012_345_678,
        "sender": user, "message": {"type": "text", "text": "signed by the SDK"}, "silent": False,
    }).encode()
    # The SDK itself understands the callback we built.
    assert isinstance(api.parse_request(body), ViberMessageRequest)
    signature = api._calculate_message_signature(body)
    assert api.verify_signature(body, signature)
    url = world["base"] + "/webhooks/viber/sdk"

    assert post(url, body, {"X-Viber-Content-Signature": signature})[0] == 200
    tampered = body.replace(b"signed by the SDK", b"signed by the SdK")
    assert not api.verify_signature(tampered, signature)
    assert post(url, tampered, {"X-Viber-Content-Signature": signature})[0] == 403
    assert post(url, body, {"X-Viber-Content-Signature": sdk("another-token")._calculate_message_signature(body)})[0] == 403
    assert post(url, body)[0] == 401

    started = json.dumps({
        "event": "conversation_started", "timestamp": int(time.time() * 1000), "message_token": 7_123_456_789_012_345_679,
        "type": "open", "context": "sdk-context", "user": user, "subscribed": True,
    }).encode()
    assert isinstance(api.parse_request(started), ViberConversationStartedRequest)
    status, welcome = post(url, started, {"X-Viber-Content-Signature": api._calculate_message_signature(started)})
    assert status == 200
    check_with_sdk(json.loads(welcome), welcome=True)


def test_every_send_message_body_switchboard_sent_passes_the_sdk(world):
    base = world["base"]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.request.Request(base + "/api/v1/session", method="POST", headers={"Content-Type": "application/json"},
                                   data=json.dumps({"login": "maria", "password": PASSWORD}).encode())
    with opener.open(login, timeout=10) as response:
        csrf = json.load(response)["csrfToken"]
    replies = ["Hello Olena, Maria here.", "слово " * 1500 + "the end"]
    reply_ids = set()
    for text in replies:
        request = urllib.request.Request(base + "/api/v1/conversations/1/messages", method="POST",
                                         headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
                                         data=json.dumps({"text": text}).encode())
        with opener.open(request, timeout=10) as response:
            assert response.status == 201
            reply_ids.add(str(json.load(response)["id"]))

    # One short reply, and one above Viber's 7000 characters that Switchboard splits in two; the
    # automatic messages (the bot's "operator on the way", the operator's greeting) go out too and
    # are told apart by their tracking_data, which is our message id.
    def is_reply(message):
        return not message["welcome"] and json.loads(message["body"]).get("tracking_data") in reply_ids

    sent = wait_for(lambda: (s := read_json(world["fake_folder"] / "sent.json")) and len([m for m in s if is_reply(m)]) >= 3 and s,
                    "three send_message calls")
    bodies = [json.loads(message["body"]) for message in sent]
    assert any(message["welcome"] for message in sent)
    for message, body in zip(sent, bodies):
        check_with_sdk(body, welcome=message["welcome"])
    replies_sent = [body for message, body in zip(sent, bodies) if is_reply(message)]
    assert len(replies_sent) == 3
    assert all(body["sender"]["name"] == OPERATOR_NAME[:28] for body in replies_sent)
    assert all(body["sender"]["avatar"] == base + "/avatars/maria.jpg" for body in replies_sent)
    assert "".join(body["text"] for body in replies_sent[1:]).replace(" ", "") == replies[1].replace(" ", "")


def check_with_sdk(body, welcome):
    """Fails unless the SDK parses and validates the body and keeps every content field we sent."""
    message = get_message(body) if "type" in body else KeyboardMessage().from_dict(body)
    assert message.validate(), f"the viberbot SDK rejects {body}"
    content = set(body) - {"receiver", "sender"}
    assert content <= set(message.to_dict()), f"fields the SDK does not know: {content - set(message.to_dict())}"
    assert 0 < len(body["sender"]["name"]) <= 28
    assert ("receiver" in body) != welcome
