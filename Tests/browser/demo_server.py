"""The real `switchboard demo` process on a free port with a temporary SQLite file, plus a small
HTTP client for its REST API and demo control routes (standard library only)."""

import http.cookiejar
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DemoServer:
    """Starts `switchboard demo --quiet-clients` and stops it; the log is kept for failures."""

    def __init__(self, binary, artifacts):
        self.binary = binary
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="switchboard-browser-")
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(artifacts, "server.log")
        self.process = None

    def start(self, timeout=30):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [self.binary, "demo", "--host", "127.0.0.1", "--port", str(self.port),
             "--database", os.path.join(self.folder, "demo.sqlite"), "--quiet-clients", "--log-level", "info"],
            stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"switchboard demo exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/readyz", timeout=1) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"switchboard demo did not become ready in {timeout} s; see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Client:
    """A signed-in API client: keeps the session cookie and sends the CSRF token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def call(self, method, path, body=None, expect=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.csrf and method != "GET":
            request.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(request, timeout=10) as answer:
                status, text = answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        if expect is not None and status != expect:
            raise AssertionError(f"{method} {path}: expected {expect}, got {status}: {text}")
        return json.loads(text) if text else None

    def sign_in(self, login, password):
        session = self.call("POST", "/api/v1/session", {"login": login, "password": password}, expect=200)
        self.csrf = session["csrfToken"]
        return session["operator"]

    def user_writes(self, user_id, text, first_name):
        """A fake Telegram user sends `text` to the demo bot."""
        return self.call("POST", f"/demo/telegram/users/{user_id}/messages", {"text": text, "firstName": first_name}, expect=201)

    def member_writes(self, group_id, title, user_id, first_name, text):
        """A member of a fake Telegram group sends `text` there."""
        body = {"text": text, "title": title, "userId": user_id, "firstName": first_name}
        return self.call("POST", f"/demo/telegram/groups/{group_id}/messages", body, expect=201)

    def press_button(self, user_id, message_id, label):
        """A fake Telegram user taps the inline button `label` under a bot message."""
        return self.call("POST", f"/demo/telegram/users/{user_id}/buttons", {"messageId": message_id, "label": label}, expect=201)

    def bot_sent(self, chat_id):
        """What the bot sent to a Telegram chat, oldest first."""
        return self.call("GET", f"/demo/telegram/sent?chatId={chat_id}", expect=200)["items"]
