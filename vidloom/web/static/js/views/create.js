// The prompt bar (aspect, resolution, duration, variations, style, image-to-video upload) and the queue.
import { api, engine, hasPath, studioOperations, submitting } from "../api.js";
import { field, h, onLeave, select } from "../dom.js";
import { queueRows, takeHandover } from "../jobs.js";
import { ASPECTS, durations, nativeSize, resolutions } from "../sizes.js";

const PLACE_REFRESH_MS = 5000;

async function presets() {
  if (!(await hasPath("/v1/studio/presets"))) return [];
  return (await api("/v1/studio/presets")).data.map((p) => [p.name, p.name]);
}

/** Queue n variations on the server's engine `model`; returns the new videos. The seeds run seed, seed+1 ... so each
 * is reproducible. */
async function submit({ model, prompt, size, seconds, n, seed, preset, file }) {
  if (!file && (n > 1 || preset) && (await studioOperations()).has("generate")) {
    const params = preset ? { preset } : {};
    return (await api("/v1/studio/generate", { method: "POST", json: { model, prompt, size, seconds, seed, n, params } })).data;
  }
  const made = [];
  for (let k = 0; k < n; k++) {
    if (file) {
      const form = new FormData();
      Object.entries({ model, prompt, size, seconds, seed: String(seed + k) }).forEach(([key, v]) => form.append(key, v));
      form.append("input_reference", file);
      made.push(await api("/v1/videos", { method: "POST", form }));
    } else {
      made.push(await api("/v1/videos", { method: "POST", json: { model, prompt, size, seconds, seed: seed + k } }));
    }
  }
  return made;
}

