// Storyboard editor: cards (a prompt, an uploaded image or one of my videos, each joined to the one before by a
// blend or a hard cut) laid out on a timeline with a time ruler, resized there by mouse, touch or keyboard, with
// thumbnails. Boards are drafts saved on the server as they are edited (so they follow the person to any browser);
// generate the whole board as one video.
import { Invalid, api, content, engine, explain, guard, session, studioOperations, submitting } from "../api.js";
import { studio } from "../actions.js";
import { aspectOf, field, h, onLeave, select, when } from "../dom.js";
import { showQueued } from "../jobs.js";
import { ASPECTS, nativeSize } from "../sizes.js";

const MIN_SECONDS = 2; // the engine needs 1 s of each scene, plus half of a 2 s transition, to join scenes
const STEP = 1; // seconds a card grows or shrinks by
const SAVE_AFTER_MS = 400; // typing pauses this long before the board is saved
const blankCard = () => ({ kind: "prompt", prompt: "", seconds: MIN_SECONDS, cut: false });
const fileContent = (id) => `/v1/files/${id}/content`;
const LEGACY = () => `vidloom.storyboard.${session()?.email || ""}`; // where boards were kept before the server did

/** The board a browser kept before drafts lived on the server, taken over once (then forgotten here). */
function legacyBoard() {
  try {
    const board = JSON.parse(localStorage.getItem(LEGACY()));
    if (board && Array.isArray(board.cards) && board.cards.length) return { aspect: board.aspect, cards: board.cards };
  } catch {
    // nothing this version can read
  }
  return null;
}

/** The draft to open: the one named in the address, else the last saved, else a new one. */
async function openDraft(id) {
  if (id) return api(`/v1/studio/drafts/${encodeURIComponent(id)}`);
  const { data } = await api("/v1/studio/drafts");
  if (data.length) return data[0];
  const legacy = legacyBoard();
  const made = await api("/v1/studio/drafts", { method: "POST", json: legacy || { cards: [blankCard()] } });
  localStorage.removeItem(LEGACY());
  return made;
}

/** The body a draft is saved with (the API's DraftIn). */
const saved = (draft) => ({ name: draft.name, aspect: draft.aspect, cards: draft.cards });

