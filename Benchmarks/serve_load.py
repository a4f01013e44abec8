#!/usr/bin/env python3
"""Load generator for `reme serve` (plain Python 3, standard library only).

N client threads each send M requests `POST /v1/segment` (raw image body, labels as a query
parameter) over keep-alive connections to a server on this machine, and print one JSON line:
clients, requests, ok, statuses, wall seconds, requests per second, p50/p95/p99 latency (ms).
Loopback only: the host must be 127.0.0.1 or localhost.

    python3 Benchmarks/serve_load.py --port 8080 --image photo.jpg --labels "a,b,c" --clients 4 --requests 20
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--requests", type=int, default=10, help="per client")
    ap.add_argument("--token")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table row instead of JSON")
    args = ap.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("serve_load.py only targets this machine (127.0.0.1, localhost, ::1)")
    body = open(args.image, "rb").read()
    ctype = "image/png" if body[:4] == b"\x89PNG" else "image/jpeg"
    path = "/v1/segment?labels=" + urllib.parse.quote(args.labels)
    headers = {"Content-Type": ctype}
    if args.token:
        headers["Authorization"] = "Bearer " + args.token
    latencies, statuses, lock = [], {}, threading.Lock()

    def client():
        conn = http.client.HTTPConnection(args.host, args.port, timeout=600)
        for _ in range(args.requests):
            start = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                conn.close()
                conn = http.client.HTTPConnection(args.host, args.port, timeout=600)
            elapsed = time.perf_counter() - start
            with lock:
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status == 200:
                    latencies.append(elapsed)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    latencies.sort()

    def pct(p):
        if not latencies:
            return None
        return round(1000 * latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))], 1)

    result = {"clients": args.clients, "requests": args.clients * args.requests, "ok": len(latencies),
              "statuses": statuses, "wall_s": round(wall, 3), "rps": round(len(latencies) / wall, 3),
              "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99)}
    if args.markdown:
        print("| {clients} | {requests} | {ok} | {rps:.2f} | {p50_ms} | {p95_ms} | {p99_ms} |".format(**result))
    else:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
