"""The page driver for Firefox: WebDriver BiDi (https://w3c.github.io/webdriver-bidi/) over the
session WebSocket. Pointer and keyboard input go through input.performActions, so the page gets
the browser's own trusted events."""
import base64
import json

from .launch import start_firefox
from .rpc import Connection, ProtocolError

# The WebDriver key value of Enter is a private-use code point (WebDriver, "Keyboard actions").
ENTER = "\ue007"


class FirefoxDriver:
    name = "firefox"

    def __init__(self, executable, timeout):
        self.timeout = timeout
        self.browser, url = start_firefox(executable, timeout)
        try:
            self.rpc = Connection(url, timeout)
            session = self.rpc.call("session.new", {"capabilities": {}}, timeout)
            capabilities = session.get("capabilities", {})
            self.version = f"{capabilities.get('browserName', 'firefox')} {capabilities.get('browserVersion', '?')}"
            contexts = self.rpc.call("browsingContext.getTree", {"maxDepth": 0}, timeout).get("contexts", [])
            if not contexts:
                raise ProtocolError("browsingContext.getTree: no top-level browsing context")
            self.context = contexts[0]["context"]
        except BaseException:
            self.browser.stop()
            raise

    def _call(self, method, params):
        return self.rpc.call(method, params, self.timeout)

    def navigate(self, url):
        self._call("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def call(self, function, *args):
        """Runs `function` (JS source of a possibly async function) in the page with JSON-able
        arguments; returns its JSON-able result."""
        wrapper = "async function(json) { return JSON.stringify(await (" + function + ")(...JSON.parse(json))); }"
        reply = self._call("script.callFunction", {
            "functionDeclaration": wrapper, "awaitPromise": True, "target": {"context": self.context},
            "arguments": [{"type": "string", "value": json.dumps(list(args))}]})
        if reply.get("type") == "exception":
            details = reply.get("exceptionDetails", {})
            raise ProtocolError(f"page script failed: {details.get('text')}")
        value = reply.get("result", {})
        return json.loads(value["value"]) if value.get("type") == "string" else None

    def _pointer(self, actions):
        self._call("input.performActions", {"context": self.context, "actions": [
            {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions}]})

    def move_pointer(self, x, y):
        self._pointer([{"type": "pointerMove", "x": int(round(x)), "y": int(round(y)), "origin": "viewport"}])

    def click(self, x, y):
        self._pointer([{"type": "pointerMove", "x": int(round(x)), "y": int(round(y)), "origin": "viewport"},
                       {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}])

    def type_text(self, text):
        keys = []
        for character in text:
            keys += [{"type": "keyDown", "value": character}, {"type": "keyUp", "value": character}]
        self._call("input.performActions", {"context": self.context, "actions": [{"type": "key", "id": "keyboard", "actions": keys}]})

    def press_enter(self):
        self.type_text(ENTER)

    def set_file(self, element_id, path):
        """Chooses `path` in the <input type=file> with this id, as the file picker would (input.setFiles)."""
        reply = self._call("script.evaluate", {
            "expression": f"document.getElementById({json.dumps(element_id)})", "awaitPromise": False,
            "target": {"context": self.context}})
        node = reply.get("result", {})
        if node.get("type") != "node" or "sharedId" not in node:
            raise ProtocolError(f"no element #{element_id} to set a file on")
        self._call("input.setFiles", {"context": self.context, "element": {"sharedId": node["sharedId"]}, "files": [path]})

    def set_viewport(self, width, height, mobile):
        # Firefox desktop has no mobile emulation over BiDi; the page's viewport meta is
        # width=device-width, so the layout width is the viewport width either way.
        self._call("browsingContext.setViewport", {"context": self.context, "viewport": {"width": width, "height": height},
                                                   "devicePixelRatio": 1})

    def screenshot(self, whole_page):
        reply = self._call("browsingContext.captureScreenshot", {
            "context": self.context, "origin": "document" if whole_page else "viewport", "format": {"type": "image/png"}})
        return base64.b64decode(reply["data"])

    def close(self):
        self.rpc.close_browser("browser.close", self.browser)
