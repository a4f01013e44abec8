// swift-format-ignore-file

/// The page served at `/` (docs/serve.md, "The page"): everything inline, nothing fetched from elsewhere.
/// It posts the picked image to `v1/segment`, draws the overlay itself from `label_png` (palette colour → class
/// id) so classes can be toggled, and reads `confidence_png` for the value under the pointer. The element ids and
/// the legend entries' `data-class` are what scripts/browser_check.py drives (docs/serve.md, "The page in real browsers").
enum WebPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reme — open-vocabulary segmentation</title>
<style>
:root { --fg: #1d1d1f; --muted: #6e6e73; --line: #d2d2d7; --accent: #0a58ca; --bg: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, Segoe UI, Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 12px 16px; border-bottom: 1px solid var(--line); background: #fff; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; }
header h1 { font-size: 18px; margin: 0; }
header span { color: var(--muted); font-size: 13px; }
main { padding: 16px; max-width: 1400px; margin: 0 auto; }
form { display: grid; grid-template-columns: 1fr; gap: 10px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
@media (min-width: 800px) { form { grid-template-columns: 1.2fr 2fr auto; align-items: end; } }
label { display: block; font-size: 13px; color: var(--muted); }
input[type=text], input[type=password] { width: 100%; padding: 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
#drop { border: 2px dashed var(--line); border-radius: 8px; padding: 10px; text-align: center; cursor: pointer; color: var(--muted); min-height: 44px; }
#drop.over { border-color: var(--accent); color: var(--accent); }
button, .button { padding: 9px 16px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; font: inherit;
  cursor: pointer; text-decoration: none; display: inline-block; }
button:disabled { opacity: .5; cursor: default; }
.secondary { background: #e8e8ed; color: var(--fg); }
#status { margin: 10px 0; min-height: 1.4em; color: var(--muted); }
#status.error { color: #b00020; }
#views { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; flex: 1 1 320px; min-width: 0; }
figure img, figure canvas { width: 100%; height: auto; display: block; border-radius: 6px; background: #eee; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; min-height: 1.4em; }
#side { flex: 0 1 260px; min-width: 200px; }
#legend { list-style: none; padding: 0; margin: 0 0 12px; }
#legend li { display: flex; align-items: center; gap: 8px; padding: 3px 0; }
#legend .swatch { width: 22px; height: 22px; border-radius: 4px; flex: none; border: 1px solid rgba(0,0,0,.15); }
#legend .share { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
#legend li.off { opacity: .45; }
details { margin-top: 12px; }
#downloads { display: flex; flex-wrap: wrap; gap: 8px; }
#tooltip { position: fixed; pointer-events: none; background: rgba(0,0,0,.8); color: #fff; padding: 3px 7px; border-radius: 4px; font-size: 12px; display: none; z-index: 2; }
</style>
</head>
<body>
<header><h1>reme</h1><span>label every pixel with any list of class names</span><span id="server"></span></header>
<main>
<form id="form">
  <div>
    <label for="file">Image (JPEG or PNG)</label>
    <div id="drop" tabindex="0">Drop an image here or click to pick one</div>
    <input id="file" type="file" accept="image/jpeg,image/png" hidden>
  </div>
  <div>
    <label for="labels">Labels, comma-separated (free-form phrases are fine)</label>
    <input id="labels" type="text" placeholder="person, dog, sofa, floor, wall" autocomplete="off">
  </div>
  <div><button id="run" type="submit" disabled>Segment</button></div>
  <details>
    <summary>Settings</summary>
    <label for="token">Token (when the server requires one; kept in this browser)</label>
    <input id="token" type="password" autocomplete="off">
    <label for="opacity">Overlay opacity</label>
    <input id="opacity" type="range" min="0" max="1" step="0.05" value="0.5">
  </details>
</form>
<p id="status" role="status"></p>
<div id="views">
  <figure><img id="original" alt="the image you picked"><figcaption>original</figcaption></figure>
  <figure><canvas id="overlay" width="1" height="1"></canvas><figcaption id="hover">overlay — hover for class and confidence</figcaption></figure>
  <aside id="side">
    <ul id="legend"></ul>
    <div id="downloads"></div>
  </aside>
</div>
<div id="tooltip"></div>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const state = { file: null, result: null, photo: null, ids: null, conf: null, enabled: new Set(), colors: [] };
$("token").value = localStorage.getItem("reme-token") || "";
$("token").addEventListener("change", () => localStorage.setItem("reme-token", $("token").value));
$("opacity").addEventListener("input", render);

function status(text, error) { $("status").textContent = text; $("status").className = error ? "error" : ""; }
function ready() { $("run").disabled = !(state.file && $("labels").value.trim()); }
$("labels").addEventListener("input", ready);

function pick(file) {
  if (!file) return;
  state.file = file;
  $("original").src = URL.createObjectURL(file);
  $("drop").textContent = file.name || "image";
  ready();
}
$("drop").addEventListener("click", () => $("file").click());
$("drop").addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") $("file").click(); });
$("file").addEventListener("change", () => pick($("file").files[0]));
for (const t of ["dragenter", "dragover"]) $("drop").addEventListener(t, (e) => { e.preventDefault(); $("drop").classList.add("over"); });
for (const t of ["dragleave", "drop"]) $("drop").addEventListener(t, (e) => { e.preventDefault(); $("drop").classList.remove("over"); });
$("drop").addEventListener("drop", (e) => pick(e.dataTransfer.files[0]));
document.addEventListener("paste", (e) => { const f = [...e.clipboardData.files][0]; if (f) pick(f); });

function headers() { const t = $("token").value; return t ? { Authorization: "Bearer " + t } : {}; }

async function run(e) {
  if (e) e.preventDefault();
  if (!state.file) return;
  const form = new FormData();
  form.append("image", state.file, state.file.name || "image");
  form.append("labels", $("labels").value);
  $("run").disabled = true;
  status("segmenting…");
  const started = performance.now();
  try {
    const response = await fetch("v1/segment", { method: "POST", body: form, headers: headers() });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.statusText;
      status(`${response.status}: ${message}`, true);
      return;
    }
    await show(body);
    status(`${body.width}×${body.height}, ${body.segments} segments, ${Math.round(performance.now() - started)} ms`);
    document.body.dataset.done = "1";
  } catch (err) {
    status("request failed: " + err, true);
  } finally { ready(); }
}
$("form").addEventListener("submit", run);

function loadImage(src) {
  return new Promise((resolve, reject) => { const i = new Image(); i.onload = () => resolve(i); i.onerror = reject; i.src = src; });
}
function pixels(img, w, h) {
  const c = document.createElement("canvas"); c.width = w; c.height = h;
  const g = c.getContext("2d", { willReadFrequently: true }); g.imageSmoothingEnabled = false;
  g.drawImage(img, 0, 0, w, h); return g.getImageData(0, 0, w, h).data;
}
function hex(c) { return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)); }

async function show(result) {
  state.result = result;
  const w = result.width, h = result.height;
  const [photo, labels, conf] = await Promise.all([loadImage($("original").src),
    loadImage("data:image/png;base64," + result.label_png), loadImage("data:image/png;base64," + result.confidence_png)]);
  state.photo = pixels(photo, w, h);
  state.colors = result.classes.map((c) => hex(c.color));
  const byColor = new Map(state.colors.map((c, i) => [c.join(","), i]));
  const rgba = pixels(labels, w, h), gray = pixels(conf, w, h);
  state.ids = new Int32Array(w * h); state.conf = new Float32Array(w * h);
  for (let p = 0; p < w * h; p++) {
    const id = byColor.get(`${rgba[4 * p]},${rgba[4 * p + 1]},${rgba[4 * p + 2]}`);
    state.ids[p] = id === undefined ? -1 : id;
    state.conf[p] = gray[4 * p] / 255;
  }
  state.enabled = new Set(result.classes.map((c) => c.id));
  legend(); render(); downloads();
}

function legend() {
  const ul = $("legend"); ul.textContent = "";
  const classes = state.result.classes.filter((c) => c.share > 0).sort((a, b) => b.share - a.share);
  for (const c of classes) {
    const li = document.createElement("li"); li.dataset.class = c.name;
    const box = document.createElement("input"); box.type = "checkbox"; box.checked = state.enabled.has(c.id);
    box.title = "show or hide this class";
    box.addEventListener("change", () => { box.checked ? state.enabled.add(c.id) : state.enabled.delete(c.id); li.classList.toggle("off", !box.checked); render(); });
    const sw = document.createElement("span"); sw.className = "swatch"; sw.style.background = c.color;
    const name = document.createElement("span"); name.textContent = c.name;
    const share = document.createElement("span"); share.className = "share";
    share.textContent = `${(100 * c.share).toFixed(1)}% · ${c.mean_confidence.toFixed(2)}`;
    share.title = "pixel share · mean confidence";
    li.append(box, sw, name, share); ul.append(li);
  }
}

function render() {
  if (!state.result) return;
  const w = state.result.width, h = state.result.height, a = parseFloat($("opacity").value);
  const canvas = $("overlay"); canvas.width = w; canvas.height = h;
  const g = canvas.getContext("2d"); const out = g.createImageData(w, h);
  for (let p = 0; p < w * h; p++) {
    const id = state.ids[p], on = id >= 0 && state.enabled.has(id), c = on ? state.colors[id] : null;
    for (let k = 0; k < 3; k++) out.data[4 * p + k] = on ? Math.round(state.photo[4 * p + k] * (1 - a) + c[k] * a) : state.photo[4 * p + k];
    out.data[4 * p + 3] = 255;
  }
  g.putImageData(out, 0, 0);
}

function downloads() {
  const d = $("downloads"); d.textContent = "";
  const link = (text, href, name) => {
    const a = document.createElement("a"); a.className = "button secondary"; a.textContent = text; a.href = href; a.download = name; d.append(a);
  };
  link("label PNG", "data:image/png;base64," + state.result.label_png, "labels.png");
  link("overlay PNG", "data:image/png;base64," + state.result.overlay_png, "overlay.png");
  link("JSON", URL.createObjectURL(new Blob([JSON.stringify(state.result, null, 1)], { type: "application/json" })), "segmentation.json");
}

function hover(e) {
  if (!state.result) return;
  const canvas = $("overlay"), r = canvas.getBoundingClientRect();
  const x = Math.floor((e.clientX - r.left) * state.result.width / r.width), y = Math.floor((e.clientY - r.top) * state.result.height / r.height);
  if (x < 0 || y < 0 || x >= state.result.width || y >= state.result.height) return;
  const p = y * state.result.width + x, id = state.ids[p];
  const text = id >= 0 ? `${state.result.classes[id].name} — confidence ${state.conf[p].toFixed(2)}` : "unlabelled";
  $("hover").textContent = `(${x}, ${y}) ${text}`;
  const tip = $("tooltip"); tip.textContent = text; tip.style.display = "block";
  tip.style.left = (e.clientX + 12) + "px"; tip.style.top = (e.clientY + 12) + "px";
}
$("overlay").addEventListener("mousemove", hover);
$("overlay").addEventListener("mouseleave", () => { $("tooltip").style.display = "none"; });

// A link can carry a run: #labels=a,b&opacity=0.5&image=data:image/png;base64,… (the image stays in the browser).
(async function fromFragment() {
  const args = new URLSearchParams(location.hash.slice(1));
  if (args.has("labels")) $("labels").value = args.get("labels");
  if (args.has("opacity")) $("opacity").value = args.get("opacity");
  if (args.has("image")) {
    const blob = await (await fetch(args.get("image"))).blob();
    pick(new File([blob], "linked image", { type: blob.type }));
    await run();
  }
  ready();
})();
fetch("readyz").then((r) => r.json()).then((j) => { $("server").textContent = j.status === "ready" ? "server ready" : ""; }).catch(() => {});
</script>
</body>
</html>
"""#
}
