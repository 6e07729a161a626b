/**
 * The small browser interface that the end-to-end page objects and scenarios
 * are written against, so that each scenario is written once and runs in
 * Chromium (driver/playwright.ts, Playwright) and in Firefox
 * (driver/puppeteer.ts, puppeteer-core over WebDriver BiDi).
 *
 * Elements are named by a `Target` and looked up inside the document by one
 * finder (`inDocument` below), the same code in both browsers: Playwright's
 * locators do not exist in puppeteer, and puppeteer's own waiting helpers
 * build their checks with `new Function`, which the extension's policy
 * refuses in Firefox. Reads are polled from Node (`eventually`); only the
 * actions (click, typing, choosing, uploading) differ per browser.
 */
import { deepStrictEqual } from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import type { SHOP_HOSTS } from "../../fixtures/shop/server";

export type BrowserName = "chromium" | "firefox";

export type Role = "button" | "tab" | "img" | "textbox" | "checkbox" | "radio" | "heading" | "combobox";

/** What a person sees: text compared exactly (after squashing spaces), or a pattern. */
export type Name = string | RegExp;

/**
 * An element, as people find it: by role and accessible name, by its label,
 * by its data-testid, or by a CSS selector; optionally inside another
 * target's first match, only the ones holding some text, the n-th of them.
 */
export interface Target {
  css?: string;
  testId?: string;
  role?: Role;
  name?: Name;
  /** A label given as a string matches as Playwright's getByLabel does: contained, any case, unless `exact`. */
  label?: Name;
  exact?: boolean;
  /** Only matches whose text contains this. */
  hasText?: string;
  within?: Target;
  /** Which match (default the first). */
  nth?: number;
}

export const testId = (id: string, more: Omit<Target, "testId"> = {}): Target => ({ testId: id, ...more });
export const role = (r: Role, name: Name, more: Omit<Target, "role" | "name"> = {}): Target => ({
  role: r,
  name,
  ...more,
});
export const label = (name: Name, more: Omit<Target, "label"> = {}): Target => ({ label: name, ...more });
export const css = (selector: string, more: Omit<Target, "css"> = {}): Target => ({ css: selector, ...more });

/** A Target as it crosses into the page: patterns become plain data. */
interface WireName {
  exact?: string;
  source?: string;
  flags?: string;
}
interface WireTarget {
  css?: string;
  testId?: string;
  role?: Role;
  name?: WireName;
  label?: WireName;
  exact?: boolean;
  hasText?: string;
  within?: WireTarget;
  nth?: number;
}

const wireName = (name: Name): WireName =>
  typeof name === "string" ? { exact: name } : { source: name.source, flags: name.flags };

export function toWire(t: Target): WireTarget {
  return {
    ...(t.css === undefined ? {} : { css: t.css }),
    ...(t.testId === undefined ? {} : { testId: t.testId }),
    ...(t.role === undefined ? {} : { role: t.role }),
    ...(t.name === undefined ? {} : { name: wireName(t.name) }),
    ...(t.label === undefined ? {} : { label: wireName(t.label) }),
    ...(t.exact === undefined ? {} : { exact: t.exact }),
    ...(t.hasText === undefined ? {} : { hasText: t.hasText }),
    ...(t.within === undefined ? {} : { within: toWire(t.within) }),
    ...(t.nth === undefined ? {} : { nth: t.nth }),
  };
}

export type Read =
  | "count"
  | "text"
  | "texts"
  | "attr"
  | "attrs"
  | "visible"
  | "checked"
  | "disabled"
  | "value"
  | "focused";

export interface Query {
  target: WireTarget;
  read: Read | "element";
  attribute?: string;
}

/**
 * Runs inside the page (serialised by both drivers, so it closes over
 * nothing): finds the target's matches and reads what was asked, or returns
 * the element itself for an action.
 */
