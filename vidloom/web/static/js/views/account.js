// Account: plan, quota used this month, API keys (created keys shown once, revoke), sign out.
import { api, forget, guard, session, upgrade } from "../api.js";
import { field, h, notice } from "../dom.js";
import { allowance } from "./create.js";

function keyRow(key) {
  return h("li", {}, h("code", {}, key.hint), ` created ${new Date(key.created_at * 1000).toLocaleString()} `,
    h("button", { type: "button", class: "danger", "aria-label": `Revoke key ${key.hint}`, onclick: guard(async (e) => {
      await api(`/v1/keys/${key.id}`, { method: "DELETE" });
      e.target.closest("li").remove();
      notice("Key revoked.", "info");
    }) }, "Revoke"));
}

export async function view() {
  const [usage, keys] = await Promise.all([api("/v1/usage"), api("/v1/keys")]);
  const list = h("ul", { class: "keys", "aria-label": "API keys" }, keys.map(keyRow));
  const shown = h("div", { class: "new-key", "aria-live": "polite" });
  const create = h("button", { type: "button", onclick: guard(async () => {
    const key = await api("/v1/keys", { method: "POST" });
    shown.replaceChildren(h("p", {}, "Your new API key. Copy it now: it will not be shown again."),
      field("New API key", h("input", { type: "text", readonly: true, value: key.key, class: "secret" })));
    list.append(keyRow({ id: key.id, hint: `...${key.key.slice(-4)}`, created_at: Date.now() / 1000 }));
  }) }, "Create API key");
  const signOut = h("button", { type: "button", onclick: async () => {
    try {
      await api("/v1/auth/logout", { method: "POST" });
    } catch {
      // signed out already
    }
    forget();
    location.hash = "#/login";
  } }, "Sign out");
  const used = h("progress", { max: String(usage.monthly_videos), value: String(usage.used_this_month), "aria-label": "Quota used" });
  return h("section", { class: "account" },
    h("h1", {}, "Account"),
    h("div", { class: "panel" },
      h("dl", { class: "facts" }, h("dt", {}, "Signed in as"), h("dd", {}, session()?.email || ""),
        h("dt", {}, "Plan"), h("dd", { class: "plan" }, usage.plan === "pro" ? "Pro" : "Plus"),
        h("dt", {}, "Used this month"), h("dd", { class: "used" }, `${usage.used_this_month} of ${usage.monthly_videos} videos`),
        h("dt", {}, "Left"), h("dd", { class: "left" }, allowance(usage)),
        h("dt", {}, "Running now"), h("dd", {}, `${usage.active_jobs} of ${usage.concurrent_jobs} at once`)),
      used, usage.plan === "pro" ? null : h("p", { class: "meta upgrade" },
        "Pro: 500 videos a month, served first, five at once, no visible watermark. ", upgrade()), signOut),
    h("div", { class: "panel" }, h("h2", {}, "API keys"), list, create, shown));
}
