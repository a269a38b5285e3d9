// A published video's page in the feed: player, author, date, prompt, likes, what it was remixed from, and a
// remix form with strength.
import { api, content } from "../api.js";
import { aspectOf, h } from "../dom.js";
import { byline, likeButton, remixForm } from "./feed.js";

export async function view(id) {
  const item = await api(`/v1/feed/${id}`);
  const source = !item.remixed_from_video_id ? null : item.remixed_from_prompt
    ? h("a", { href: `#/watch/${item.remixed_from_video_id}` }, item.remixed_from_prompt) : "a video that is not published";
  return h("article", { class: "detail watch", "data-id": id },
    h("div", { class: "media" },
      h("video", { src: content(id, "video", true), controls: true, loop: true, playsinline: true,
        poster: content(id, "thumbnail", true), class: "player", style: `--ratio: ${aspectOf(item.size).ratio}`,
        "aria-label": `Video: ${item.prompt}` })),
    h("div", { class: "info" },
      h("h1", { class: "prompt" }, item.prompt),
      h("p", { class: "meta byline" }, byline(item)),
      source ? h("p", { class: "lineage" }, "Remix of ", source) : null,
      h("div", { class: "bar" }, likeButton(item)),
      h("h2", {}, "Remix it"),
      remixForm(item)));
}
