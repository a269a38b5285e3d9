// Live job progress over Server-Sent Events, and a job's row in the queue.
import { api, content, guard } from "./api.js";
import { h, onLeave } from "./dom.js";

/** Follow a job: `update(video)` on every change until it ends. Returns a function that stops following. */
export function watch(id, update) {
  const events = new EventSource(`/v1/videos/${id}/events`);
  const stop = () => events.close();
  events.addEventListener("progress", (e) => update(JSON.parse(e.data)));
  events.addEventListener("done", (e) => {
    stop();
    update(JSON.parse(e.data));
  });
  events.addEventListener("deleted", stop);
  onLeave(stop);
  return stop;
}

const STATUS = { queued: "Queued", in_progress: "Generating", completed: "Ready", failed: "Failed" };

/** One job in the queue: prompt, status, progress bar, then a link (or the reason it failed). */
export function jobRow(video) {
  const bar = h("progress", { max: "100", value: String(video.progress), "aria-label": `Progress of ${video.id}` });
  const status = h("span", { class: "status" });
  const outcome = h("div", { class: "outcome" });
  const cancel = h("button", { type: "button", class: "danger", "aria-label": `Cancel: ${video.prompt}`, onclick: guard(async () => {
    show(await api(`/v1/videos/${video.id}/cancel`, { method: "POST" }));
  }) }, "Cancel");
  const row = h("li", { class: "job", "data-id": video.id }, h("p", { class: "prompt" }, video.prompt), status, bar, outcome);
  const show = (v) => {
    row.dataset.status = v.status;
    status.textContent = `${STATUS[v.status]}${v.status === "in_progress" ? ` ${v.progress}%` : ""}`;
    bar.value = v.progress;
    if (v.status === "queued" || v.status === "in_progress") outcome.replaceChildren(cancel);
    if (v.status === "completed") {
      outcome.replaceChildren(h("a", { href: `#/video/${v.id}` },
        h("img", { src: content(v.id, "thumbnail"), alt: `Thumbnail: ${v.prompt}`, class: "thumb" }), "Open"));
    } else if (v.status === "failed") {
      const code = { moderation_blocked: "Refused by moderation: ", cancelled: "Cancelled. " }[v.error?.code] || "";
      outcome.replaceChildren(h("p", { class: "error" }, `${code}${v.error?.message || "the job failed"}`));
    }
  };
  show(video);
  if (video.status === "queued" || video.status === "in_progress") watch(video.id, show);
  return row;
}
