// Storyboard editor: cards (a prompt, or one of my videos, each joined to the one before by a blend or a hard cut)
// laid out on a timeline with a time ruler, resized there by mouse, touch or keyboard, with thumbnails; the board is
// kept in this browser between visits; generate the whole board as one video.
import { Invalid, api, content, session, studioOperations, submitting } from "../api.js";
import { studio } from "../actions.js";
import { aspectOf, field, h, select } from "../dom.js";
import { showQueued } from "../jobs.js";
import { ASPECTS, RESOLUTIONS } from "../sizes.js";

const MAX_SECONDS = 16;
const MIN_SECONDS = 2; // the engine needs 1 s of each scene, plus half of a 2 s transition, to join scenes
const STEP = 1; // seconds a card grows or shrinks by
const draftKey = () => `vidloom.storyboard.${session()?.email || ""}`;

function loadDraft() {
  try {
    const draft = JSON.parse(localStorage.getItem(draftKey()));
    if (draft && Array.isArray(draft.cards) && draft.cards.length) return draft;
  } catch {
    // no draft, or one this version cannot read: start afresh
  }
  return { aspect: "16:9", cards: [{ kind: "prompt", prompt: "", seconds: 2, cut: false }] };
}

export async function view() {
  const [ops, library] = await Promise.all([studioOperations(), api("/v1/library")]);
  const draft = loadDraft();
  const { cards } = draft;
  const save = () => localStorage.setItem(draftKey(), JSON.stringify(draft));
  const aspect = select("aspect", ASPECTS, draft.aspect, { "aria-label": "Aspect" });
  const videos = () => library.filter((v) => v.status === "completed" && aspectOf(v.size).label === aspect.value);
  const list = h("ol", { class: "story-cards", "aria-label": "Storyboard cards" });
  const timeline = h("div", { class: "timeline", role: "group", "aria-label": "Storyboard timeline" });
  const total = h("output", { class: "total" });
  let dragged = null;

  const render = () => {
    save();
    list.replaceChildren(...cards.map(cardView));
    timeline.replaceChildren(ruler(), h("div", { class: "track" }, cards.map(segment)));
    const seconds = cards.reduce((s, c) => s + c.seconds, 0);
    total.textContent = `${cards.length} card${cards.length === 1 ? "" : "s"}, ${seconds} s of ${MAX_SECONDS} s`;
    total.classList.toggle("error", seconds > MAX_SECONDS);
  };

  const move = (card, by) => {
    const i = cards.indexOf(card);
    const j = Math.min(cards.length - 1, Math.max(0, i + by));
    cards.splice(j, 0, ...cards.splice(i, 1));
    render();
  };
  const resize = (card, seconds) => {
    card.seconds = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    render();
  };

  function ruler() {
    return h("div", { class: "ruler", "aria-hidden": "true" }, Array.from({ length: MAX_SECONDS + 1 }, (_, s) =>
      h("span", { class: s % 2 ? "tick" : "tick major", style: `left: ${(s / MAX_SECONDS) * 100}%` }, s % 2 ? "" : `${s} s`)));
  }

  /** A card on the timeline: as wide as its seconds, with its thumbnail and a handle on its right edge. */
  function segment(card, index) {
    const video = card.kind === "video" ? library.find((v) => v.id === card.video) : null;
    const picture = video ? h("img", { src: content(video.id, "thumbnail"), alt: "" })
      : h("span", { class: "words" }, card.prompt.trim() || "empty prompt");
    const handle = h("div", { class: "resize", role: "separator", tabindex: "0", "aria-label": `Resize card ${index + 1}`,
      "aria-orientation": "vertical", "aria-valuemin": String(MIN_SECONDS), "aria-valuemax": String(MAX_SECONDS),
      "aria-valuenow": String(card.seconds), "aria-valuetext": `${card.seconds} s` });
    handle.addEventListener("keydown", (e) => { // arrows: a second at a time; Home/End: to the limits
      const by = { ArrowRight: STEP, ArrowUp: STEP, ArrowLeft: -STEP, ArrowDown: -STEP }[e.key];
      const to = e.key === "Home" ? MIN_SECONDS : e.key === "End" ? MAX_SECONDS : by ? card.seconds + by : null;
      if (to == null) return;
      e.preventDefault();
      resize(card, to);
      timeline.querySelectorAll(".resize")[index].focus();
    });
    handle.addEventListener("pointerdown", (e) => { // mouse, pen or touch: one second per 1/16 of the track
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      const startX = e.clientX;
      const startSeconds = card.seconds;
      const unit = timeline.querySelector(".track").getBoundingClientRect().width / MAX_SECONDS;
      const onmove = (m) => {
        const next = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, startSeconds + Math.round((m.clientX - startX) / unit / STEP) * STEP));
        if (next !== card.seconds) {
          card.seconds = next;
          item.style.setProperty("--seconds", next);
          handle.setAttribute("aria-valuenow", String(next));
          list.querySelector(`[data-index="${index}"] .seconds input`).value = String(next);
          total.textContent = `${cards.length} card${cards.length === 1 ? "" : "s"}, `
            + `${cards.reduce((s, c) => s + c.seconds, 0)} s of ${MAX_SECONDS} s`;
        }
      };
      handle.addEventListener("pointermove", onmove);
      handle.addEventListener("pointerup", () => { handle.removeEventListener("pointermove", onmove); render(); }, { once: true });
    });
    const item = h("div", { class: `segment${card.cut ? " cut" : ""}`, style: `--seconds: ${card.seconds}`,
      "data-index": String(index), title: card.prompt },
      h("span", { class: "number" }, `${index + 1}`), picture, handle);
    return item;
  }

  function cardView(card, index) {
    const mine = videos();
    const kind = select("kind", [["prompt", "Prompt"], ...(mine.length ? [["video", "My video"]] : [])], card.kind,
      { "aria-label": `Card ${index + 1} kind` });
    kind.addEventListener("change", () => { card.kind = kind.value; card.video ||= mine[0]?.id; render(); });
    const prompt = h("textarea", { rows: "3", maxlength: "4000", value: card.prompt, "aria-label": `Card ${index + 1} prompt`,
      placeholder: "what happens in this scene", oninput: (e) => {
        card.prompt = e.target.value;
        save();
        const words = timeline.querySelector(`.segment[data-index="${index}"] .words`);
        if (words) words.textContent = card.prompt.trim() || "empty prompt";
      } });
    const source = card.kind === "video"
      ? select("video", mine.map((v) => [v.id, v.prompt]), card.video, { "aria-label": `Card ${index + 1} video`,
        onchange: (e) => { card.video = e.target.value; render(); } })
      : null;
    const join = index === 0 ? null : select("join", [["blend", "Blend from the card before"], ["cut", "Hard cut"]],
      card.cut ? "cut" : "blend", { "aria-label": `Card ${index + 1} join`, onchange: (e) => { card.cut = e.target.value === "cut"; render(); } });
    const seconds = h("input", { type: "number", min: String(MIN_SECONDS), max: String(MAX_SECONDS), value: String(card.seconds),
      "aria-label": `Card ${index + 1} duration in seconds`, onchange: (e) => {
        resize(card, Number(e.target.value) || MIN_SECONDS);
        list.querySelector(`[data-index="${index}"] .seconds input`).focus();
      } });
    return h("li", { class: "story-card", draggable: "true", "data-index": String(index),
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
      prompt, source, join, h("label", { class: "seconds" }, seconds, " s"));
  }

  const add = () => { cards.push({ kind: "prompt", prompt: "", seconds: MIN_SECONDS, cut: false }); render(); };
  aspect.addEventListener("change", () => {
    draft.aspect = aspect.value;
    for (const card of cards) if (card.kind === "video" && !videos().some((v) => v.id === card.video)) card.kind = "prompt";
    render();
  });
  const generate = h("button", { type: "submit", disabled: !ops.has("storyboard") }, "Generate the board");
  const onsubmit = submitting(generate, async () => {
    const seconds = cards.reduce((s, c) => s + c.seconds, 0);
    if (!cards.length || cards.some((c) => !c.prompt.trim())) throw new Invalid("Give every card a prompt.");
    if (seconds > MAX_SECONDS) throw new Invalid(`The board is ${seconds} s long: keep it to ${MAX_SECONDS} s.`);
    const inputs = {};
    let start = 0;
    const board = cards.map((c, i) => {
      const card = { prompt: c.prompt.trim(), start, seconds: c.seconds, cut: i > 0 && c.cut };
      if (c.kind === "video") inputs[(card.video = `card${i + 1}`)] = c.video;
      start += c.seconds;
      return card;
    });
    showQueued(await studio("storyboard", { prompt: board.map((c) => c.prompt).join("; then "), seconds: String(seconds),
      size: RESOLUTIONS[aspect.value].at(-1)[0], inputs, params: { cards: board } }), "Storyboard queued.");
  });
  const clear = h("button", { type: "button", class: "danger", onclick: () => {
    draft.cards.splice(0, cards.length, { kind: "prompt", prompt: "", seconds: MIN_SECONDS, cut: false });
    render();
  } }, "Start a new board");
  render();
  return h("section", { class: "storyboard" },
    h("div", { class: "bar" }, h("h1", {}, "Storyboard"), total),
    ops.has("storyboard") ? null : h("p", { class: "note" }, "Generating storyboards is not offered by this server yet; you can still lay out the board."),
    h("form", { onsubmit, "aria-label": "Storyboard" }, list, timeline,
      h("p", { class: "meta" }, "Your board is kept in this browser until you start a new one."),
      h("div", { class: "bar" }, h("button", { type: "button", onclick: add }, "Add card"), field("Aspect", aspect), clear, generate)));
}
