// The editorial API over fetch: the caller's token, Vietnamese problem details, ETags,
// Idempotency-Key on POSTs, retries of what may be retried, and a token that expires
// mid-work refreshed (or the person asked to sign in again) before the request is sent again.
import { randomKey } from "./ids.js";
import { language } from "./i18n.js";

const RETRIES = 3;

export class ApiError extends Error {
  constructor(status, problem, response) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.response = response || null;
  }

  get type() {
    return String(this.problem.type || "").split("/").pop();
  }

  /** {field: reason} from the problem's errors. */
  get fieldErrors() {
    const out = {};
    for (const e of this.problem.errors || []) if (!(e.field in out)) out[e.field] = e.reason;
    return out;
  }
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Api {
  constructor(config, session) {
    this.base = config.apiUrl;
    this.session = session;
  }

  /**
   * One request. `options`: body (JSON), etag (If-Match), idempotencyKey (by default each POST gets one, sent with
   * all its attempts; false for none), safe (a POST
   * that changes nothing, retried without a key), raw (answer the text, not JSON).
   * Answers {data, etag, status}.
   */
  async request(method, path, options = {}) {
    const key =
      options.idempotencyKey === false ? null : options.idempotencyKey || (method === "POST" ? randomKey() : null);
    const retriable = method !== "POST" || key !== null || options.safe === true;
    let recovered = false;
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.session.accessToken();
      const headers = { Accept: options.raw ? "text/html" : "application/json", "Accept-Language": language };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (options.body !== undefined) headers["Content-Type"] = "application/json";
      if (options.etag) headers["If-Match"] = options.etag;
      if (key) headers["Idempotency-Key"] = key;
      let response;
      try {
        response = await fetch(this.base + path, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          cache: "no-store",
          signal: options.signal,
        });
      } catch (error) {
        if (error.name === "AbortError") throw error;
        if (retriable && attempt < RETRIES) {
          await wait(400 * 2 ** attempt);
          continue;
        }
        throw new ApiError(0, null);
      }
      if (response.status === 401 && !recovered) {
        recovered = true;
        await this.session.recover();
        attempt -= 1;
        continue;
      }
      if (retriable && attempt < RETRIES && (response.status >= 500 || (key && (await inProgress(response))))) {
        // A 5xx is forgotten by the API, and a 409 "request in progress" is our own first
        // attempt still running: the same key again gets its answer.
        await wait(400 * 2 ** attempt);
        continue;
      }
      const etag = response.headers.get("ETag");
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        throw new ApiError(response.status, problem, response);
      }
      if (response.status === 204) return { data: null, etag, status: 204 };
      const data = options.raw ? await response.text() : await response.json();
      return { data, etag, status: response.status };
    }
  }

  get(path, options) {
    return this.request("GET", path, options);
  }
}

async function inProgress(response) {
  if (response.status !== 409) return false;
  const problem = await response.clone().json().catch(() => null);
  return /request-in-progress$/.test(problem?.type || "") || /idempotency/.test(problem?.type || "");
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
