/**
 * The page-world half of scanning (a `world: "MAIN"` content script, from
 * document_start), the only place where the shop's own data is visible:
 *
 * - on product pages, the page data's coupon module (`runParams.data`);
 * - on coin pages, the answers of `mtop.aliexpress.coin.execute`, however the
 *   page asks for them: fetch, XMLHttpRequest, or a JSONP script whose
 *   callback the page named in the script's address. The page's own calls
 *   are watched, never made: Stackwise asks the shop for nothing.
 *
 * What it holds stays in the page until the isolated half asks for it (an
 * event pair with a nonce, as for the cart: src/content/checkout/page-world.ts);
 * a new coin answer only rings SCAN_CHANGED. Everything here is copied as
 * text and bounded, and the isolated side treats it as untrusted page data.
 * Every hook passes the page's call through untouched and swallows its own
 * failures: the shop must work exactly as without the extension.
 */
import { MAX_STATE_CHARS } from "../../messaging/ports";

export const SCAN_REQUEST = "stackwise:scan-read";
export const SCAN_ANSWER = "stackwise:scan-state";
export const SCAN_CHANGED = "stackwise:scan-changed";

/** The API whose answers hold the coin balance (aliexpress-evidence.md §4). */
export const COIN_API = /mtop\.aliexpress\.coin\.execute/i;
/** Longest answer kept; a balance answer is a few hundred characters. */
export const MAX_ANSWER_CHARS = 200_000;
/** Answers kept: the newest ones, since a page asks for several scenes. */
export const MAX_ANSWERS = 20;

export interface PageWorldCopy {
  /** The product page's coupon-related page data, or null when there is none. */
  product: { couponModule?: unknown; webCouponInfoComponent?: unknown; storeModule?: unknown } | null;
  /** Coin API answers caught so far, oldest first, each as JSON text. */
  coins: string[];
}

type Win = Window & typeof globalThis & Record<string, unknown>;

const urlOf = (input: unknown): string => {
  try {
    if (typeof input === "string") return input;
    if (input instanceof URL) return input.href;
    if (typeof Request !== "undefined" && input instanceof Request) return input.url;
  } catch {
    // an odd argument: not a coin call
  }
  return "";
};

/** Starts watching; returns what the isolated half's requests are answered from (for tests). */
export function watchScanPage(win: Win = window as Win): { copy(): PageWorldCopy } {
  const coins: string[] = [];
  const keep = (text: unknown) => {
    let s: string;
    try {
      s = typeof text === "string" ? text : JSON.stringify(text);
    } catch {
      return;
    }
    if (typeof s !== "string" || s.length === 0 || s.length > MAX_ANSWER_CHARS) return;
    coins.push(s);
    if (coins.length > MAX_ANSWERS) coins.shift();
    try {
      win.dispatchEvent(new win.CustomEvent(SCAN_CHANGED));
    } catch {
      // nobody listening yet: the next request still gets it
    }
  };

  if (/^\/p\/coin-(?:pc-)?index\//i.test(win.location.pathname)) {
    hookFetch(win, keep);
    hookXhr(win, keep);
    hookJsonp(win, keep);
  }

  const copy = (): PageWorldCopy => ({ product: productData(win), coins: [...coins] });
  win.addEventListener(SCAN_REQUEST, (event) => {
    const nonce = (event as CustomEvent<unknown>).detail;
    if (typeof nonce !== "string" || nonce.length > 64) return;
    let text: string;
    try {
      text = JSON.stringify(copy());
      if (text.length > MAX_STATE_CHARS) text = JSON.stringify({ product: null, coins: [...coins] });
    } catch {
      text = JSON.stringify({ product: null, coins: [...coins] });
    }
    win.dispatchEvent(new win.CustomEvent(SCAN_ANSWER, { detail: `${nonce}\n${text}` }));
  });
  return { copy };
}

function productData(win: Win): PageWorldCopy["product"] {
  try {
    const data = (win.runParams as { data?: Record<string, unknown> } | undefined)?.data;
    if (typeof data !== "object" || data === null) return null;
    const out: NonNullable<PageWorldCopy["product"]> = {};
    if (data.couponModule !== undefined) out.couponModule = data.couponModule;
    if (data.webCouponInfoComponent !== undefined) out.webCouponInfoComponent = data.webCouponInfoComponent;
    if (data.storeModule !== undefined) out.storeModule = data.storeModule;
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

function hookFetch(win: Win, keep: (text: unknown) => void): void {
  const original = win.fetch;
  if (typeof original !== "function") return;
  const wrapped = function (this: unknown, ...args: Parameters<typeof fetch>) {
    const answer = original.apply(this, args);
    try {
      if (COIN_API.test(urlOf(args[0])))
        answer.then(
          (response) =>
            response
              .clone()
              .text()
              .then(keep, () => undefined),
          () => undefined,
        );
    } catch {
      // the page's call goes on regardless
    }
    return answer;
  };
  win.fetch = wrapped as typeof fetch;
}

function hookXhr(win: Win, keep: (text: unknown) => void): void {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const open = proto.open;
  const urls = new WeakMap<XMLHttpRequest, string>();
  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      urls.set(this, urlOf(args[1]));
    } catch {
      // not ours to worry about
    }
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.open;
  const send = proto.send;
  proto.send = function (
    this: XMLHttpRequest,
    ...args: [Document | XMLHttpRequestBodyInit | null | undefined]
  ) {
    try {
      if (COIN_API.test(urls.get(this) ?? ""))
        this.addEventListener("load", () => {
          try {
            const type = this.responseType;
            if (type === "" || type === "text") keep(this.responseText);
            else if (type === "json") keep(this.response);
          } catch {
            // an answer we cannot read is left alone
          }
        });
    } catch {
      // the page's call goes on regardless
    }
    return send.apply(this, args);
  };
}

/**
 * mtop's JSONP: a script at `…/mtop.aliexpress.coin.execute/…?callback=NAME`
 * calls `window[NAME](answer)`. The callback is wrapped when such a script is
 * added (it loads over the network, so before it runs); one defined later is
 * wrapped as it is assigned.
 */
function hookJsonp(win: Win, keep: (text: unknown) => void): void {
  const wrap = (name: string) => {
    const wrapOne = (fn: unknown) =>
      typeof fn !== "function" || (fn as { __stackwise?: true }).__stackwise
        ? fn
        : Object.assign(
            function (this: unknown, ...args: unknown[]) {
              try {
                keep(args[0]);
              } catch {
                // keep never throws, but the page's callback must run whatever happens
              }
              return (fn as (...a: unknown[]) => unknown).apply(this, args);
            },
            { __stackwise: true as const },
          );
    try {
      const current = win[name];
      if (typeof current === "function") {
        win[name] = wrapOne(current);
        return;
      }
      let held: unknown = current;
      Object.defineProperty(win, name, {
        configurable: true,
        enumerable: true,
        get: () => held,
        set: (value: unknown) => {
          held = wrapOne(value);
        },
      });
    } catch {
      // a callback we cannot wrap is left alone
    }
  };
  const check = (node: Node) => {
    if (!(node instanceof win.HTMLScriptElement) || !node.src || !COIN_API.test(node.src)) return;
    try {
      const name = new URL(node.src, win.location.href).searchParams.get("callback");
      if (name && /^[A-Za-z_$][\w$]{0,100}$/.test(name)) wrap(name);
    } catch {
      // an address we cannot read is not a coin call
    }
  };
  const observer = new win.MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) check(node);
  });
  observer.observe(win.document, { childList: true, subtree: true });
}
