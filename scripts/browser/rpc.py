"""Commands and answers over a WebSocket, as both the Chrome DevTools Protocol and WebDriver BiDi
exchange them: {"id", "method", "params"} out, the message with the same id back; messages
without an id are events, which these checks never subscribe to and skip."""
import json
import time

from .websocket import WebSocket


class ProtocolError(Exception):
    pass


class Connection:
    def __init__(self, url, timeout):
        self.socket = WebSocket(url, timeout)
        self.next_id = 0

    def call(self, method, params, timeout):
        self.next_id += 1
        ident = self.next_id
        self.socket.send_text(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = json.loads(self.socket.receive_text(deadline))
            except TimeoutError:
                raise TimeoutError(f"{method}: no answer within {timeout:.0f} s") from None
            if message.get("id") != ident:
                continue
            error = message.get("error")
            if error is not None:
                # CDP: {"error": {"code", "message"}}; BiDi: {"type": "error", "error": code, "message"}.
                if isinstance(error, dict):
                    raise ProtocolError(f"{method}: {error.get('message')} ({error.get('code')})")
                raise ProtocolError(f"{method}: {error}: {message.get('message')}")
            return message.get("result", {})

    def close(self):
        self.socket.close()

    def close_browser(self, method, browser):
        """Asks the browser to quit with `method` (it may drop the connection while closing),
        closes this connection and stops the browser's processes whatever happened."""
        try:
            self.call(method, {}, 5)
        except Exception:
            pass
        try:
            self.close()
        except OSError:
            pass
        browser.stop()
