// Storyboard editor: a timeline of cards (add, drag to reorder, drag the edge to resize), each a prompt or one of
// my videos; generate the whole board as one video.
import { Invalid, api, studioOperations, submitting } from "../api.js";
import { studio } from "../actions.js";
import { field, h, select } from "../dom.js";
import { showQueued } from "../jobs.js";
import { ASPECTS, RESOLUTIONS } from "../sizes.js";

const MAX_SECONDS = 16;
const STEP = 1; // seconds a card grows or shrinks by

export async function view() {
  const [ops, library] = await Promise.all([studioOperations(), api("/v1/library")]);
  const videos = library.filter((v) => v.status === "completed");
  const cards = [];
  const timeline = h("ol", { class: "timeline", "aria-label": "Storyboard timeline" });
  const total = h("output", { class: "total" });
  let dragged = null;

  const render = () => {
    timeline.replaceChildren(...cards.map(cardView));
    const seconds = cards.reduce((s, c) => s + c.seconds, 0);
    total.textContent = `${cards.length} card${cards.length === 1 ? "" : "s"}, ${seconds} s of ${MAX_SECONDS} s`;
  };

  const move = (card, by) => {
    const i = cards.indexOf(card);
    const j = Math.min(cards.length - 1, Math.max(0, i + by));
    cards.splice(j, 0, ...cards.splice(i, 1));
    render();
  };

  function cardView(card, index) {
    const kind = select("kind", [["prompt", "Prompt"], ...(videos.length ? [["video", "My video"]] : [])], card.kind,
      { "aria-label": `Card ${index + 1} kind` });
    kind.addEventListener("change", () => { card.kind = kind.value; card.video ||= videos[0]?.id; render(); });
    const prompt = h("textarea", { rows: "3", maxlength: "4000", value: card.prompt, "aria-label": `Card ${index + 1} prompt`,
      placeholder: "what happens in this scene", oninput: (e) => (card.prompt = e.target.value) });
    const source = card.kind === "video"
      ? select("video", videos.map((v) => [v.id, v.prompt]), card.video, { "aria-label": `Card ${index + 1} video`,
        onchange: (e) => (card.video = e.target.value) })
      : null;
    const seconds = h("input", { type: "number", min: "1", max: String(MAX_SECONDS), value: String(card.seconds),
      "aria-label": `Card ${index + 1} duration in seconds`,
      onchange: (e) => { card.seconds = Math.max(1, Math.min(MAX_SECONDS, Number(e.target.value) || 1)); render(); } });
    // a slider for the keyboard too: arrows change the card's length by a second, Home/End to the limits
    const handle = h("div", { class: "resize", role: "separator", tabindex: "0", "aria-label": `Resize card ${index + 1}`,
      "aria-orientation": "vertical", "aria-valuemin": "1", "aria-valuemax": String(MAX_SECONDS),
      "aria-valuenow": String(card.seconds), "aria-valuetext": `${card.seconds} s` });
    handle.addEventListener("keydown", (e) => {
      const by = { ArrowRight: STEP, ArrowUp: STEP, ArrowLeft: -STEP, ArrowDown: -STEP }[e.key];
      const to = e.key === "Home" ? 1 : e.key === "End" ? MAX_SECONDS : by ? card.seconds + by : null;
      if (to == null) return;
      e.preventDefault();
      card.seconds = Math.max(1, Math.min(MAX_SECONDS, to));
      render();
      timeline.querySelector(`[data-index="${index}"] .resize`).focus();
    });
    handle.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      const startX = e.clientX;
      const startSeconds = card.seconds;
      const unit = item.getBoundingClientRect().width / card.seconds;
      const onmove = (m) => {
        const next = Math.max(1, Math.min(MAX_SECONDS, startSeconds + Math.round((m.clientX - startX) / unit / STEP) * STEP));
        if (next !== card.seconds) {
          card.seconds = next;
          item.style.setProperty("--seconds", next);
          seconds.value = String(next);
        }
      };
      handle.addEventListener("pointermove", onmove);
      handle.addEventListener("pointerup", () => { handle.removeEventListener("pointermove", onmove); render(); }, { once: true });
    });
    const item = h("li", { class: "story-card", draggable: "true", "data-index": String(index), style: `--seconds: ${card.seconds}`,
      ondragstart: (e) => { dragged = card; e.dataTransfer.effectAllowed = "move"; e.dataTransfer.setData("text/plain", String(index)); },
      ondragover: (e) => e.preventDefault(),
      ondrop: (e) => {
        e.preventDefault();
        if (dragged && dragged !== card) {
          const to = cards.indexOf(card);
          cards.splice(cards.indexOf(dragged), 1);
          cards.splice(to, 0, dragged);
          render();
        }
        dragged = null;
      } },
      h("div", { class: "card-head" }, h("span", { class: "number" }, `${index + 1}`), kind,
        h("button", { type: "button", class: "icon", "aria-label": `Move card ${index + 1} earlier`, onclick: () => move(card, -1) }, "←"),
        h("button", { type: "button", class: "icon", "aria-label": `Move card ${index + 1} later`, onclick: () => move(card, 1) }, "→"),
        h("button", { type: "button", class: "icon danger", "aria-label": `Remove card ${index + 1}`,
          onclick: () => { cards.splice(cards.indexOf(card), 1); render(); } }, "✕")),
      prompt, source, h("label", { class: "seconds" }, seconds, " s"), handle);
    return item;
  }

  const add = () => { cards.push({ kind: "prompt", prompt: "", seconds: 2 }); render(); };
  const aspect = select("aspect", ASPECTS, "16:9", { "aria-label": "Aspect" });
  const generate = h("button", { type: "submit", disabled: !ops.has("storyboard") }, "Generate the board");
  const onsubmit = submitting(generate, async () => {
    const seconds = cards.reduce((s, c) => s + c.seconds, 0);
    if (!cards.length || cards.some((c) => !c.prompt.trim())) throw new Invalid("Give every card a prompt.");
    if (seconds > MAX_SECONDS) throw new Invalid(`The board is ${seconds} s long: keep it to ${MAX_SECONDS} s.`);
    const inputs = {};
    let start = 0;
    const board = cards.map((c, i) => {
      const card = { prompt: c.prompt.trim(), start, seconds: c.seconds };
      if (c.kind === "video") inputs[(card.video = `card${i + 1}`)] = c.video;
      start += c.seconds;
      return card;
    });
    showQueued(await studio("storyboard", { prompt: board.map((c) => c.prompt).join("; then "), seconds: String(seconds),
      size: RESOLUTIONS[aspect.value].at(-1)[0], inputs, params: { cards: board } }), "Storyboard queued.");
  });
  add();
  return h("section", { class: "storyboard" },
    h("div", { class: "bar" }, h("h1", {}, "Storyboard"), total),
    ops.has("storyboard") ? null : h("p", { class: "note" }, "Generating storyboards is not offered by this server yet; you can still lay out the board."),
    h("form", { onsubmit, "aria-label": "Storyboard" }, timeline,
      h("div", { class: "bar" }, h("button", { type: "button", onclick: add }, "Add card"), field("Aspect", aspect), generate)));
}
