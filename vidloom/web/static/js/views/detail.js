// One video: player, prompt, what the file holds (size, duration, engine), settings and provenance; downloads;
// library state; actions.
import { api, content, guard } from "../api.js";
import { actions } from "../actions.js";
import { field, h, notice, select, when } from "../dom.js";
import { OPERATIONS } from "../jobs.js";

function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, v]) => v != null && v !== "")
    .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v instanceof Node ? v : String(v))]));
}

// The provenance keys a person can read, in words; hashes and ids stay in the file (and the download)
const GENERATION = [["operation", "Operation", (v) => OPERATIONS[v] || v], ["engine", "Model"],
  ["engine_version", "Model version"], ["seed", "Seed"], ["seconds", "Seconds asked for"], ["fps", "Frames per second"],
  ["watermark", "Visible watermark", (v) => (v ? "yes" : "no")], ["generator", "Made with"]];

function provenance(p) {
  if (!p) return h("p", {}, "Provenance is read once the video has completed.");
  if (!p.has_manifest) return h("p", { class: "error" }, "No C2PA manifest found in this file.");
  const g = p.generation || {};
  return facts([["C2PA manifest", p.valid ? "present, signature valid" : `present, NOT valid: ${p.verdict}`], ["Signed by", p.signer],
    ["Made from", (p.made_from || []).join(", ") || null],
    ...GENERATION.filter(([k]) => g[k] != null).map(([k, label, say = String]) => [label, say(g[k])])]);
}

/** "Remix of", "Re-cut of" ... by operation; the source as a link with its prompt. */
const LINEAGE = { remix: "Remix of", recut: "Re-cut of", extend: "Extended from", loop: "Loop of", blend: "Blend of",
  storyboard: "Built from" };

function sourceLink(source) {
  if (!source) return null;
  if (source.yours) return h("a", { href: `#/video/${source.id}` }, source.prompt);
  if (source.published) return h("a", { href: `#/watch/${source.id}` }, source.prompt);
  return "a video that is no longer shared";
}

/** The size in words: the file's own pixels, and what was asked when that differs. */
function sizeText(details) {
  const { file, native_size: native, upscaled, video } = details;
  if (!file) return null;
  const own = `${file.width}x${file.height}`;
  const how = upscaled ? `upscaled from ${native}` : own === native ? "native" : null;
  return `${own}${how ? ` (${how})` : ""}${video.size !== own ? ` · asked for ${video.size}` : ""}`;
}

export async function view(id) {
  const [details, folders, library] = await Promise.all([api(`/v1/videos/${id}/details`), api("/v1/folders"), api("/v1/library")]);
  const { video, settings, file } = details;
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
  const model = details.engine + (details.engine_version ? ` ${details.engine_version}` : "")
    + (video.model !== details.engine ? ` (API model name: ${video.model})` : "");

  return h("article", { class: "detail", "data-id": id },
    h("div", { class: "media" },
      done ? h("video", { src: content(id), controls: true, loop: true, playsinline: true, poster: content(id, "thumbnail"),
        class: "player", style: `--ratio: ${file.width} / ${file.height}`, "aria-label": `Video: ${video.prompt}` })
        : h("p", { class: "error" }, video.error?.message || `This video is ${video.status}.`),
      done ? h("nav", { class: "downloads", "aria-label": "Downloads" },
        h("a", { href: content(id), download: `${id}.mp4` }, "Download MP4"),
        h("a", { href: content(id, "thumbnail"), download: `${id}.jpg` }, "Thumbnail"),
        h("a", { href: content(id, "spritesheet"), download: `${id}-sprites.jpg` }, "Spritesheet")) : null),
    h("div", { class: "info" },
      h("h1", { class: "prompt" }, video.prompt),
      facts([["Status", video.status], ["Operation", OPERATIONS[details.operation] || details.operation],
        ["Started from", details.started_from_upload ? "an uploaded image or clip" : null],
        [LINEAGE[details.operation] || "Made from", sourceLink(details.source)],
        ["Size", sizeText(details)], ["Duration", file ? `${Number(file.seconds.toFixed(2))} s (${file.frames} frames at ${file.fps} fps)` : null],
        ["Model", model], ["Made", when(video.created_at)], ["Seed", settings.seed], ["Aspect", settings.aspect],
        ["Strength", settings.strength], ["Style", settings.preset], ["Likes", details.published ? details.likes : null]]),
      video.notices?.length
        ? h("section", { class: "notices", "aria-label": "Drawn otherwise than asked" },
          h("h2", {}, "Drawn otherwise than asked"), h("ul", {}, ...video.notices.map((n) => h("li", {}, n))))
        : null,
      h("div", { class: "bar" }, favourite, field("Folder", folder), publish, remove),
      h("h2", {}, "Provenance"), provenance(details.provenance),
      video.error?.code === "moderation_blocked"
        ? h("p", {}, "If you think this refusal is a mistake: ", h("a", { href: `#/appeal/${id}` }, "Send an appeal"), ".")
        : null),
    done ? h("section", { class: "wide" }, h("h2", {}, "Make something from it"), await actions(video, library, file.seconds)) : null);
}
