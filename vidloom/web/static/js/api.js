// The HTTP API: JSON in and out, the session's CSRF token on unsafe requests, errors as clear messages shown
// next to what caused them.
import { connectionLost } from "./connection.js";
import { h, notice } from "./dom.js";

const KEY = "vidloom.session"; // {email, csrf} of the signed-in browser session

export class ApiError extends Error {
  constructor(status, body, headers) {
    const error = (body && body.error) || {};
    super(error.message || `the server answered ${status}`);
    this.status = status;
    this.code = error.code;
    this.param = error.param;
    this.headers = headers;
  }
}

/** How to get Pro: an operator moves the account (there is no payment in a self-hosted vidloom). */
export const upgrade = () => "Upgrade to Pro for more: ask the operator of this vidloom server to run "
  + `\`vidloom users plan ${session()?.email || "YOUR-EMAIL"} pro\`.`;

/** The server could not be reached at all (it is down, or the network is). */
export class Unreachable extends Error {}

/** A form's values cannot be sent as they are; the message says what to change. */
export class Invalid extends Error {}

export function session() {
  try {
    return JSON.parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function remember(account) {
  localStorage.setItem(KEY, JSON.stringify({ email: account.email, csrf: account.csrf_token }));
}

export function forget() {
  localStorage.removeItem(KEY);
}

/** Call the API; `json` or `form` (FormData) is the body; `keepalive` lets it finish while the page unloads.
 * Throws ApiError on any non-2xx answer. */
export async function api(path, { method = "GET", json, form, keepalive = false } = {}) {
  const headers = {};
  let body;
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  if (method !== "GET") headers["x-csrf-token"] = session()?.csrf || "";
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin", keepalive });
  } catch {
    connectionLost();
    throw new Unreachable("the vidloom server cannot be reached");
  }
  const data = (response.headers.get("content-type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith("/v1/auth/")) {
      forget();
      location.hash = "#/login";
    }
    throw new ApiError(response.status, data, response.headers);
  }
  return data;
}

/** `text` as a sentence: a capital first letter and a full stop. */
export const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1).replace(/([^.!?])$/, "$1.");

/** A sentence for the person in front of the screen. */
export function explain(err) {
  if (err instanceof Unreachable) {
    return "The vidloom server cannot be reached right now: try again once it is back.";
  }
  if (err instanceof Invalid) return err.message;
  if (!(err instanceof ApiError)) return `Something went wrong in the studio: ${err.message}`;
  if (err.status === 429) {
    return `Over your plan's limit: ${err.message}. ${upgrade()}`;
  }
  if (err.status === 403 && err.code === "csrf_failed") return "Your session expired: please sign in again.";
  return sentence(err.message);
}

const APPEAL = "vidloom.appeal"; // the refused request an appeal is about

/** The refusal the appeal form is about ({prompt, message}), handed over from the form that was refused. */
export function refused() {
  try {
    return JSON.parse(sessionStorage.getItem(APPEAL)) || {};
  } catch {
    return {};
  }
}

/** The error as a paragraph; a moderation refusal gets a link to the appeal form. */
function errorContent(err, prompt) {
  if (!(err instanceof ApiError) || err.code !== "moderation_blocked") return [explain(err)];
  const appeal = h("a", { href: "#/appeal", onclick: () =>
    sessionStorage.setItem(APPEAL, JSON.stringify({ prompt: prompt || "", message: err.message })) }, "Send an appeal");
  return [`${sentence(err.message.replace(/: rephrase it, or send an appeal if you think this is a mistake$/, ""))} `,
    "Rephrase it, or if you think this is a mistake: ", appeal, "."];
}

/** Show `err` inside `form`, next to its submit button (an alert, read out by screen readers). */
function showFormError(form, err) {
  let box = form.querySelector(":scope .form-error");
  if (!box) {
    box = h("p", { class: "form-error", role: "alert" });
    form.append(box);
  }
  const prompt = form.querySelector("[name=prompt]")?.value;
  box.replaceChildren(...errorContent(err, prompt));
  box.hidden = false;
}

/** `fn` as an event handler whose failure is shown to the person as a clear message. */
export const guard = (fn) => async (...args) => {
  try {
    return await fn(...args);
  } catch (err) {
    notice(explain(err));
  }
};

/** A form's submit handler: the submit button is disabled while `fn` runs; a failure is shown in the form. */
export const submitting = (button, fn) => async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const box = form.querySelector(":scope .form-error");
  if (box) box.hidden = true;
  button.disabled = true;
  try {
    await fn(event);
  } catch (err) {
    showFormError(form, err);
  } finally {
    button.disabled = false;
  }
};

let paths;
/** The API paths this server has (from its OpenAPI document), so the studio offers only what works here. */
export async function hasPath(path) {
  paths ||= api("/openapi.json").then((doc) => new Set(Object.keys(doc.paths || {})));
  return (await paths).has(path);
}

let operations;
/** The studio operations this server runs (loop, blend, storyboard ...); empty when it has none. */
export async function studioOperations() {
  operations ||= hasPath("/v1/studio/operations").then((yes) =>
    yes ? api("/v1/studio/operations").then((r) => new Set(r.data)) : new Set());
  return operations;
}

export const content = (id, variant = "video", feed = false) =>
  `/v1/${feed ? "feed" : "videos"}/${id}/content${variant === "video" ? "" : `?variant=${variant}`}`;

const DEFAULT_MODEL = "sora-2"; // what the API runs when a request names no model
let engineEntry;
/** The engine this server runs (the one its default model name runs on), as its /v1/models entry: its name, the
 * sizes a request may ask of it, its native sizes and its lengths. The studio shows it and sends its name. */
export async function engine() {
  engineEntry ||= api("/v1/models").then(({ data }) => {
    const name = data.find((m) => m.id === DEFAULT_MODEL)?.engine;
    return data.find((m) => m.id === name) || data.find((m) => m.id === DEFAULT_MODEL);
  }).catch((err) => {
    engineEntry = null; // asked again next time (the server may be back, or the person signed in)
    throw err;
  });
  return engineEntry;
}
