// The queue: live job progress over Server-Sent Events (resumed after a lost connection), one row per job with
// its operation and settings, variations grouped, and the hand-over from a form that queued a job to the queue.
import { api, content, guard, sentence } from "./api.js";
import { connectionLost, forgetResume } from "./connection.js";
import { aspectOf, h, onLeave } from "./dom.js";

/** Follow a job: `update(video)` on every change until it ends. Returns a function that stops following. */
export function watch(id, update) {
  let events;
  let stopped = false;
  const open = () => {
    if (stopped) return;
    events = new EventSource(`/v1/videos/${id}/events`);
    events.addEventListener("progress", (e) => update(JSON.parse(e.data)));
    events.addEventListener("done", (e) => {
      stop();
      update(JSON.parse(e.data));
    });
    events.addEventListener("deleted", stop);
    events.addEventListener("error", () => {
      events.close(); // the browser's own retry would not say anything: ours shows "connection lost"
      if (!stopped) connectionLost(open);
    });
  };
  const stop = () => {
    stopped = true;
    events?.close();
    forgetResume(open);
  };
  open();
  onLeave(stop);
  return stop;
}

export const OPERATIONS = { generate: "New video", remix: "Remix", loop: "Loop", extend: "Extend", recut: "Re-cut",
  blend: "Blend", storyboard: "Storyboard" };
const operationName = (op) => OPERATIONS[op] || op.charAt(0).toUpperCase() + op.slice(1);

const STATUS = { queued: "Queued", in_progress: "Generating", completed: "Ready", failed: "Failed", cancelled: "Cancelled" };
const cancelled = (v) => v.status === "failed" && v.error?.code === "cancelled";

/** What a job was asked to do, in words: "16:9 · 2 s · seed 42 · style noir". */
function settingsLine(video, operation, s) {
  const parts = [s.aspect || aspectOf(video.size).label];
  if (operation === "generate" || operation === "remix") parts.push(`${video.seconds} s`);
  if (s.seed != null) parts.push(`seed ${s.seed}`);
  if (s.preset) parts.push(`style ${s.preset}`);
  if (s.strength != null) parts.push(`strength ${s.strength}`);
  if (s.length) parts.push(`${s.length} loop`);
  if (s.direction) parts.push(s.direction === "backward" ? "backwards" : "forwards");
  if (s.start != null && s.end != null) parts.push(`keeps ${s.start}–${s.end} s`);
  if (s.curve) parts.push(`${s.curve} blend`);
  return parts.join(" · ");
}

