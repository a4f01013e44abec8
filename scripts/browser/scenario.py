"""One round trip through the page of `reme serve`, the same in every browser: deliver an image
(drop or file picker), type the labels, start the segmentation, wait for the overlay, hover it,
switch a class off and on, take a desktop and a phone-sized screenshot. Fills a summary and
returns the list of failed checks; raises StepError when a step cannot be carried out at all."""
import base64
import math
import os
import re
import time

from . import pagejs

DESKTOP = (1200, 900)
PHONE = (390, 844)
# "(x, y) name — confidence 0.73", as the page writes its hover readout.
READOUT = re.compile(r"^\((\d+), (\d+)\) (.+) — confidence (\d+(?:\.\d+)?)$")


class StepError(Exception):
    pass


class Steps:
    """Runs named steps, times them, and names the step in any error."""

    def __init__(self, deadline):
        self.deadline = deadline
        self.timings = {}

    def run(self, name, action):
        if time.monotonic() > self.deadline:
            raise StepError(f"{name}: the overall time limit ran out before this step")
        started = time.monotonic()
        try:
            return action()
        except StepError:
            raise
        except Exception as error:
            raise StepError(f"{name}: {type(error).__name__}: {error}") from error
        finally:
            self.timings[name] = round(time.monotonic() - started, 3)

    def poll(self, name, probe, timeout, describe):
        """Calls probe() until it returns something truthy; fails with describe(last) after timeout s."""
        def wait():
            end = min(self.deadline, time.monotonic() + timeout)
            while True:
                last = probe()
                if last:
                    return last
                if time.monotonic() > end:
                    raise StepError(f"{name}: not done after {timeout:.0f} s ({describe(last)})")
                time.sleep(0.1)
        return self.run(name, wait)