export const inDocument = (q: Query): unknown => {
  const squash = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
  const roles: Record<string, string> = {
    button: "button, [role=button]",
    tab: "[role=tab]",
    img: "[role=img], img",
    textbox: "input:not([type]), input[type=text], input[type=url], input[type=date], textarea",
    checkbox: "input[type=checkbox]",
    radio: "input[type=radio]",
    heading: "h1, h2, h3, h4, h5, h6, [role=heading]",
    combobox: "select",
  };
  const nameOf = (el: Element): string => {
    const aria = el.getAttribute("aria-label");
    if (aria) return squash(aria);
    const labelledBy = el.getAttribute("aria-labelledby");
    if (labelledBy)
      return squash(
        labelledBy
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent)
          .join(" "),
      );
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return squash([...labels].map((l) => l.textContent).join(" "));
    if (el.tagName === "IMG") return squash(el.getAttribute("alt"));
    return squash(el.textContent);
  };
  const labelOf = (el: Element): string | null => {
    const aria = el.getAttribute("aria-label");
    if (aria) return squash(aria);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return squash([...labels].map((l) => l.textContent).join(" "));
    return null;
  };
  const matches = (n: string | null, p: { exact?: string; source?: string; flags?: string }) =>
    n !== null && (p.exact !== undefined ? n === p.exact : new RegExp(p.source ?? "", p.flags).test(n));
  const shown = (el: Element) =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const all = (t: WireTarget): Element[] => {
    const roots: ParentNode[] = t.within ? all(t.within).slice(0, 1) : [document];
    const selector =
      t.css ??
      (t.testId !== undefined
        ? `[data-testid="${t.testId}"]`
        : t.role !== undefined
          ? (roles[t.role] ?? t.role)
          : "input, select, textarea, button");
    let found = roots.flatMap((r) => [...r.querySelectorAll(selector)]);
    // As people find controls: not inside what is hidden from them or cannot be used (the wallet's
    // picture, src/ui/popup/earlyScreen.ts, is aria-hidden and inert, and has buttons too).
    if (t.role !== undefined || t.label !== undefined)
      found = found.filter((el) => el.closest('[aria-hidden="true"], [inert]') === null);
    const byName = t.name;
    if (byName) found = found.filter((el) => shown(el) && matches(nameOf(el), byName));
    const byLabel = t.label;
    if (byLabel)
      found = found.filter((el) => {
        const text = labelOf(el);
        if (byLabel.exact === undefined || t.exact) return matches(text, byLabel);
        return text?.toLowerCase().includes(byLabel.exact.toLowerCase()) === true;
      });
    const hasText = t.hasText;
    if (hasText !== undefined) found = found.filter((el) => squash(el.textContent).includes(hasText));
    return t.nth === undefined ? found : found.slice(t.nth, t.nth + 1);
  };
  const found = all(q.target);
  const first = found[0];
  switch (q.read) {
    case "element":
      return first ?? null;
    case "count":
      return found.length;
    case "text":
      return first ? squash(first.textContent) : null;
    case "texts":
      return found.map((el) => squash(el.textContent));
    case "attr":
      return first?.getAttribute(q.attribute ?? "") ?? null;
    case "attrs":
      return found.map((el) => el.getAttribute(q.attribute ?? ""));
    case "visible":
      return first !== undefined && shown(first);
    // No match is neither checked nor unchecked, enabled nor disabled: a wait for "enabled"
    // must not pass while the control is still loading.
    case "checked":
      return first === undefined ? null : (first as HTMLInputElement).checked;
    case "disabled":
      return first === undefined ? null : first.matches(":disabled");
    case "value":
      return (first as HTMLInputElement | undefined)?.value ?? null;
    case "focused":
      return first !== undefined && first === document.activeElement;
  }
};

/** A key by its name; " " is the space bar. */
export type Key =
  | "Enter"
  | " "
  | "Tab"
  | "Shift+Tab"
  | "ArrowRight"
  | "ArrowLeft"
  | "Home"
  | "End"
  | "Backspace";

/** A document the tests read and act in: a tab's page or a frame in it (the panel). */
export interface Surface {
  /** Runs `fn` in the document (serialised: it may close over nothing). */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** Runs a script's source text in the document, through the automation channel (not a script tag). */
  evaluateSource(source: string): Promise<void>;
  count(t: Target): Promise<number>;
  /** The first match's text, spaces squashed; null when there is none. */
  text(t: Target): Promise<string | null>;
  texts(t: Target): Promise<string[]>;
  attr(t: Target, name: string): Promise<string | null>;
  attrs(t: Target, name: string): Promise<(string | null)[]>;
  /** The first match's `data-cents`, as a number. */
  cents(t: Target): Promise<number>;
  visible(t: Target): Promise<boolean>;
  /** Whether the first match is checked; null when there is none. */
  checked(t: Target): Promise<boolean | null>;
  /** Whether the first match is disabled; null when there is none. */
  disabled(t: Target): Promise<boolean | null>;
  value(t: Target): Promise<string | null>;
  focused(t: Target): Promise<boolean>;
  /** Waits for a match to be shown. */
  waitFor(t: Target, timeoutMs?: number): Promise<void>;
  click(t: Target): Promise<void>;
  /** Replaces a field's value by typing, as a person would. */
  fill(t: Target, value: string): Promise<void>;
  /** Puts a long text into a field at once, announced as input (as a paste is). */
  paste(t: Target, value: string): Promise<void>;
  check(t: Target): Promise<void>;
  uncheck(t: Target): Promise<void>;
  select(t: Target, value: string): Promise<void>;
  focus(t: Target): Promise<void>;
  upload(t: Target, file: { name: string; content: string }): Promise<void>;
  /** Presses a key on whatever has the focus (in the tab that holds this document). */
  press(key: Key): Promise<void>;
  /** Types text, key by key, into whatever has the focus. */
  type(text: string): Promise<void>;
  /** Screenshots of each match, for review (STACKWISE_SCREENSHOTS only). */
  screenshotEach(t: Target, pathPrefix: string): Promise<void>;
}

