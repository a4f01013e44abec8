"""Starting a headless browser with a throwaway profile and finding its debugging endpoint; stopping
it (its whole process group) and removing the profile, whatever happened in between."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request

# Quiet first start for Firefox: no default-browser question, no telemetry or studies (Firefox's
# remote agent adds its own recommended automation prefs on top, remote.prefs.recommended).
FIREFOX_PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.normandy.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
}


class LaunchError(Exception):
    pass


class Browser:
    """A browser process in its own process group, with its profile under a temporary folder."""

    def __init__(self, argv, root):
        self.root = root
        self.log_path = os.path.join(root, "browser.log")
        # A HOME of its own when there is none (CI): both browsers write caches under it.
        env = dict(os.environ, HOME=os.environ.get("HOME") or root, MOZ_CRASHREPORTER_DISABLE="1")
        try:
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, env=env)
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise

    def log_tail(self, lines=15):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:]).strip()
        except OSError:
            return ""

    def wait_for_file(self, path, parse, timeout):
        """parse(text) of the file the browser writes once it listens; retried until it succeeds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LaunchError(f"the browser exited with status {self.process.returncode} while starting:\n{self.log_tail()}")
            try:
                with open(path, encoding="utf-8") as f:
                    return parse(f.read())
            except (OSError, ValueError, KeyError, IndexError):
                time.sleep(0.1)
        raise LaunchError(f"the browser did not open its debugging port within {timeout:.0f} s:\n{self.log_tail()}")

    def _signal_group(self, signum):
        """Sends `signum` to the browser's process group and waits up to 5 s for the main process."""
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass

    def stop(self):
        """SIGTERM to the group, SIGKILL after 5 s, then the folder is removed."""
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)
        self._signal_group(signal.SIGKILL)  # content processes that outlived the main one
        for _ in range(5):
            shutil.rmtree(self.root, ignore_errors=True)
            if not os.path.exists(self.root):
                break
            time.sleep(0.2)


def start_firefox(executable, timeout):
    """Firefox with WebDriver BiDi on a free port; returns (browser, ws://…/session URL)."""
    root = tempfile.mkdtemp(prefix="reme-browser-check-firefox-")
    profile = os.path.join(root, "profile")
    os.mkdir(profile)
    with open(os.path.join(profile, "user.js"), "w", encoding="utf-8") as f:
        for key, value in FIREFOX_PREFS.items():
            f.write(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n")
    browser = Browser([executable, "--headless", "--no-remote", "--remote-debugging-port=0", "-profile", profile, "about:blank"], root)
    try:
        # Firefox writes the port it bound into the profile (WebDriverBiDiServer.json).
        port = browser.wait_for_file(os.path.join(profile, "WebDriverBiDiServer.json"), lambda t: int(json.loads(t)["ws_port"]), timeout)
    except BaseException:
        browser.stop()
        raise
    return browser, f"ws://127.0.0.1:{port}/session"


def start_chromium(executable, timeout):
    """Chromium with the DevTools protocol on a free port; returns (browser, the page target's ws:// URL)."""
    root = tempfile.mkdtemp(prefix="reme-browser-check-chromium-")
    profile = os.path.join(root, "profile")
    argv = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"]
    browser = Browser(argv, root)
    try:
        # Chromium writes the port it bound into the profile (DevToolsActivePort, first line).
        port = browser.wait_for_file(os.path.join(profile, "DevToolsActivePort"), lambda t: int(t.split("\n")[0]), timeout)
        url = page_target(port, timeout)
    except BaseException:
        browser.stop()
        raise
    return browser, url


def page_target(port, timeout):
    """The webSocketDebuggerUrl of the first page in http://127.0.0.1:PORT/json."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=5) as reply:
                targets = json.load(reply)
            for target in targets:
                if target.get("type") == "page" and target.get("webSocketDebuggerUrl"):
                    return target["webSocketDebuggerUrl"]
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    raise LaunchError(f"no page target at http://127.0.0.1:{port}/json within {timeout:.0f} s")
