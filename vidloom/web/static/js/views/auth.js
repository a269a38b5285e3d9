// Sign-up and log-in pages.
import { api, remember, submitting } from "../api.js";
import { field, h } from "../dom.js";

function form(title, action, submit, other) {
  const email = h("input", { type: "email", name: "email", required: true, autocomplete: "email" });
  const password = h("input", { type: "password", name: "password", required: true, minlength: "8",
    autocomplete: action === "signup" ? "new-password" : "current-password" });
  const button = h("button", { type: "submit" }, submit);
  const onsubmit = submitting(button, async () => {
    const credentials = { email: email.value, password: password.value };
    if (action === "signup") await api("/v1/auth/signup", { method: "POST", json: credentials });
    remember(await api("/v1/auth/login", { method: "POST", json: credentials }));
    location.hash = "#/create";
  });
  return h("section", { class: "auth panel" },
    h("p", { class: "pitch" }, h("strong", {}, "vidloom"), " turns a sentence, an image or a clip into a short video, ",
      "on this server, with open models. Remix, loop, extend, re-cut and blend what you make, lay out a storyboard, ",
      "and share on the community feed. Every video carries a signed record of how it was made (C2PA)."),
    h("h1", {}, title),
    h("form", { onsubmit, "aria-label": title }, field("Email", email), field("Password", password), button),
    other);
}

export function login() {
  return form("Sign in", "login", "Sign in", h("p", {}, "New here? ", h("a", { href: "#/signup" }, "Create an account")));
}

export function signup() {
  return form("Create your account", "signup", "Sign up",
    h("p", {}, "Already have an account? ", h("a", { href: "#/login" }, "Sign in")));
}