/** A browser tab. */
export interface Tab extends Surface {
  /** Opens a web page and waits for it to load. */
  goto(url: string): Promise<void>;
  /** Opens one of the extension's pages (a fresh document) and waits until `ready` is shown. */
  openExtension(path: string, ready: Target): Promise<void>;
  reload(): Promise<void>;
  url(): string;
  setViewport(width: number, height: number): Promise<void>;
  /** Runs `action` and waits for the navigation it starts. */
  navigating(action: () => Promise<void>): Promise<void>;
  /** Scrolls the page to its end as a person does, with the mouse wheel. */
  scrollToEnd(): Promise<void>;
  /** The extension's frame in this page (panel.html on shop pages, scan.html on coupon pages). */
  frame(path: "panel.html" | "scan.html", timeoutMs?: number): Promise<Surface>;
  /** Whether any frame of this page is the extension's `path` now. */
  hasFrame(path: "panel.html" | "scan.html"): Promise<boolean>;
  /** The page's HTML as it is now. */
  content(): Promise<string>;
  /** Runs `action` and returns the file it makes the browser download (saved to disk, then read). */
  download(action: () => Promise<void>): Promise<DownloadedFile>;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface DownloadedFile {
  /** The name the browser saved it under (the page's suggestion). */
  name: string;
  content: string;
}

export interface ShopUrlOptions {
  host?: ShopHost;
  /** Milliseconds between hydration stages (the page's default is 400). */
  delay?: number;
  /** Milliseconds a cart change waits for the fake server. */
  opDelay?: number;
  /** Lines per page: the cart loads its next page when scrolled to the end. */
  pageSize?: number;
  /** Cents the page's summary adds to the ticked lines (a summary that disagrees). */
  summaryOffset?: number;
}

/** The marketplace host names each driver sends to the demo shop. */
export type ShopHost = (typeof SHOP_HOSTS)[number];

/** The demo shop under the marketplace's names. */
export interface ShopAddresses {
  /** `https://www.aliexpress.com`: the shop as the browser sees it. */
  baseURL: string;
  /** The server's own address (https on loopback): reachable from Node, never from the test browser. */
  localURL: string;
  cartUrl(scenario: string, options?: ShopUrlOptions): string;
  checkoutUrl(scenario: string, options?: { host?: ShopHost; fromCart?: boolean }): string;
}

/** One browser with the built extension, fresh for each scenario. */
export interface Driver {
  readonly browser: BrowserName;
  /** The first tab. */
  readonly tab: Tab;
  newTab(): Promise<Tab>;
  readonly shop: ShopAddresses;
}

/** Builds a shop's addresses from its origin maker, the same for both browsers. */
export function shopAddresses(localURL: string, cartPath: string, checkoutPath: string): ShopAddresses {
  const origin = (host: ShopHost = "www.aliexpress.com") => `https://${host}`;
  return {
    baseURL: origin(),
    localURL,
    cartUrl: (scenario, options = {}) => {
      const query = new URLSearchParams({ scenario });
      if (options.delay !== undefined) query.set("delay", String(options.delay));
      if (options.opDelay !== undefined) query.set("opDelay", String(options.opDelay));
      if (options.pageSize !== undefined) query.set("pageSize", String(options.pageSize));
      if (options.summaryOffset !== undefined) query.set("summaryOffset", String(options.summaryOffset));
      return `${origin(options.host)}${cartPath}?${query}`;
    },
    checkoutUrl: (scenario, options = {}) =>
      `${origin(options.host)}${checkoutPath}?scenario=${encodeURIComponent(scenario)}${
        options.fromCart ? "&from=cart" : ""
      }`,
  };
}

/**
 * Whether going from `from` to `to` would only move within the document (the
 * same address but for the hash): an extension page is then left for
 * about:blank first, so that it opens afresh, as from the toolbar.
 */
export const onlyTheHashDiffers = (from: string, to: string): boolean =>
  from.split("#")[0] === to.split("#")[0] && from !== to && to.includes("#");

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `read` until it gives `expected` (deep equality) or, given a
 * predicate, until that holds; then fails with the last value read.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  expected: T | ((value: T) => boolean),
  what = "the expected value",
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  const ok = (v: T) =>
    typeof expected === "function" ? (expected as (value: T) => boolean)(v) : isDeepStrictEqual(v, expected);
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      // The document is being replaced; ask the next one.
      error = e;
    }
    if (Date.now() > end) break;
    await sleep(100);
  }
  if (error !== undefined) throw new Error(`Timed out waiting for ${what}: ${error}`);
  if (typeof expected === "function")
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
  deepStrictEqual(last, expected, `Timed out after ${timeoutMs} ms waiting for ${what}`);
  return last as T;
}

