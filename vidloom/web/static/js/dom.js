// Small DOM helpers: build elements without innerHTML, show notices, run clean-ups when a view is left.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "value" || key === "checked") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A labelled control: <label>text <control></label>, with a hint (text, or a <small> to change later). */
export function field(text, control, hint) {
  return h("label", { class: "field" }, h("span", {}, text), control,
    hint instanceof Node ? hint : hint ? h("small", {}, hint) : null);
}

/** A <select> with [value, text] options. */
export function select(name, options, value, attrs = {}) {
  const el = h("select", { name, ...attrs }, options.map(([v, t]) => h("option", { value: v }, t)));
  if (value != null) el.value = value;
  return el;
}

let timer;
/** Show a message in the page-wide alert region (kind: error | info). */
export function notice(message, kind = "error") {
  const box = document.getElementById("notice");
  box.textContent = message;
  box.className = kind;
  box.hidden = false;
  clearTimeout(timer);
  if (kind === "info") timer = setTimeout(() => (box.hidden = true), 4000);
}

export function clearNotice() {
  document.getElementById("notice").hidden = true;
}

/** "3 Dec 2026" (or "today, 14:05") for a Unix time in seconds. */
export function when(seconds) {
  const date = new Date(seconds * 1000);
  const today = new Date().toDateString() === date.toDateString();
  return today ? `today, ${date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`
    : date.toLocaleDateString([], { day: "numeric", month: "short", year: "numeric" });
}

/** The aspect of a "WxH" size: its nearest named ratio ("16:9" for 224x128 too) and a CSS aspect-ratio. */
export function aspectOf(size) {
  const [w, h] = String(size).split("x").map(Number);
  const named = [["16:9", 16 / 9], ["1:1", 1], ["9:16", 9 / 16]];
  const [label] = named.reduce((a, b) => (Math.abs(Math.log(b[1] * h / w)) < Math.abs(Math.log(a[1] * h / w)) ? b : a));
  return { label, ratio: `${w} / ${h}` };
}

const leaving = new Set();
/** Run `fn` when the current view is replaced (close event streams, timers). */
export function onLeave(fn) {
  leaving.add(fn);
}

export function leave() {
  for (const fn of leaving) fn();
  leaving.clear();
}
