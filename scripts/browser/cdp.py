"""The page driver for Chromium: the Chrome DevTools Protocol (https://chromedevtools.github.io/devtools-protocol/)
over the page target's WebSocket. Pointer and keyboard input go through Input.dispatch*Event, so
the page gets the browser's own trusted events."""
import base64
import json
import time

from .launch import start_chromium
from .rpc import Connection, ProtocolError


class ChromiumDriver:
    name = "chromium"

    def __init__(self, executable, timeout):
        self.timeout = timeout
        self.browser, url = start_chromium(executable, timeout)
        try:
            self.rpc = Connection(url, timeout)
            self.version = self._call("Browser.getVersion", {}).get("product", "?")
        except BaseException:
            self.browser.stop()
            raise

    def _call(self, method, params):
        return self.rpc.call(method, params, self.timeout)

    def _evaluate(self, expression, by_value=True):
        reply = self._call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": by_value})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            message = details.get("exception", {}).get("description") or details.get("text")
            raise ProtocolError(f"page script failed: {message}")
        return reply.get("result", {})

    def navigate(self, url):
        error = self._call("Page.navigate", {"url": url}).get("errorText")
        if error:
            raise ProtocolError(f"Page.navigate: {url}: {error}")
        deadline = time.monotonic() + self.timeout
        # Page.navigate answers once the navigation has started; the new document is there when
        # it is no longer about:blank and has finished loading.
        while time.monotonic() < deadline:
            state = self._evaluate("location.href !== 'about:blank' && document.readyState === 'complete'")
            if state.get("value") is True:
                return
            time.sleep(0.05)
        raise TimeoutError(f"{url} did not finish loading within {self.timeout:.0f} s")

    def call(self, function, *args):
        """Runs `function` (JS source of a possibly async function) in the page with JSON-able
        arguments; returns its JSON-able result."""
        expression = ("(async function(json) { return JSON.stringify(await (" + function + ")(...JSON.parse(json))); })("
                      + json.dumps(json.dumps(list(args))) + ")")
        value = self._evaluate(expression)
        return json.loads(value["value"]) if value.get("type") == "string" else None

    def _mouse(self, kind, x, y, **extra):
        self._call("Input.dispatchMouseEvent", {"type": kind, "x": int(round(x)), "y": int(round(y)), **extra})

    def move_pointer(self, x, y):
        self._mouse("mouseMoved", x, y)

    def click(self, x, y):
        self._mouse("mouseMoved", x, y)
        self._mouse("mousePressed", x, y, button="left", buttons=1, clickCount=1)
        self._mouse("mouseReleased", x, y, button="left", buttons=0, clickCount=1)

    def type_text(self, text):
        for character in text:
            # keyDown with text also produces the keypress and the input event, as a real key does.
            self._call("Input.dispatchKeyEvent", {"type": "keyDown", "key": character, "text": character, "unmodifiedText": character})
            self._call("Input.dispatchKeyEvent", {"type": "keyUp", "key": character})

    def press_enter(self):
        common = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13}
        self._call("Input.dispatchKeyEvent", {"type": "keyDown", "text": "\r", **common})
        self._call("Input.dispatchKeyEvent", {"type": "keyUp", **common})

    def set_file(self, element_id, path):
        """Chooses `path` in the <input type=file> with this id, as the file picker would (DOM.setFileInputFiles)."""
        node = self._evaluate(f"document.getElementById({json.dumps(element_id)})", by_value=False)
        if "objectId" not in node:
            raise ProtocolError(f"no element #{element_id} to set a file on")
        self._call("DOM.setFileInputFiles", {"files": [path], "objectId": node["objectId"]})

    def set_viewport(self, width, height, mobile):
        self._call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def screenshot(self, whole_page):
        params = {"format": "png"}
        if whole_page:
            size = self.call("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1})
        return base64.b64decode(self._call("Page.captureScreenshot", params)["data"])

    def close(self):
        self.rpc.close_browser("Browser.close", self.browser)
