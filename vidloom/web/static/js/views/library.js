// Library: my videos as a grid, each tile in its video's aspect; favourites and folders as filters; favourite,
// file in a folder, delete.
import { api, guard } from "../api.js";
import { aspectOf, h, notice, select, when } from "../dom.js";
import { videoCard } from "../cards.js";

export async function view() {
  const [folders, favourites] = await Promise.all([api("/v1/folders"), api("/v1/library?favourites=true")]);
  const starred = new Set(favourites.map((v) => v.id));
  const filter = select("filter", [["", "All videos"], ["favourites", "Favourites"],
    ...folders.map((f) => [f.id, `Folder: ${f.name}`])], "", { "aria-label": "Show" });
  const grid = h("ul", { class: "grid", "aria-label": "My videos" });

  const favourite = (v) => {
    const button = h("button", { type: "button", class: "icon", "aria-pressed": String(starred.has(v.id)),
      "aria-label": `Favourite: ${v.prompt}` }, "★");
    button.addEventListener("click", guard(async () => {
      const on = !starred.has(v.id);
      await api(`/v1/videos/${v.id}`, { method: "PATCH", json: { favourite: on } });
      on ? starred.add(v.id) : starred.delete(v.id);
      button.setAttribute("aria-pressed", String(on));
    }));
    return button;
  };
  const fileIn = (v) => {
    const menu = select("folder", [["", "Folder…"], ...folders.map((f) => [f.id, f.name]), ["none", "Out of its folder"]],
      "", { "aria-label": `Folder for: ${v.prompt}`, class: "folder-menu" });
    menu.addEventListener("change", guard(async () => {
      const folder = folders.find((f) => f.id === menu.value);
      await api(`/v1/videos/${v.id}`, { method: "PATCH", json: { folder_id: folder ? folder.id : "" } });
      notice(folder ? `Moved to ${folder.name}.` : "Taken out of its folder.", "info");
      menu.value = "";
      if (filter.value && filter.value !== "favourites") load(); // it may have left the folder shown
    }));
    return menu;
  };
  const remove = (v) => h("button", { type: "button", class: "icon danger", "aria-label": `Delete: ${v.prompt}`,
    onclick: guard(async (e) => {
      if (!confirm("Delete this video and its files?")) return;
      await api(`/v1/videos/${v.id}`, { method: "DELETE" });
      e.target.closest("li").remove();
      notice("Deleted.", "info");
    }) }, "✕");

  const load = async () => {
    const query = filter.value === "favourites" ? "?favourites=true" : filter.value ? `?folder_id=${filter.value}` : "";
    const videos = (await api(`/v1/library${query}`)).filter((v) => v.status === "completed");
    grid.replaceChildren(...videos.map((v) => videoCard(v, { meta: `${aspectOf(v.size).label} · ${when(v.created_at)}`,
      actions: [favourite(v), fileIn(v), remove(v)] })));
    if (!videos.length) grid.append(h("li", { class: "empty" }, "No videos here yet: create one from the prompt bar."));
  };
  filter.addEventListener("change", load);

  const name = h("input", { type: "text", name: "folder", maxlength: "100", required: true, "aria-label": "New folder name",
    placeholder: "New folder" });
  const newFolder = h("form", { class: "inline", "aria-label": "New folder", onsubmit: guard(async (e) => {
    e.preventDefault();
    const folder = await api("/v1/folders", { method: "POST", json: { name: name.value } });
    filter.append(h("option", { value: folder.id }, `Folder: ${folder.name}`));
    folders.push(folder);
    name.value = "";
    await load(); // every tile's folder menu offers it
    notice(`Folder ${folder.name} created.`, "info");
  }) }, name, h("button", { type: "submit" }, "Add folder"));

  await load();
  return h("section", {}, h("div", { class: "bar" }, h("h1", {}, "Library"), filter, newFolder), grid);
}