export async function view(id) {
  const [ops, library, model, draft, { data: drafts }, usage] = await Promise.all([studioOperations(),
    api("/v1/library"), engine(), openDraft(id), api("/v1/studio/drafts"), api("/v1/usage")]);
  const MAX_SECONDS = usage.max_seconds; // the plan's longest board (Plus 16 s, Pro 24 s)
  if (!draft.cards.length) draft.cards.push(blankCard());
  if (!drafts.some((d) => d.id === draft.id)) drafts.unshift(draft); // made just now, while the list was read
  const { cards } = draft;
  const status = h("output", { class: "saved meta", "aria-live": "polite" }, `Saved ${when(draft.updated_at)}`);
  let timer = null;
  const flush = (keepalive = false) => {
    clearTimeout(timer);
    timer = null;
    status.textContent = "Saving…";
    return api(`/v1/studio/drafts/${draft.id}`, { method: "PUT", json: saved(draft), keepalive }).then((d) => {
      status.textContent = `Saved ${when(d.updated_at)}`;
      status.classList.remove("error");
    }, (err) => {
      status.textContent = `Not saved: ${explain(err)}`;
      status.classList.add("error");
    });
  };
  const save = () => {
    clearTimeout(timer);
    status.textContent = "Unsaved changes";
    timer = setTimeout(flush, SAVE_AFTER_MS);
  };
  const unload = () => timer && flush(true); // a reload or a closed tab still saves the last edit
  window.addEventListener("pagehide", unload);
  onLeave(() => {
    window.removeEventListener("pagehide", unload);
    if (timer) flush();
  });
  const aspects = ASPECTS.filter(([a]) => nativeSize(model, a));
  const aspect = select("aspect", aspects, draft.aspect, { "aria-label": "Aspect" });
  const videos = () => library.filter((v) => v.status === "completed" && aspectOf(v.size).label === aspect.value);
  const list = h("ol", { class: "story-cards", "aria-label": "Storyboard cards" });
  const timeline = h("div", { class: "timeline", role: "group", "aria-label": "Storyboard timeline" });
  const total = h("output", { class: "total" });
  let dragged = null;

  const render = (changed = true) => {
    if (changed) save();
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
      : card.kind === "image" && card.image ? h("img", { src: fileContent(card.image), alt: "" })
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
    const kind = select("kind", [["prompt", "Prompt"], ["image", "Image"], ...(mine.length ? [["video", "My video"]] : [])],
      card.kind, { "aria-label": `Card ${index + 1} kind` });
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
      : card.kind === "image" ? imagePicker(card, index) : null;
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

  /** An image card's picture: the uploaded image (a /v1/files file, so the job reads the same bytes) and a picker. */
  function imagePicker(card, index) {
    const label = `Card ${index + 1} image`;
    const input = h("input", { type: "file", accept: "image/png,image/jpeg,image/webp", "aria-label": label });
    const note = h("span", { class: "meta" }, card.image ? card.image_name || "image" : "no image yet");
    input.addEventListener("change", guard(async () => {
      const file = input.files[0];
      if (!file) return;
      const form = new FormData();
      form.append("purpose", "vision");
      form.append("file", file);
      note.textContent = `Uploading ${file.name}…`;
      try {
        const uploaded = await api("/v1/files", { method: "POST", form });
        Object.assign(card, { image: uploaded.id, image_name: uploaded.filename });
      } finally {
        render();
      }
    }));
    return h("div", { class: "attachment card-image" },
      card.image ? h("img", { src: fileContent(card.image), alt: `${label}: ${card.image_name || "uploaded image"}` }) : null,
      note, field(card.image ? "Replace image" : "Choose image", input));
  }

  const add = () => { cards.push(blankCard()); render(); };
  aspect.addEventListener("change", () => {
    draft.aspect = aspect.value;
    for (const card of cards) if (card.kind === "video" && !videos().some((v) => v.id === card.video)) card.kind = "prompt";
    render();
  });
  const generate = h("button", { type: "submit", disabled: !ops.has("storyboard") }, "Generate the board");
  const onsubmit = submitting(generate, async () => {
    const seconds = cards.reduce((s, c) => s + c.seconds, 0);
    if (!cards.length || cards.some((c) => !c.prompt.trim())) throw new Invalid("Give every card a prompt.");
    const imageless = cards.findIndex((c) => c.kind === "image" && !c.image);
    if (imageless >= 0) throw new Invalid(`Choose an image for card ${imageless + 1}, or make it a prompt card.`);
    if (seconds > MAX_SECONDS) throw new Invalid(`The board is ${seconds} s long: keep it to ${MAX_SECONDS} s.`);
    const inputs = {};
    let start = 0;
    const board = cards.map((c, i) => {
      const card = { prompt: c.prompt.trim(), start, seconds: c.seconds, cut: i > 0 && c.cut };
      if (c.kind === "video") inputs[(card.video = `card${i + 1}`)] = c.video;
      if (c.kind === "image") inputs[(card.image = `card${i + 1}`)] = c.image;
      start += c.seconds;
      return card;
    });
    showQueued(await studio("storyboard", { prompt: board.map((c) => c.prompt).join("; then "), seconds: String(seconds),
      size: nativeSize(model, aspect.value), inputs, params: { cards: board } }), "Storyboard queued.");
  });
  const name = h("input", { type: "text", maxlength: "100", value: draft.name, required: true,
    oninput: () => {
      draft.name = name.value.trim() || "Untitled board";
      boards.selectedOptions[0].textContent = draft.name;
      save();
    } });
  const boards = select("draft", drafts.map((d) => [d.id, d.id === draft.id ? draft.name : `${d.name} · ${when(d.updated_at)}`]),
    draft.id, { onchange: () => { location.hash = `#/storyboard/${boards.value}`; } });
  const fresh = h("button", { type: "button", onclick: guard(async () => {
    if (timer) await flush();
    location.hash = `#/storyboard/${(await api("/v1/studio/drafts", { method: "POST", json: { cards: [blankCard()] } })).id}`;
  }) }, "New board");
  const remove = h("button", { type: "button", class: "danger", onclick: guard(async () => {
    if (!confirm(`Delete the board "${draft.name}"?`)) return;
    clearTimeout(timer);
    timer = null;
    await api(`/v1/studio/drafts/${draft.id}`, { method: "DELETE" });
    location.hash = `#/storyboard/${(await openDraft()).id}`; // the last saved board, or a new one: never this one
  }) }, "Delete board");
  render(false);
  return h("section", { class: "storyboard" },
    h("div", { class: "bar" }, h("h1", {}, "Storyboard"), total),
    h("div", { class: "bar drafts" }, field("Board", boards), field("Board name", name), fresh, remove, status),
    ops.has("storyboard") ? null : h("p", { class: "note" }, "Generating storyboards is not offered by this server yet; you can still lay out the board."),
    h("form", { onsubmit, "aria-label": "Storyboard" }, list, timeline,
      h("p", { class: "meta" }, `Boards are saved on this server as you edit them, so they are here from any browser you sign in on. `
        + `The board is made by ${model.id}.`),
      h("div", { class: "bar" }, h("button", { type: "button", onclick: add }, "Add card"), field("Aspect", aspect), generate)));
}
