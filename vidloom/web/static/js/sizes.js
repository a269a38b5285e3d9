// Sizes the API accepts, by aspect ratio: OpenAI's values and the built-in engine's native sizes.
export const ASPECTS = [["16:9", "16:9 landscape"], ["9:16", "9:16 portrait"], ["1:1", "1:1 square"]];

export const RESOLUTIONS = {
  "16:9": [["1280x720", "720p"], ["1792x1024", "1080p class (Pro)"], ["224x128", "Draft (native)"]],
  "9:16": [["720x1280", "720p"], ["1024x1792", "1080p class (Pro)"], ["128x224", "Draft (native)"]],
  "1:1": [["128x128", "Draft (native)"]],
};

export const DURATIONS = [1, 2, 4, 8, 12, 16].map((s) => [String(s), `${s} s`]);
