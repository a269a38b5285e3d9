// Community feed: featured and recent, prompts shown, likes, search, "remix this".
import { api, guard } from "../api.js";
import { field, h, notice } from "../dom.js";
import { videoCard } from "../cards.js";

function likeButton(item) {
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

function remixThis(item) {
  const prompt = h("input", { type: "text", name: "prompt", required: true, maxlength: "4000", value: item.prompt });
  const form = h("form", { class: "remix-this", hidden: true, "aria-label": `Remix: ${item.prompt}`, onsubmit: guard(async (e) => {
    e.preventDefault();
    await api(`/v1/feed/${item.id}/remix`, { method: "POST", json: { prompt: prompt.value } });
    notice("Remix queued.", "info");
    location.hash = "#/create";
  }) }, field("Your prompt", prompt), h("button", { type: "submit" }, "Queue remix"));
  const open = h("button", { type: "button", "aria-expanded": "false", onclick: () => {
    form.hidden = !form.hidden;
    open.setAttribute("aria-expanded", String(!form.hidden));
  } }, "Remix this");
  return [open, form];
}

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
    const params = new URLSearchParams({ tab, ...(search.value.trim() ? { q: search.value.trim() } : {}) });
    const { data } = await api(`/v1/feed?${params}`);
    grid.replaceChildren(...data.map((item) => videoCard(item, { feed: true, href: `/v1/feed/${item.id}/content`,
      actions: [likeButton(item), ...remixThis(item),
        ...(item.remixed_from_video_id ? [h("span", { class: "made-from" }, `Remix of ${item.remixed_from_video_id}`)] : [])] })));
    if (!data.length) grid.append(h("li", { class: "empty" }, "Nothing published matches."));
  });
  const form = h("form", { class: "inline", role: "search", onsubmit: (e) => { e.preventDefault(); load(); } },
    search, h("button", { type: "submit" }, "Search"));
  await load();
  return h("section", {}, h("div", { class: "bar" }, h("h1", {}, "Feed"),
    h("div", { role: "tablist", "aria-label": "Feed tabs" }, tabs), form), grid);
}
