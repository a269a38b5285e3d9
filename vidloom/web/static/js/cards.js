// A video card: thumbnail (in the video's own aspect) that plays the clip on hover (or focus), the prompt under it.
import { content } from "./api.js";
import { aspectOf, h } from "./dom.js";

/** `meta`: the line under the prompt (author, date ...); `feed`: files come from the feed's endpoints. */
export function videoCard(item, { feed = false, href, meta, actions = [] } = {}) {
  const thumb = h("img", { src: content(item.id, "thumbnail", feed), alt: "", loading: "lazy" });
  const frame = h("div", { class: "frame", style: `--ratio: ${aspectOf(item.size).ratio}` }, thumb);
  let player;
  const play = () => {
    player ||= h("video", { src: content(item.id, "video", feed), muted: true, loop: true, playsinline: true,
      "aria-hidden": "true" });
    player.muted = true;
    frame.append(player);
    player.play().catch(() => {});
  };
  const stop = () => {
    player?.pause();
    player?.remove();
  };
  const link = h("a", { href: href || `#/video/${item.id}`, class: "cover", "aria-label": `Open: ${item.prompt}`,
    onmouseenter: play, onmouseleave: stop, onfocus: play, onblur: stop }, frame);
  return h("li", { class: "card", "data-id": item.id },
    link, h("p", { class: "prompt" }, item.prompt), h("p", { class: "meta" }, meta), h("div", { class: "actions" }, actions));
}
