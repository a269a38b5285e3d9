// Sizes and lengths the server's engine takes, from its /v1/models entry: OpenAI's sizes and the engine's native ones.
import { aspectOf } from "./dom.js";

export const ASPECTS = [["16:9", "16:9 landscape"], ["9:16", "9:16 portrait"], ["1:1", "1:1 square"]];

const NAMED = [["1280x720", "720p"], ["1792x1024", "1080p class (Pro)"], ["720x1280", "720p"], ["1024x1792", "1080p class (Pro)"]];

/** The engine's native size for `aspect` (what it draws; nothing is resized), or undefined when it has none. */
export const nativeSize = (model, aspect) => model.native_sizes.find((size) => aspectOf(size).label === aspect);

/** [size, label] choices for `aspect` on the engine `model`: OpenAI's sizes it takes, then its native size last. */
export function resolutions(model, aspect) {
  const out = NAMED.filter(([size]) => aspectOf(size).label === aspect && model.sizes.includes(size))
    .map(([size, label]) => [size, size === nativeSize(model, aspect) ? `${label} (native)` : label]);
  const native = nativeSize(model, aspect);
  if (native && !out.some(([size]) => size === native)) out.push([native, `Native ${native}`]);
  return out;
}

/** [seconds, label] choices the engine `model` takes. */
export const durations = (model) => [1, 2, 4, 8, 12, 16].filter((s) => model.seconds.includes(String(s)))
  .map((s) => [String(s), `${s} s`]);