def run(driver, base_url, image_path, labels, out_dir, deliver, submit, opacity, result_timeout, deadline, summary):
    """Fills `summary` as it goes (so a failed run still reports how far it got); returns the failed checks."""
    steps = Steps(deadline)
    failures = []
    summary.update(browser=driver.name, version=driver.version, deliver=deliver, submit=submit, labels=labels, timings_s=steps.timings)

    def check(condition, message):
        if not condition:
            failures.append(message)

    with open(image_path, "rb") as f:
        image = f.read()
    image_type = "image/png" if image.startswith(b"\x89PNG") else "image/jpeg"

    steps.run("set the desktop viewport", lambda: driver.set_viewport(*DESKTOP, mobile=False))
    # The page's own link fragment sets the overlay opacity (docs/serve.md, "The page").
    steps.run("open the page", lambda: driver.navigate(f"{base_url.rstrip('/')}/#opacity={opacity}"))
    steps.poll("wait for the page", lambda: driver.call(pagejs.PAGE_READY), 10, lambda _: "no #drop, #run and #overlay")
    steps.run("install the page helpers", lambda: driver.call(pagejs.INSTALL))

    if deliver == "drop":
        dropped = steps.run("drop the image", lambda: driver.call(pagejs.DROP, base64.b64encode(image).decode(),
                                                                   os.path.basename(image_path), image_type))
        summary["drop"] = dropped
        check(dropped["files"] == 1, "the DataTransfer did not carry the file")
        check(dropped["dragover_accepted"], "the drop zone did not accept dragover (no preventDefault)")
        check(dropped["highlighted_while_dragging"] and dropped["highlight_cleared"], "the drop zone did not highlight during the drag")
    else:
        steps.run("choose the image in the file input", lambda: driver.set_file("file", os.path.abspath(image_path)))
    shown = steps.poll("show the original", lambda: driver.call(pagejs.ORIGINAL_SHOWN), 10, lambda _: "#original has not loaded")
    summary["original_size"] = shown

    labels_text = ", ".join(labels)
    where = steps.run("find the labels field", lambda: driver.call(pagejs.CENTRE_OF, "labels"))
    steps.run("click the labels field", lambda: driver.click(where["x"], where["y"]))
    steps.run("type the labels", lambda: driver.type_text(labels_text))
    form = steps.run("read the form", lambda: driver.call(pagejs.FORM))
    summary["form"] = form
    check(form["labels"] == labels_text, f"the labels field holds {form['labels']!r}, typed {labels_text!r}")
    if not form["run_enabled"]:
        raise StepError(f"start the segmentation: the Segment button is still disabled ({form})")

    if submit == "enter":
        steps.run("press Enter in the labels field", driver.press_enter)
    else:
        button = steps.run("find the Segment button", lambda: driver.call(pagejs.CENTRE_OF, "run"))
        steps.run("click Segment", lambda: driver.click(button["x"], button["y"]))

    def finished():
        progress = driver.call(pagejs.PROGRESS)
        if progress["error"]:
            raise StepError(f"wait for the result: the page reports an error: {progress['status']}")
        return progress if progress["done"] else None
    progress = steps.poll("wait for the result", finished, result_timeout, lambda _: "no overlay yet")
    summary["status"] = progress["status"]

    result = steps.run("read the overlay", lambda: driver.call(pagejs.RESULT))
    summary["overlay"] = result
    check(shown and [result["width"], result["height"]] == shown, f"overlay {result['width']}×{result['height']}, image {shown}")
    check(result["tinted_fraction"] > 0, "the overlay does not differ from the photo anywhere")
    check(len(result["legend"]) > 0 and all(e.get("name") in labels for e in result["legend"]), "the legend does not list the labels")

    # Hover: a real pointer move over a quarter of the way into the overlay.
    point = steps.run("find a pixel of the overlay", lambda: driver.call(pagejs.OVERLAY_POINT, 0.25, 0.25))
    steps.run("hover the overlay", lambda: driver.move_pointer(point["x"], point["y"]))

    def readout():
        text = driver.call(pagejs.HOVER_TEXT)
        return text if READOUT.match(text["readout"]) else None
    hover = steps.poll("read the hover readout", readout, 5, lambda _: "the readout did not change")
    match = READOUT.match(hover["readout"])
    hovered = {"x": int(match[1]), "y": int(match[2]), "label": match[3], "confidence": float(match[4]),
               "readout": hover["readout"], "tooltip": hover["tooltip"], "tooltip_shown": hover["tooltip_shown"],
               "expected_x": point["pixel_x"], "expected_y": point["pixel_y"]}
    summary["hover"] = hovered
    check(hovered["label"] in labels, f"the hover readout names {hovered['label']!r}, not one of the labels")
    check(0 <= hovered["confidence"] <= 1, f"confidence {hovered['confidence']} is outside 0…1")
    check(abs(hovered["x"] - point["pixel_x"]) <= 1 and abs(hovered["y"] - point["pixel_y"]) <= 1,
          f"the readout is for pixel ({hovered['x']}, {hovered['y']}), the pointer is over ({point['pixel_x']}, {point['pixel_y']})")
    check(hover["tooltip_shown"] and hovered["label"] in hover["tooltip"], "the tooltip does not show the hovered class")

    # Toggle the hovered class off and on with real clicks on its legend checkbox.
    name = hovered["label"]
    box = steps.run("find the class's checkbox", lambda: driver.call(pagejs.TOGGLE_PREPARE, name))
    if box is None:
        raise StepError(f"toggle: the legend has no entry for {name!r}")
    steps.run("switch the class off", lambda: driver.click(box["x"], box["y"]))
    off = steps.run("read the overlay without the class", lambda: driver.call(pagejs.TOGGLE_STATE, name, hovered["x"], hovered["y"]))
    steps.run("switch the class on", lambda: driver.click(box["x"], box["y"]))
    on = steps.run("read the restored overlay", lambda: driver.call(pagejs.TOGGLE_STATE, name, hovered["x"], hovered["y"]))
    share = next((e["share"] for e in result["legend"] if e["name"] == name), None)
    summary["toggle"] = {"label": name, "legend_share": share, "off": off, "on": on}
    check(not off["checked"] and off["dimmed"], "the class's checkbox did not switch off")
    check(off["changed_pixels"] > 0 and off["hovered_pixel_changed"], "switching the class off did not change the overlay")
    check(off["hovered_pixel_is_photo"], "with the class off, the hovered pixel does not show the photo")
    # Only that class's pixels may change (the share is rounded to 0.1 %).
    check(share is not None and off["changed_pixels"] <= math.ceil((share + 0.0005) * off["pixels"]),
          f"{off['changed_pixels']} pixels changed, more than the class's share {share}")
    check(on["checked"] and not on["dimmed"] and on["changed_pixels"] == 0, "switching the class on did not restore the overlay")

    # Screenshots: desktop (the viewport, scrolled to the top, pointer off the overlay) and phone (the whole page).
    steps.run("move the pointer away", lambda: driver.move_pointer(2, 2))
    steps.run("scroll to the top", lambda: driver.call(pagejs.SCROLL_TOP))
    steps.run("settle the desktop layout", lambda: driver.call(pagejs.SETTLE))
    desktop = steps.run("measure the desktop layout", lambda: driver.call(pagejs.LAYOUT))
    desktop["screenshot"] = save(out_dir, f"{driver.name}-desktop.png", steps.run("desktop screenshot", lambda: driver.screenshot(False)))
    summary["desktop"] = desktop

    steps.run("set the phone viewport", lambda: driver.set_viewport(*PHONE, mobile=True))
    steps.run("settle the phone layout", lambda: driver.call(pagejs.SETTLE))
    phone = steps.run("measure the phone layout", lambda: driver.call(pagejs.LAYOUT))
    # Chromium's mobile emulation widens the layout viewport to wide content instead of scrolling,
    # so the window must also still be the phone's width.
    phone["no_horizontal_scroll"] = phone["scroll_width"] <= phone["inner_width"] and phone["inner_width"] == PHONE[0]
    phone["screenshot"] = save(out_dir, f"{driver.name}-phone.png", steps.run("phone screenshot", lambda: driver.screenshot(True)))
    summary["phone"] = phone
    check(phone["inner_width"] == PHONE[0], f"the phone window is {phone['inner_width']} px wide, not {PHONE[0]} (content wider than the phone)")
    check(phone["scroll_width"] <= phone["inner_width"], f"the phone layout scrolls sideways: scrollWidth {phone['scroll_width']} > innerWidth {phone['inner_width']}")
    overlay = phone["rects"]["overlay"]
    check(overlay["x"] >= 0 and overlay["x"] + overlay["width"] <= PHONE[0] + 0.5, "the overlay does not fit the phone's width")
    return failures


def save(out_dir, name, data):
    path = os.path.join(out_dir, name)
    with open(path, "wb") as f:
        f.write(data)
    return os.path.abspath(path)
