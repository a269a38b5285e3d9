// The appeal form: ask a person to look again at a refusal (POST /v1/feedback, kind "appeal"), of a prompt the
// prompt bar or an action form sent, or of a video of mine (#/appeal/VIDEO_ID) refused after it was made.
import { api, refused, submitting } from "../api.js";
import { field, h } from "../dom.js";

export async function view(videoId) {
  const video = videoId ? await api(`/v1/videos/${videoId}`) : null;
  const { prompt = "", message: reason = "" } = video ? { prompt: video.prompt, message: video.error?.message } : refused();
  const what = h("textarea", { name: "prompt", rows: "2", maxlength: "2000", value: prompt });
  const why = h("textarea", { name: "message", rows: "4", required: true, maxlength: "1800",
    placeholder: "what you meant, and why it should be allowed" });
  const button = h("button", { type: "submit" }, "Send appeal");
  const done = h("p", { class: "confirm", role: "status", hidden: true });
  const onsubmit = submitting(button, async () => {
    const message = [what.value.trim() && `Refused prompt: ${what.value.trim()}`, reason && `Refusal: ${reason}`,
      `Appeal: ${why.value.trim()}`].filter(Boolean).join("\n");
    await api("/v1/feedback", { method: "POST", json: { kind: "appeal", message, video_id: video?.id } });
    done.textContent = "Thank you: your appeal was sent. A person will review it; the refusal stands until then.";
    done.hidden = false;
    why.value = "";
  });
  return h("section", { class: "appeal" },
    h("h1", {}, "Appeal a refusal"),
    h("form", { class: "panel prompt-bar", onsubmit, "aria-label": "Appeal a refusal" },
      reason ? h("p", { class: "meta" }, `Refused: ${reason.replace(/: rephrase it.*$/, "")}.`) : null,
      field("The prompt that was refused", what), field("Why should it be allowed?", why), button, done));
}
