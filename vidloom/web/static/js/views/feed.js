// Community feed: featured and recent, prompts, authors and dates shown, likes, search, "remix this"; a card
// opens the video's page.
import { api, guard, submitting } from "../api.js";
import { field, h, when } from "../dom.js";
import { videoCard } from "../cards.js";
import { showQueued } from "../jobs.js";
import { strengthControl } from "../actions.js";

export function likeButton(item) {
  const button = h("button", { type: "button", class: "like", "aria-pressed": String(item.liked),
    "aria-label": `Like: ${item.prompt}` }, `♥ ${item.likes}`);
  button.addEventListener("click", guard(async () => {
    const now = await api(`/v1/feed/${item.id}/like`, { method: item.liked ? "DELETE" : "POST" });
    Object.assign(item, now);
    button.setAttribute("aria-pressed", String(now.liked));
    button.textContent = `♥ ${now.likes}`;
  }));
  return button;
}

/** Remix someone's published video into one of your own: prompt and strength. */
export function remixForm(item, { hidden = false } = {}) {
  const prompt = h("input", { type: "text", name: "prompt", required: true, maxlength: "4000", value: item.prompt });
  const { strength, controls } = strengthControl();
  const button = h("button", { type: "submit" }, "Queue remix");
  return h("form", { class: "remix-this", hidden, "aria-label": `Remix: ${item.prompt}`, onsubmit: submitting(button, async () => {
    const video = await api(`/v1/feed/${item.id}/remix`, { method: "POST", json: {
      prompt: prompt.value, strength: Number(strength.value) } });
    showQueued([video], "Remix queued.");
  }) }, field("Your prompt", prompt), controls, button);
}

function remixThis(item) {
  const form = remixForm(item, { hidden: true });
  const open = h("button", { type: "button", "aria-expanded": "false", onclick: () => {
    form.hidden = !form.hidden;
    open.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) form.querySelector("input").focus();
  } }, "Remix this");
  return [open, form];
}

export const byline = (item) => `by ${item.author} · ${when(item.published_at)}`;

export async function view() {
  const grid = h("ul", { class: "grid", "aria-label": "Published videos" });
  const search = h("input", { type: "search", name: "q", maxlength: "200", placeholder: "Search prompts",
    "aria-label": "Search prompts" });
  const tabs = ["recent", "featured"].map((tab) => h("button", { type: "button", role: "tab", "data-tab": tab,
    "aria-selected": String(tab === "recent"), onclick: (e) => {
      tabs.forEach((t) => t.setAttribute("aria-selected", String(t === e.currentTarget)));
      load();
    } }, tab === "recent" ? "Recent" : "Featured"));

  const load = guard(async () => {
    const tab = tabs.find((t) => t.getAttribute("aria-selected") === "true").dataset.tab;
    const query = search.value.trim();
    const params = new URLSearchParams({ tab, ...(query ? { q: query } : {}) });
    const { data } = await api(`/v1/feed?${params}`);
    grid.replaceChildren(...data.map((item) => videoCard(item, { feed: true, href: `#/watch/${item.id}`,
      meta: byline(item), actions: [likeButton(item), ...remixThis(item),
        ...(item.remixed_from_video_id ? [h("span", { class: "made-from" }, `Remix of ${item.remixed_from_video_id}`)] : [])] })));
    if (!data.length) {
      grid.append(h("li", { class: "empty" }, query ? "Nothing published matches."
        : tab === "featured" ? "Nothing featured yet: videos appear here once people like them."
          : "Nothing published yet: publish one of your videos from its page in your library."));
    }
  });
  const form = h("form", { class: "inline", role: "search", onsubmit: (e) => { e.preventDefault(); load(); } },
    search, h("button", { type: "submit" }, "Search"));
  await load();
  return h("section", {}, h("div", { class: "bar" }, h("h1", {}, "Feed"),
    h("div", { role: "tablist", "aria-label": "Feed tabs" }, tabs), form), grid);
}