/** "under a minute" / "about 3 min" from now to Unix time `t`. */
function fromNow(t) {
  const minutes = Math.round((t - Date.now() / 1000) / 60);
  return minutes < 1 ? "under a minute" : `about ${minutes} min`;
}
const clock = (t) => new Date(t * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** Where an active job stands: its place in line and, once jobs have been measured, when it starts and finishes. */
function placeLine(item, status) {
  const finish = item.estimated_finish_at ? `finishes in ${fromNow(item.estimated_finish_at)} (by ${clock(item.estimated_finish_at)})` : "";
  if (status === "queued" && item.position) {
    const line = `${item.position} of ${item.waiting} waiting`;
    if (!item.estimated_start_at) return `${line} · no estimate yet: no job has finished on this server`;
    return `${line} · starts in ${fromNow(item.estimated_start_at)} · ${finish}`;
  }
  return status === "in_progress" && finish ? sentence(finish) : "";
}

/** One job: thumbnail, operation, prompt, settings, live status, place in line and progress, then its outcome.
 * `row.place(item)` updates its place from a fresher queue item. */
function jobRow(item, confirmation) {
  const { video, operation, settings } = item;
  const bar = h("progress", { max: "100", value: String(video.progress), "aria-label": `Progress of ${video.id}` });
  const status = h("span", { class: "status" });
  const outcome = h("div", { class: "outcome" });
  const place = h("p", { class: "place meta" });
  const picture = h("div", { class: "picture", style: `aspect-ratio: ${aspectOf(video.size).ratio}` });
  const cancel = h("button", { type: "button", class: "danger", "aria-label": `Cancel: ${video.prompt}`, onclick: guard(async () => {
    show(await api(`/v1/videos/${video.id}/cancel`, { method: "POST" }));
  }) }, "Cancel");
  const row = h("li", { class: "job", "data-id": video.id, "data-operation": operation },
    picture,
    h("div", { class: "about" },
      h("p", { class: "operation" }, operationName(operation)),
      h("p", { class: "prompt" }, video.prompt),
      h("p", { class: "settings meta" }, settingsLine(video, operation, settings)),
      confirmation ? h("p", { class: "confirm", role: "status" }, confirmation) : null,
      h("div", { class: "state" }, status, bar), place, outcome));
  let latest = item;
  row.place = (fresh) => {
    latest = fresh;
    place.textContent = placeLine(fresh, row.dataset.status);
    place.hidden = !place.textContent;
  };
  const show = (v) => {
    const state = cancelled(v) ? "cancelled" : v.status;
    row.dataset.status = state;
    status.textContent = `${STATUS[state]}${v.status === "in_progress" ? ` ${v.progress}%` : ""}`;
    bar.value = v.progress;
    bar.hidden = state === "completed" || state === "failed" || state === "cancelled";
    row.place?.({ ...latest, video: v });
    if (v.status === "queued" || v.status === "in_progress") outcome.replaceChildren(cancel);
    if (v.status === "completed") {
      picture.replaceChildren(h("a", { href: `#/video/${v.id}`, tabindex: "-1", "aria-hidden": "true" },
        h("img", { src: content(v.id, "thumbnail"), alt: "" })));
      outcome.replaceChildren(h("a", { href: `#/video/${v.id}`, "aria-label": `Open: ${v.prompt}` }, "Open"));
    } else if (state === "cancelled") {
      outcome.replaceChildren(h("p", { class: "meta" }, "Cancelled: not charged."));
    } else if (v.status === "failed") {
      const appeal = v.error?.code === "moderation_blocked" ? [" ", h("a", { href: `#/appeal/${v.id}` }, "Send an appeal")] : [];
      outcome.replaceChildren(h("p", { class: "error" }, sentence(v.error?.message || "the job failed"), ...appeal));
    }
  };
  show(video);
  if (video.status === "queued" || video.status === "in_progress") row.stop = watch(video.id, show);
  return row;
}

/** Variations are jobs queued together with the same request and consecutive seeds. */
const sameRequest = (a, b) => a.operation === b.operation && a.video.prompt === b.video.prompt
  && a.video.size === b.video.size && a.video.seconds === b.video.seconds && a.settings.preset === b.settings.preset
  && Math.abs(a.video.created_at - b.video.created_at) <= 3 && Math.abs(a.settings.seed - b.settings.seed) === 1;

/** Queue items (newest first) as rows, variations of one request grouped; `fresh` ids get `confirmation`. */
export function queueRows(items, fresh = new Set(), confirmation = null) {
  const groups = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && sameRequest(last.at(-1), item)) last.push(item);
    else groups.push([item]);
  }
  return groups.map((group) => {
    const rows = [...group].reverse().map((item) => jobRow(item, fresh.has(item.video.id) ? confirmation : null));
    const first = rows.find((r) => fresh.has(r.dataset.id));
    if (first) {
      first.tabIndex = -1;
      first.dataset.autofocus = "";
      first.classList.add("fresh");
    }
    if (rows.length === 1) return rows[0];
    return h("li", { class: "variations" }, h("p", { class: "group-head" }, `${rows.length} variations`),
      h("ul", { class: "queue", "aria-label": `${rows.length} variations: ${group[0].video.prompt}` }, rows));
  });
}

let handover = null; // {ids, confirmation}: jobs a form just queued, for the queue to show
/** A form queued `videos`: show the queue with them in view and `confirmation` on them. */
export function showQueued(videos, confirmation) {
  handover = { ids: new Set(videos.map((v) => v.id)), confirmation };
  location.hash = `#/create/${videos[0].id}`;
}

/** The hand-over for the queue, if it is about `id` (taken once). */
export function takeHandover(id) {
  const taken = handover && handover.ids.has(id) ? handover : { ids: new Set(id ? [id] : []), confirmation: null };
  handover = null;
  return taken;
}
