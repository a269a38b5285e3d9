// The prompt bar (aspect, resolution, duration, variations, style, image-to-video upload) and the queue.
import { api, hasPath, studioOperations, submitting } from "../api.js";
import { field, h, notice, select } from "../dom.js";
import { jobRow } from "../jobs.js";
import { ASPECTS, DURATIONS, RESOLUTIONS } from "../sizes.js";

async function presets() {
  if (!(await hasPath("/v1/studio/presets"))) return [];
  return (await api("/v1/studio/presets")).data.map((p) => [p.name, p.name]);
}

/** Queue n variations, calling `queued(video)` for each; the seeds run seed, seed+1 ... so each is reproducible. */
async function submit({ prompt, size, seconds, n, seed, preset, file }, queued) {
  if (!file && (n > 1 || preset) && (await studioOperations()).has("generate")) {
    const params = preset ? { preset } : {};
    (await api("/v1/studio/generate", { method: "POST", json: { model: "vidloom-mini", prompt, size, seconds, seed, n, params } })).data.forEach(queued);
    return;
  }
  for (let k = 0; k < n; k++) {
    if (file) {
      const form = new FormData();
      Object.entries({ model: "vidloom-mini", prompt, size, seconds, seed: String(seed + k) }).forEach(([key, v]) => form.append(key, v));
      form.append("input_reference", file);
      queued(await api("/v1/videos", { method: "POST", form }));
    } else {
      queued(await api("/v1/videos", { method: "POST", json: { model: "vidloom-mini", prompt, size, seconds, seed: seed + k } }));
    }
  }
}

export async function view() {
  const styles = await presets();
  const prompt = h("textarea", { name: "prompt", rows: "2", required: true, maxlength: "4000",
    placeholder: "a red ball bouncing on a grass field" });
  const aspect = select("aspect", ASPECTS, "16:9");
  const resolution = select("resolution", RESOLUTIONS["16:9"], "224x128");
  aspect.addEventListener("change", () => {
    resolution.replaceChildren(...RESOLUTIONS[aspect.value].map(([v, t]) => h("option", { value: v }, t)));
    resolution.value = RESOLUTIONS[aspect.value].at(-1)[0];
  });
  const duration = select("seconds", DURATIONS, "2");
  const variations = select("n", [["1", "1"], ["2", "2"], ["4", "4"]], "1");
  const style = select("preset", [["", "None"], ...styles], "", { disabled: styles.length === 0 });
  const seed = h("input", { type: "number", name: "seed", min: "0", max: "2147483647", placeholder: "random" });
  const file = h("input", { type: "file", name: "input_reference", accept: "image/png,image/jpeg,image/webp,video/mp4" });
  const button = h("button", { type: "submit" }, "Generate");
  const queue = h("ul", { class: "queue", "aria-label": "Queue" });

  const onsubmit = submitting(button, async () => {
    await submit({
      prompt: prompt.value.trim(), size: resolution.value, seconds: duration.value, n: Number(variations.value),
      seed: seed.value ? Number(seed.value) : Math.floor(Math.random() * (2 ** 31 - 8)), preset: style.value,
      file: file.files[0],
    }, (video) => queue.prepend(jobRow(video)));
    notice(`Queued ${variations.value === "1" ? "your video" : `${variations.value} variations`}.`, "info");
  });

  const recent = await api("/v1/videos?limit=10");
  queue.append(...recent.data.map((v) => jobRow(v)));
  return h("section", { class: "create" },
    h("h1", { class: "visually-hidden" }, "Create"),
    h("form", { class: "prompt-bar panel", onsubmit, "aria-label": "Create a video" },
      field("Prompt", prompt),
      h("div", { class: "options" },
        field("Aspect", aspect), field("Resolution", resolution), field("Duration", duration),
        field("Variations", variations), field("Style", style, styles.length ? null : "not offered by this server"),
        field("Seed", seed)),
      h("div", { class: "options" }, field("Start from an image or clip (optional)", file), button)),
    h("h2", {}, "Queue"),
    queue);
}