/** "12 of 50 videos left this month · resets 1 Jan 2027" (quotas reset on the 1st, UTC). */
export function allowance(usage) {
  const now = new Date();
  const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const date = reset.toLocaleDateString([], { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${usage.remaining} of ${usage.monthly_videos} videos left this month · resets ${date}`;
}

/** The image or clip to start from: a file picker, then a preview of the file with a button to remove it. */
function attachment(changed) {
  const input = h("input", { type: "file", name: "input_reference", accept: "image/png,image/jpeg,image/webp,video/mp4" });
  const preview = h("div", { class: "attachment", hidden: true });
  let url = null;
  const clear = () => {
    input.value = "";
    show();
  };
  const show = () => {
    if (url) URL.revokeObjectURL(url);
    url = null;
    const file = input.files[0];
    preview.hidden = !file;
    if (file) {
      url = URL.createObjectURL(file);
      const media = file.type.startsWith("video/")
        ? h("video", { src: url, muted: true, playsinline: true, "aria-label": `Attached clip: ${file.name}` })
        : h("img", { src: url, alt: `Attached image: ${file.name}` });
      preview.replaceChildren(media, h("span", { class: "meta" }, file.name),
        h("button", { type: "button", class: "icon", "aria-label": `Remove ${file.name}`, onclick: clear }, "Remove"));
    } else {
      preview.replaceChildren();
    }
    changed(file);
  };
  input.addEventListener("change", show);
  onLeave(() => url && URL.revokeObjectURL(url));
  return { input, preview, file: () => input.files[0], clear };
}

export async function view(justQueued) {
  const [styles, usage, model] = await Promise.all([presets(), api("/v1/usage"), engine()]);
  const prompt = h("textarea", { name: "prompt", rows: "2", required: true, maxlength: "4000",
    placeholder: "a red ball bouncing on a grass field" });
  const aspects = ASPECTS.filter(([a]) => resolutions(model, a).length);
  const aspect = select("aspect", aspects, aspects.some(([a]) => a === "16:9") ? "16:9" : aspects[0]?.[0]);
  const resolution = select("resolution", []);
  const sized = () => { // the engine's own size unless a bigger one is chosen: nothing resized, nothing invented
    const choices = resolutions(model, aspect.value);
    resolution.replaceChildren(...choices.map(([v, t]) => h("option", { value: v }, t)));
    resolution.value = nativeSize(model, aspect.value) || choices.at(-1)[0];
  };
  sized();
  aspect.addEventListener("change", sized);
  const lengths = durations(model);
  const duration = select("seconds", lengths, lengths.some(([s]) => s === "2") ? "2" : lengths[0]?.[0]);
  const variations = select("n", [["1", "1"], ["2", "2"], ["4", "4"]], "1");
  const style = select("preset", [["", "None"], ...styles], "", { disabled: styles.length === 0 });
  const styleHint = h("small", { hidden: styles.length > 0 }, "not offered by this server");
  const seed = h("input", { type: "number", name: "seed", min: "0", max: "2147483647", placeholder: "random" });
  // A style grades a video made from a prompt; the upload path cannot carry one yet, so say so, keep the choice
  const file = attachment((attached) => {
    style.disabled = !styles.length || Boolean(attached);
    styleHint.textContent = !styles.length ? "not offered by this server"
      : attached ? "not applied when starting from an image; kept for your next prompt" : "";
    styleHint.hidden = !styleHint.textContent;
  });
  const button = h("button", { type: "submit" }, "Generate");
  const left = h("p", { class: "allowance meta", "aria-live": "polite" }, allowance(usage));
  const queue = h("ul", { class: "queue", "aria-label": "Queue" });

  const load = async (fresh, confirmation) => {
    const { data } = await api("/v1/queue?limit=20");
    queue.querySelectorAll("li.job").forEach((row) => row.stop?.());
    queue.replaceChildren(...queueRows(data, fresh, confirmation));
    if (!data.length) {
      queue.append(h("li", { class: "empty" }, "Nothing here yet. Describe a scene above, for example ",
        h("q", {}, "a yellow star spins over the ocean at sunset"), ", and press Generate: the job appears here with ",
        "its progress, and the video when it is ready."));
    }
  };

  const onsubmit = submitting(button, async () => {
    const n = Number(variations.value);
    const made = await submit({
      model: model.id, prompt: prompt.value.trim(), size: resolution.value, seconds: duration.value, n,
      seed: seed.value ? Number(seed.value) : Math.floor(Math.random() * (2 ** 31 - 8)),
      preset: style.disabled ? "" : style.value, file: file.file(),
    });
    file.clear(); // the next prompt starts from text again unless a file is attached anew
    await load(new Set(made.map((v) => v.id)), n === 1 ? "Video queued." : `${n} variations queued.`);
    prompt.focus();
    prompt.select(); // type the next prompt straight away
    left.textContent = allowance(await api("/v1/usage"));
  });

  // places in line move as other jobs start and end: refreshed while any of mine waits or runs
  const refresh = async () => {
    const active = queue.querySelectorAll("li.job[data-status=queued], li.job[data-status=in_progress]");
    if (!active.length) return;
    const { data } = await api("/v1/queue?limit=20");
    for (const item of data) queue.querySelector(`li.job[data-id="${item.video.id}"]`)?.place(item);
  };
  const poll = setInterval(() => refresh().catch(() => {}), PLACE_REFRESH_MS); // a lost connection says so itself
  onLeave(() => clearInterval(poll));

  const handover = takeHandover(justQueued);
  await load(handover.ids, handover.confirmation);
  return h("section", { class: "create" },
    h("h1", { class: "visually-hidden" }, "Create"),
    h("form", { class: "prompt-bar panel", onsubmit, "aria-label": "Create a video" },
      field("Prompt", prompt),
      h("div", { class: "options" },
        field("Aspect", aspect), field("Resolution", resolution), field("Duration", duration),
        field("Variations", variations), field("Style", style, styleHint),
        field("Seed", seed)),
      h("div", { class: "start" }, field("Start from an image or clip (optional)", file.input), file.preview, button),
      h("p", { class: "engine meta" }, "Model: ", h("strong", { class: "engine-name" }, model.id)),
      left),
    h("h2", {}, "Queue"),
    queue);
}
