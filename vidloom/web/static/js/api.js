// The HTTP API: JSON in and out, the session's CSRF token on unsafe requests, errors as clear messages.
import { notice } from "./dom.js";

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

/** Call the API; `json` or `form` (FormData) is the body. Throws ApiError on any non-2xx answer. */
export async function api(path, { method = "GET", json, form } = {}) {
  const headers = {};
  let body;
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  if (method !== "GET") headers["x-csrf-token"] = session()?.csrf || "";
  const response = await fetch(path, { method, headers, body, credentials: "same-origin" });
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

/** A sentence for the person in front of the screen. */
export function explain(err) {
  if (!(err instanceof ApiError)) return `Something went wrong: ${err.message}`;
  if (err.code === "moderation_blocked") {
    return `Refused by moderation: ${err.message} If you think this is a mistake, appeal from your Account page.`;
  }
  if (err.status === 429) {
    return `Over your plan's limit: ${err.message}. Upgrade to Pro for more.`;
  }
  if (err.status === 403 && err.code === "csrf_failed") return "Your session expired: please sign in again.";
  return err.message;
}

/** `fn` as an event handler whose failure is shown to the person as a clear message. */
export const guard = (fn) => async (...args) => {
  try {
    return await fn(...args);
  } catch (err) {
    notice(explain(err));
  }
};

/** A form's submit handler: the submit button is disabled while `fn` runs; a failure is shown as a message. */
export const submitting = (button, fn) => guard(async (event) => {
  event.preventDefault();
  button.disabled = true;
  try {
    await fn(event);
  } finally {
    button.disabled = false;
  }
});

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
