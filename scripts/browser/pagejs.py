"""The JavaScript the checks run inside the page of `reme serve` (Sources/ReMEServer/WebPage.swift):
each constant is the source of one function, called through a driver's call(function, *args)
with JSON-able arguments and result. Element ids and data- attributes are the page's."""

# Helpers the other functions use, installed once per page load as window.__check.
INSTALL = r"""() => {
  const $ = (id) => document.getElementById(id);
  const canvas = () => $("overlay");
  const overlay = () => { const c = canvas(); return c.getContext("2d").getImageData(0, 0, c.width, c.height).data; };
  const photo = (w, h) => {
    const c = document.createElement("canvas"); c.width = w; c.height = h;
    const g = c.getContext("2d"); g.imageSmoothingEnabled = false;
    g.drawImage($("original"), 0, 0, w, h); return g.getImageData(0, 0, w, h).data;
  };
  const differing = (a, b) => { let n = 0; for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++; return n; };
  const same = (a, b, p) => a[4 * p] === b[4 * p] && a[4 * p + 1] === b[4 * p + 1] && a[4 * p + 2] === b[4 * p + 2];
  const item = (name) => [...document.querySelectorAll("#legend li")].find((li) => li.dataset.class === name);
  const centre = (element) => {
    element.scrollIntoView({ block: "nearest", inline: "nearest" });
    const r = element.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  };
  const rect = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  };
  window.__check = { $, canvas, overlay, photo, differing, same, item, centre, rect };
  return true;
}"""

PAGE_READY = r"""() => !!(document.getElementById("drop") && document.getElementById("run") && document.getElementById("overlay"))"""

# A File made in the page from the bytes, in a DataTransfer, dispatched as a user's drag would
# arrive on the drop zone: dragenter, dragover, drop.
DROP = r"""(base64, name, type) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type }));
  const zone = __check.$("drop");
  const fire = (kind) => zone.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: data }));
  const entered = !fire("dragenter"), highlighted = zone.classList.contains("over");
  const accepted = !fire("dragover");
  fire("drop");
  return { files: data.files.length, dragenter_handled: entered, highlighted_while_dragging: highlighted, dragover_accepted: accepted,
           highlight_cleared: !zone.classList.contains("over"), drop_zone_text: zone.textContent };
}"""

ORIGINAL_SHOWN = r"""() => { const i = __check.$("original"); return i.complete && i.naturalWidth > 0 ? [i.naturalWidth, i.naturalHeight] : null; }"""

CENTRE_OF = r"""(id) => __check.centre(__check.$(id))"""

FORM = r"""() => ({ labels: __check.$("labels").value, run_enabled: !__check.$("run").disabled, drop_zone_text: __check.$("drop").textContent })"""

PROGRESS = r"""() => ({ done: document.body.dataset.done === "1", status: __check.$("status").textContent,
                        error: __check.$("status").classList.contains("error") })"""

# What the round trip drew: the overlay canvas against the photo, the legend, the downloads.
RESULT = r"""() => {
  const c = __check.canvas(), w = c.width, h = c.height;
  const tinted = __check.differing(__check.overlay(), __check.photo(w, h));
  const legend = [...document.querySelectorAll("#legend li")].map((li) => ({
    name: li.dataset.class, share: parseFloat(li.querySelector(".share").textContent) / 100,
    checked: li.querySelector("input[type=checkbox]").checked,
    swatch: getComputedStyle(li.querySelector(".swatch")).backgroundColor }));
  return { width: w, height: h, tinted_fraction: tinted / (w * h), legend,
           downloads: [...document.querySelectorAll("#downloads a")].map((a) => a.textContent) };
}"""

# Where the pointer must go for image pixel (fx·width, fy·height) of the overlay, in viewport coordinates.
OVERLAY_POINT = r"""(fx, fy) => {
  const c = __check.canvas(); c.scrollIntoView({ block: "nearest", inline: "nearest" });
  const r = c.getBoundingClientRect();
  const x = r.left + r.width * fx, y = r.top + r.height * fy;
  return { x, y, pixel_x: Math.floor((Math.round(x) - r.left) * c.width / r.width), pixel_y: Math.floor((Math.round(y) - r.top) * c.height / r.height) };
}"""

HOVER_TEXT = r"""() => ({ readout: __check.$("hover").textContent, tooltip: __check.$("tooltip").textContent,
                         tooltip_shown: getComputedStyle(__check.$("tooltip")).display !== "none" })"""

# Before a toggle: keep the overlay's pixels and say where the class's checkbox is.
TOGGLE_PREPARE = r"""(name) => {
  const li = __check.item(name);
  if (!li) return null;
  __check.before = __check.overlay();
  return __check.centre(li.querySelector("input[type=checkbox]"));
}"""

# After a toggle: how many overlay pixels differ from before, and what the hovered pixel shows.
TOGGLE_STATE = r"""(name, x, y) => {
  const li = __check.item(name), c = __check.canvas(), now = __check.overlay(), p = y * c.width + x;
  return { checked: li.querySelector("input[type=checkbox]").checked, dimmed: li.classList.contains("off"),
           changed_pixels: __check.differing(__check.before, now), pixels: c.width * c.height,
           hovered_pixel_changed: !__check.same(__check.before, now, p),
           hovered_pixel_is_photo: __check.same(__check.photo(c.width, c.height), now, p) };
}"""

# After the next animation frames (a resize or scroll has been laid out).
SETTLE = r"""() => new Promise((resolve) => {
  const done = () => resolve(true);
  requestAnimationFrame(() => requestAnimationFrame(done)); setTimeout(done, 500);
})"""

SCROLL_TOP = r"""() => { scrollTo(0, 0); return true; }"""

# Layout: element rectangles in document coordinates (CSS pixels) and the page's scroll extent.
LAYOUT = r"""() => ({ inner_width: innerWidth, inner_height: innerHeight, device_pixel_ratio: devicePixelRatio,
  scroll_width: document.documentElement.scrollWidth, scroll_height: document.documentElement.scrollHeight,
  client_width: document.documentElement.clientWidth,
  rects: { original: __check.rect("#original"), overlay: __check.rect("#overlay"), legend: __check.rect("#legend"), form: __check.rect("#form") },
  smallest_font_px: Math.min(...[...document.querySelectorAll("body *")].filter((e) => e.offsetParent && e.textContent.trim())
    .map((e) => parseFloat(getComputedStyle(e).fontSize))) })"""
