/**
 * The page-world half of reading a checkout from the page's own data: wraps
 * `XMLHttpRequest` and `fetch` before the page's scripts run, and keeps the
 * bodies of the checkout's `renderorder` and `adjustorder` responses (only
 * those, only up to MAX_API_CHARS) as text. The isolated content script asks
 * for them with the same request event as page state (page-world.ts) and is
 * told of each new one by API_CHANGED, so a change reaches the panel without
 * waiting for the page to redraw.
 *
 * Everything here is visible to the page and can be imitated by it: the
 * extension treats the text as untrusted page data and validates it with Zod
 * in the background (src/adapters/aliexpress-checkout-data.ts). The page's
 * own requests and responses are passed through untouched.
 *
 * Plain DOM code, no imports beyond constants: it runs at document_start in
 * the page's world.
 */
import { API_CHANGED, answerStateRequests } from "./page-world";

/** The two calls the checkout page makes for its data, as they appear in request addresses. */
export const CHECKOUT_APIS = ["mtop.aliexpress.checkout.renderorder", "mtop.aliexpress.checkout.adjustorder"];

/** Far above a real checkout's response (tens of kB for a few stores); larger bodies are not kept. */
export const MAX_API_CHARS = 3_000_000;

export interface CapturedResponse {
  /** Which of CHECKOUT_APIS the request address named. */
  api: string;
  /** Counts responses in arrival order. */
  n: number;
  /** The envelope parsed and its `ret` starts with "SUCCESS". */
  ok: boolean;
  /** Length of the body in characters (or the announced length when it was too large to read). */
  size: number;
  /** The body text; null when larger than MAX_API_CHARS. */
  body: string | null;
}

/** What the isolated side receives: the last successful response, and a later one that failed, if any. */
export interface CheckoutApiState {
  kind: "checkout-api";
  good: CapturedResponse | null;
  latest: CapturedResponse | null;
}

const apiOf = (url: unknown): string | undefined => {
  try {
    const text = String(url).toLowerCase();
    return CHECKOUT_APIS.find((api) => text.includes(api));
  } catch {
    return undefined;
  }
};

/** mtop can answer as JSONP (`mtopjsonp3({...})`): the JSON inside. */
const unwrap = (text: string): string => {
  const start = text.indexOf("{");
  if (start <= 0) return text;
  const end = text.lastIndexOf("}");
  return end > start ? text.slice(start, end + 1) : text;
};

const succeeded = (body: string): boolean => {
  try {
    const ret = (JSON.parse(body) as { ret?: unknown } | null)?.ret;
    return Array.isArray(ret) && typeof ret[0] === "string" && ret[0].startsWith("SUCCESS");
  } catch {
    return false;
  }
};

export function watchCheckoutApi(win: Window = window): void {
  const state: CheckoutApiState = { kind: "checkout-api", good: null, latest: null };
  let count = 0;

  const take = (api: string, text: string | null, size: number) => {
    count += 1;
    const body = text === null || text.length > MAX_API_CHARS ? null : unwrap(text);
    const entry: CapturedResponse = { api, n: count, ok: body !== null && succeeded(body), size, body };
    if (entry.ok) {
      state.good = entry;
      state.latest = null;
    } else state.latest = entry;
    win.dispatchEvent(new ((win as unknown as typeof globalThis).CustomEvent ?? CustomEvent)(API_CHANGED));
  };

  answerStateRequests(win, () => JSON.stringify(state));

  const xhr = (win as unknown as typeof globalThis).XMLHttpRequest?.prototype;
  if (xhr) {
    const open = xhr.open;
    // Listening from open(), before the page's own handlers, so the data is in hand when the page redraws.
    xhr.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      const api = apiOf(args[1]);
      if (api)
        this.addEventListener("readystatechange", () => {
          if (this.readyState !== 4 || this.status === 0) return;
          try {
            const type = this.responseType;
            if (type === "" || type === "text") take(api, this.responseText, this.responseText.length);
            else if (type === "json") {
              const text = JSON.stringify(this.response);
              take(api, text, text.length);
            }
          } catch {
            take(api, null, 0);
          }
        });
      return (open as (...a: unknown[]) => void).apply(this, args);
    } as typeof xhr.open;
  }

  const fetch = win.fetch;
  if (typeof fetch === "function")
    win.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      const pending = fetch.apply(this, args);
      const [input] = args;
      const api = apiOf(input instanceof Request ? input.url : input);
      if (api)
        pending.then(
          (response) => {
            const announced = Number(response.headers.get("content-length") ?? "");
            if (announced > MAX_API_CHARS * 4) return take(api, null, announced);
            response
              .clone()
              .text()
              .then(
                (text) => take(api, text, text.length),
                () => undefined,
              );
          },
          () => undefined,
        );
      return pending;
    } as typeof fetch;
}