/** Waits until the first match's text contains `text` (or matches it), as a person reads it. */
export const says = (where: Surface, t: Target, text: string | RegExp): Promise<string> =>
  eventually(
    async () => (await where.text(t)) ?? "",
    (shown) => (typeof text === "string" ? shown.includes(text) : text.test(shown)),
    `${describeTarget(t)} to say ${text}`,
  );

/** What both drivers' element handles can do that the shared part of a Surface needs. */
interface ElementLike {
  screenshot(options: { path: `${string}.png` }): Promise<unknown>;
}

/**
 * The part of a Surface that is the same in both browsers, built on the
 * driver's `evaluate` and on `handleOf`, which returns the element a query
 * names (or null); `element` waits for it, for the driver's actions.
 */
export function sharedSurface<H extends ElementLike>(
  evaluate: (fn: unknown, arg?: unknown) => Promise<unknown>,
  handleOf: (q: Query) => Promise<H | null>,
): {
  element(t: Target, timeoutMs?: number): Promise<H>;
  surface: Omit<
    Surface,
    "click" | "fill" | "paste" | "check" | "uncheck" | "select" | "focus" | "upload" | "press" | "type"
  >;
} {
  const query = (q: Query) => evaluate(inDocument, q);
  const ask = <R>(t: Target, read: Read, attribute?: string) =>
    query({ target: toWire(t), read, ...(attribute === undefined ? {} : { attribute }) }) as Promise<R>;
  const element = async (t: Target, timeoutMs = 10_000): Promise<H> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const el = await handleOf({ target: toWire(t), read: "element" }).catch(() => null);
      if (el) return el;
      if (Date.now() > end) throw new Error(`no ${describeTarget(t)} within ${timeoutMs} ms`);
      await sleep(50);
    }
  };
  return {
    element,
    surface: {
      evaluate: <A, R>(fn: (arg: A) => R, arg: A) => evaluate(fn, arg) as Promise<Awaited<R>>,
      evaluateSource: async (source) => {
        await evaluate(source);
      },
      count: (t) => ask(t, "count"),
      text: (t) => ask(t, "text"),
      texts: (t) => ask(t, "texts"),
      attr: (t, name) => ask(t, "attr", name),
      attrs: (t, name) => ask(t, "attrs", name),
      cents: async (t) => Number(await ask<string | null>(t, "attr", "data-cents")),
      visible: (t) => ask(t, "visible"),
      checked: (t) => ask(t, "checked"),
      disabled: (t) => ask(t, "disabled"),
      value: (t) => ask(t, "value"),
      focused: (t) => ask(t, "focused"),
      waitFor: async (t, timeoutMs = 10_000) => {
        const end = Date.now() + timeoutMs;
        while (!(await ask<boolean>(t, "visible").catch(() => false))) {
          if (Date.now() > end) throw new Error(`${describeTarget(t)} was not shown`);
          await sleep(50);
        }
      },
      screenshotEach: async (t, pathPrefix) => {
        const n = await ask<number>(t, "count");
        for (let i = 0; i < n; i++)
          await (await element({ ...t, nth: i })).screenshot({ path: `${pathPrefix}-${i}.png` });
      },
    },
  };
}

export const describeTarget = (t: Target): string => JSON.stringify(toWire(t));
