"""A minimal WebSocket client (RFC 6455) over a plain TCP socket: the opening handshake, masked
client frames, fragmented and unfragmented text messages, ping/pong and close. Enough for the
browsers' local debugging endpoints (ws:// on 127.0.0.1); no TLS, no extensions."""
import base64
import hashlib
import os
import socket
import struct
import time
from urllib.parse import urlsplit

# RFC 6455 section 1.3: the server proves the handshake by hashing the key with this GUID.
HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CONTINUATION, CLOSE, PING, PONG = 0x1, 0x2, 0x0, 0x8, 0x9, 0xA


class WebSocketError(Exception):
    pass


class WebSocket:
    def __init__(self, url, timeout):
        parts = urlsplit(url)
        if parts.scheme != "ws" or not parts.hostname or not parts.port:
            raise WebSocketError(f"expected ws://host:port/path, got {url!r}")
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self.buffer = b""
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buffer:
            self._fill(deadline)
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        if len(lines[0].split()) < 2 or lines[0].split()[1] != "101":
            raise WebSocketError(f"handshake with {url} refused: {lines[0]!r}")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        expected = base64.b64encode(hashlib.sha1((key + HANDSHAKE_GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            raise WebSocketError(f"handshake with {url}: wrong Sec-WebSocket-Accept")

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no message from the browser in time")
        self.sock.settimeout(remaining)
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise WebSocketError("the browser closed the connection")
        self.buffer += chunk

    def _read(self, n, deadline):
        while len(self.buffer) < n:
            self._fill(deadline)
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode, payload):
        n = len(payload)
        if n < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        # Client frames are masked (section 5.3): XOR with the key repeated, done as one big integer.
        key = (mask * (n // 4 + 1))[:n]
        masked = (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big") if n else b""
        self.sock.sendall(header + mask + masked)

    def send_text(self, text):
        self._send_frame(TEXT, text.encode("utf-8"))

    def receive_text(self, deadline):
        """The next complete text message; answers pings, raises on close."""
        kind, parts = TEXT, []
        while True:
            first, second = self._read(2, deadline)
            fin, opcode = first & 0x80, first & 0x0F
            n = second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2, deadline))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8, deadline))[0]
            mask = self._read(4, deadline) if second & 0x80 else None
            payload = self._read(n, deadline)
            if mask:
                key = (mask * (n // 4 + 1))[:n]
                payload = (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big") if n else b""
            if opcode == PING:
                self._send_frame(PONG, payload)
            elif opcode == PONG:
                continue
            elif opcode == CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                raise WebSocketError(f"the browser closed the connection (code {code}, {payload[2:].decode(errors='replace')!r})")
            else:
                if opcode != CONTINUATION:
                    kind, parts = opcode, []
                parts.append(payload)
                if fin:
                    message = b"".join(parts)
                    if kind != TEXT:
                        raise WebSocketError("unexpected binary message")
                    return message.decode("utf-8")

    def close(self):
        try:
            self._send_frame(CLOSE, struct.pack("!H", 1000))
        except OSError:
            pass
        self.sock.close()
