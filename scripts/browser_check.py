#!/usr/bin/env python3
"""Drives the page of a running `reme serve` in a real headless browser, the way a user would:
drop (or pick) an image, type labels, press Segment, wait for the overlay, hover it, switch a
class off and on, take a desktop and a phone-sized screenshot (docs/serve.md, "Tests").

Firefox is driven over WebDriver BiDi, Chromium over the Chrome DevTools Protocol, both through
the small WebSocket client in scripts/browser/ (Python standard library only; Debian's python3).

Usage:
  scripts/browser_check.py firefox --base-url http://127.0.0.1:8080 --image photo.png \\
      --labels sky,road,tree --out /tmp/shots

Prints a JSON summary on stdout (screenshots are written to --out). Exits 0 when every check
passed, 1 when a check failed or a step could not be carried out (the reason on stderr). The
browser is always stopped and its temporary profile removed; --timeout bounds the whole run.
"""
import argparse
import json
import os
import shutil
import signal
import sys
import time

sys.dont_write_bytecode = True  # run from the source tree (by the tests): leave no __pycache__ there
from browser import scenario  # noqa: E402
from browser.bidi import FirefoxDriver  # noqa: E402
from browser.cdp import ChromiumDriver  # noqa: E402

DRIVERS = {"firefox": (FirefoxDriver, ["firefox-esr", "firefox"]), "chromium": (ChromiumDriver, ["chromium", "chromium-browser"])}


class OutOfTime(Exception):
    pass


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("browser", choices=sorted(DRIVERS))
    parser.add_argument("--base-url", required=True, help="where `reme serve` listens, e.g. http://127.0.0.1:8080")
    parser.add_argument("--image", required=True, help="a PNG or JPEG file to segment")
    parser.add_argument("--labels", required=True, help="comma-separated labels to type")
    parser.add_argument("--out", required=True, help="folder for the screenshots (created if missing)")
    parser.add_argument("--deliver", choices=["drop", "file"], default="drop", help="drop the image on the page, or choose it in the file input")
    parser.add_argument("--submit", choices=["click", "enter"], default="click", help="click Segment, or press Enter in the labels field")
    parser.add_argument("--opacity", default="1", help="overlay opacity, set through the page's link fragment")
    parser.add_argument("--executable", help="the browser binary (default: found on PATH)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for the whole run, browser start included")
    parser.add_argument("--result-timeout", type=float, default=60, help="seconds to wait for the segmentation")
    return parser.parse_args()


def main():
    args = parse_arguments()
    labels = [label.strip() for label in args.labels.split(",") if label.strip()]
    driver_type, names = DRIVERS[args.browser]
    executable = args.executable or next(filter(None, map(shutil.which, names)), None)
    if executable is None:
        message = f"none of {', '.join(names)} is installed"
        return report(args.browser, {"browser": args.browser, "ok": False, "error": message, "failures": [message]})
    os.makedirs(args.out, exist_ok=True)

    def out_of_time(signum, frame):
        raise OutOfTime(f"the whole run took longer than --timeout {args.timeout:.0f} s")

    def stopped(signum, frame):
        raise SystemExit(f"browser_check: stopped by signal {signum}")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, stopped)
    signal.alarm(max(1, int(args.timeout)))
    deadline = time.monotonic() + args.timeout
    started = time.monotonic()
    summary, driver = {"browser": args.browser}, None
    try:
        driver = driver_type(executable, min(30.0, args.timeout))
        failures = scenario.run(driver, args.base_url, args.image, labels, args.out, args.deliver, args.submit,
                                args.opacity, args.result_timeout, deadline, summary)
    except scenario.StepError as error:
        summary["error"] = str(error)
    except Exception as error:  # launch, protocol and time-limit errors: reported, never a traceback
        summary["error"] = f"{type(error).__name__}: {error}"
    finally:
        signal.alarm(0)
        if driver is not None:
            driver.close()
    if "error" in summary:
        failures = [summary["error"]]
    summary.update(seconds=round(time.monotonic() - started, 2), failures=failures, ok=not failures)
    return report(args.browser, summary)


def report(browser, summary):
    """The summary on stdout, each failure on stderr; the exit status."""
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    for failure in summary["failures"]:
        print(f"browser_check: {browser}: {failure}", file=sys.stderr)
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
