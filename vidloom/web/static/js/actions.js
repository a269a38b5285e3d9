// Forms for what can be done to a video: remix, loop, extend, re-cut, blend. Each queues a job and shows it in
// the queue; a refusal is shown inside the form that caused it.
import { api, content, engine, studioOperations, submitting } from "./api.js";
import { aspectOf, field, h, select, when } from "./dom.js";
import { showQueued } from "./jobs.js";

/** A titled form that runs `run(form values)` (it returns the new videos); `unavailable` (a reason, or null)
 * disables it with that note. */
function action(title, operation, unavailable, controls, run) {
  const button = h("button", { type: "submit" }, title);
  const box = h("fieldset", { disabled: Boolean(unavailable) }, controls, button);
  const onsubmit = submitting(button, async () => showQueued([].concat(await run()), `${title} queued.`));
  return h("form", { class: "action panel", onsubmit, "aria-label": title, "data-action": operation },
    h("h3", {}, title), unavailable ? h("p", { class: "note" }, unavailable) : null, box);
}

/** Queue a studio operation over named inputs on the server's engine; returns the new videos. */
export const studio = async (operation, body) => (await api(`/v1/studio/${operation}`, { method: "POST",
  json: { model: (await engine()).id, ...body } })).data;

/** A remix strength slider with its value in words: `strength.value` is what to send, `controls` what to show. */
export function strengthControl() {
  const strength = h("input", { type: "range", name: "strength", min: "0.05", max: "0.95", step: "0.05", value: "0.55" });
  const word = (s) => (s < 0.45 ? "subtle" : s < 0.7 ? "mild" : "strong");
  const shown = h("output", {}, "0.55 (mild)");
  strength.addEventListener("input", () => (shown.textContent = `${strength.value} (${word(strength.value)})`));
  return { strength, controls: [field("Strength", strength, "how far from the original: subtle keeps more of it"), shown] };
}

export async function actions(video, library, seconds) {
  const ops = await studioOperations();
  const missing = (op, title) => (ops.has(op) ? null : `${title} is not offered by this server yet.`);
  const prompt = (value = video.prompt) => h("textarea", { name: "prompt", rows: "2", required: true, maxlength: "4000", value });

  const remixPrompt = prompt("");
  const { strength, controls } = strengthControl();
  const remix = action("Remix", "remix", null, [field("New prompt", remixPrompt), ...controls],
    () => api(`/v1/videos/${video.id}/remix`, { method: "POST", json: {
      prompt: remixPrompt.value, strength: Number(strength.value) } }));

  const length = select("length", [["short", "Short (2 s)"], ["normal", "Normal (4 s)"], ["long", "Long (8 s)"]], "normal");
  const loop = action("Loop", "loop", missing("loop", "Loop"), [field("Loop length", length)],
    () => studio("loop", { prompt: video.prompt, size: video.size, inputs: { source: video.id }, params: { length: length.value } }));

  const extendPrompt = prompt();
  const direction = select("direction", [["forward", "Forwards (after the end)"], ["backward", "Backwards (before the start)"]], "forward");
  const more = h("input", { type: "number", name: "seconds", min: "1", max: "8", value: "2" });
  const extend = action("Extend", "extend", missing("extend", "Extend"),
    [field("Prompt for the new part", extendPrompt), field("Direction", direction), field("Seconds to add", more)],
    () => studio("extend", { prompt: extendPrompt.value, size: video.size, inputs: { source: video.id },
      params: { direction: direction.value, seconds: Number(more.value) } }));

  const total = seconds; // read from the file, not the request
  const start = h("input", { type: "range", name: "start", min: "0", max: String(total), step: "0.125", value: "0" });
  const end = h("input", { type: "range", name: "end", min: "0", max: String(total), step: "0.125", value: String(total) });
  const kept = h("output", {}, `keep 0 s – ${total} s`);
  const clamp = () => {
    if (Number(start.value) >= Number(end.value)) start.value = Math.max(0, Number(end.value) - 0.125);
    kept.textContent = `keep ${start.value} s – ${end.value} s`;
  };
  start.addEventListener("input", clamp);
  end.addEventListener("input", clamp);
  const recut = action("Re-cut", "recut", missing("recut", "Re-cut"),
    [h("div", { class: "trim" }, field("Trim start", start), field("Trim end", end)), kept],
    () => studio("recut", { prompt: video.prompt, size: video.size, inputs: { source: video.id },
      params: { start: Number(start.value), end: Number(end.value) } }));

  // only videos of the same aspect blend into this one, shown as thumbnails with prompt and date (prompts repeat)
  const others = library.filter((v) => v.id !== video.id && v.status === "completed"
    && aspectOf(v.size).label === aspectOf(video.size).label).slice(0, 12);
  const second = h("fieldset", { class: "picker" }, h("legend", {}, "Blend into"), others.map((v, i) =>
    h("label", { class: "pick" }, h("input", { type: "radio", name: "second", value: v.id, checked: i === 0 }),
      h("img", { src: content(v.id, "thumbnail"), alt: "" }),
      h("span", {}, v.prompt, h("small", { class: "meta" }, when(v.created_at))))));
  const curve = select("curve", [["ease-in-out", "Ease in and out"], ["linear", "Linear"]], "ease-in-out");
  const blendPrompt = prompt();
  const blend = action("Blend", "blend", missing("blend", "Blend")
    || (others.length ? null : `Blend needs a second completed ${aspectOf(video.size).label} video in your library.`),
    [others.length ? second : null, field("Curve", curve), field("Prompt for the transition", blendPrompt)],
    () => studio("blend", { prompt: blendPrompt.value, size: video.size,
      inputs: { first: video.id, second: second.querySelector("input:checked").value },
      params: { curve: curve.value } }));

  return h("div", { class: "actions-grid" }, remix, loop, extend, recut, blend);
}
