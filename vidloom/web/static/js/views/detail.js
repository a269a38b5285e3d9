// One video: player, prompt, settings, seed and provenance; downloads; library state; actions.
import { api, content, guard } from "../api.js";
import { actions } from "../actions.js";
import { field, h, notice, select } from "../dom.js";

function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, v]) => v != null && v !== "").flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]));
}

function provenance(p) {
  if (!p) return h("p", {}, "Provenance is read once the video has completed.");
  if (!p.has_manifest) return h("p", { class: "error" }, "No C2PA manifest found in this file.");
  return facts([["C2PA manifest", p.valid ? "present, signature valid" : `present, NOT valid: ${p.verdict}`], ["Signed by", p.signer],
    ["Made from", (p.made_from || []).join(", ") || null],
    ...Object.entries(p.generation || {}).filter(([, v]) => typeof v !== "object").map(([k, v]) => [k, v])]);
}

function appeal(video) {
  const message = h("textarea", { name: "message", rows: "2", required: true, maxlength: "4000" });
  return h("form", { class: "panel", "aria-label": "Appeal", onsubmit: guard(async (e) => {
    e.preventDefault();
    await api("/v1/feedback", { method: "POST", json: { kind: "appeal", message: message.value, video_id: video.id } });
    notice("Thank you: your appeal was sent.", "info");
    message.value = "";
  }) }, h("h3", {}, "Appeal this refusal"), field("Why should it be allowed?", message), h("button", { type: "submit" }, "Send appeal"));
}

export async function view(id) {
  const [details, folders, library] = await Promise.all([api(`/v1/videos/${id}/details`), api("/v1/folders"), api("/v1/library")]);
  const { video, settings } = details;
  const done = video.status === "completed";
  const toggle = guard(async (path, method, message) => {
    await api(path, { method });
    window.dispatchEvent(new HashChangeEvent("hashchange")); // render this view again
    notice(message, "info");
  });
  const folder = select("folder", [["", "No folder"], ...folders.map((f) => [f.id, f.name])], details.folder_id || "");
  folder.addEventListener("change", guard(async () => {
    await api(`/v1/videos/${id}`, { method: "PATCH", json: { folder_id: folder.value } });
    notice("Moved.", "info");
  }));
  const favourite = h("button", { type: "button", "aria-pressed": String(details.favourite), onclick: guard(async (e) => {
    const on = e.target.getAttribute("aria-pressed") !== "true";
    await api(`/v1/videos/${id}`, { method: "PATCH", json: { favourite: on } });
    e.target.setAttribute("aria-pressed", String(on));
  }) }, "★ Favourite");
  const publish = details.published
    ? h("button", { type: "button", onclick: () => toggle(`/v1/videos/${id}/publish`, "DELETE", "Removed from the feed.") }, "Unpublish")
    : h("button", { type: "button", disabled: !done, onclick: () => toggle(`/v1/videos/${id}/publish`, "POST", "Published to the feed.") }, "Publish to feed");
  const remove = h("button", { type: "button", class: "danger", onclick: guard(async () => {
    if (!confirm("Delete this video and its files?")) return;
    await api(`/v1/videos/${id}`, { method: "DELETE" });
    location.hash = "#/library";
  }) }, "Delete");

  return h("article", { class: "detail", "data-id": id },
    h("div", { class: "media" },
      done ? h("video", { src: content(id), controls: true, loop: true, playsinline: true, poster: content(id, "thumbnail"),
        "aria-label": `Video: ${video.prompt}` }) : h("p", { class: "error" }, video.error?.message || `This video is ${video.status}.`),
      done ? h("nav", { class: "downloads", "aria-label": "Downloads" },
        h("a", { href: content(id), download: `${id}.mp4` }, "Download MP4"),
        h("a", { href: content(id, "thumbnail"), download: `${id}.jpg` }, "Thumbnail"),
        h("a", { href: content(id, "spritesheet"), download: `${id}-sprites.jpg` }, "Spritesheet")) : null),
    h("div", { class: "info" },
      h("h1", { class: "prompt" }, video.prompt),
      facts([["Status", video.status], ["Operation", details.operation], ["Started from", details.started_from_upload ? "an uploaded image or clip" : null], ["Size", video.size], ["Duration", `${video.seconds} s`],
        ["Model", video.model], ["Seed", settings.seed], ["Aspect", settings.aspect], ["Strength", settings.strength],
        ["Style", settings.preset], ["Remix of", video.remixed_from_video_id], ["Likes", details.published ? details.likes : null]]),
      h("div", { class: "bar" }, favourite, field("Folder", folder), publish, remove),
      h("h2", {}, "Provenance"), provenance(details.provenance),
      video.error?.code === "moderation_blocked" ? appeal(video) : null),
    done ? h("section", { class: "wide" }, h("h2", {}, "Make something from it"), await actions(video, library)) : null);
}
