/**
 * What the scanning content script takes from a page: its visible text, as
 * plain strings, with no judgement about it (the background reads it). Part
 * of the content script: no Zod, no browser API, never throws, every string
 * bounded so a hostile page cannot make the capture huge.
 */

import { MAX_BLOCK_TEXT, MAX_BLOCKS, MAX_PAGE_TEXT } from "../../messaging/ports";

const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "TEXTAREA", "SELECT"]);
const BLOCKS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BR",
  "BUTTON",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "SECTION",
  "TABLE",
  "TD",
  "TH",
  "TR",
  "UL",
]);

const hidden = (el: Element): boolean => {
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return true;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  return style.display === "none" || style.visibility === "hidden";
};

/** Marks where one repeated card ends and the next begins, until the text is put together. */
const BREAK = "\uE000";

/** Same tag and same (non-empty) class, both holding elements: two cards of one list. */
const sameCard = (a: Element | null, b: Element): boolean =>
  a !== null &&
  a.tagName === b.tagName &&
  b.className !== "" &&
  typeof b.className === "string" &&
  a.className === b.className &&
  a.childElementCount > 0 &&
  b.childElementCount > 0;

/**
 * The text a shopper sees in `root`, one line per block (as `innerText` gives
 * it, which jsdom lacks): hidden elements, scripts and styles left out. An
 * empty line separates repeated cards (siblings of one tag and class), so a
 * reader can keep each coupon's facts apart even when cards lay them out in
 * different orders.
 */
export function visibleText(root: Element, max = MAX_PAGE_TEXT): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node): void => {
    if (length > max) return;
    if (node.nodeType === 3) {
      const text = (node.nodeValue ?? "").replace(/\uE000/g, "").replace(/[ \t\r\n\f]+/g, " ");
      if (text.trim() !== "") {
        parts.push(text);
        length += text.length;
      }
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIPPED.has(el.tagName.toUpperCase()) || hidden(el)) return;
    if (sameCard(el.previousElementSibling, el)) parts.push(`\n${BREAK}\n`);
    const block = BLOCKS.has(el.tagName.toUpperCase());
    if (block) parts.push("\n");
    for (const child of el.childNodes) walk(child);
    if (block) parts.push("\n");
  };
  try {
    walk(root);
  } catch {
    // a page that breaks the walk gives what was read so far
  }
  return parts
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .filter((line, i, all) => line !== "" && !(line === BREAK && all[i - 1] === BREAK))
    .join("\n")
    .replaceAll(BREAK, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "")
    .slice(0, max);
}

/**
 * The product page's coupon blocks as shown: the outermost elements whose
 * class names a coupon (AliExpress's class names are hashed, but keep the
 * word: `coupon--wrap--x1y2`). Second to the page data, which is exact.
 */
export function productCouponBlocks(doc: Document): string[] {
  const out: string[] = [];
  try {
    const all = [...doc.querySelectorAll('[class*="coupon" i]')];
    for (const el of all) {
      if (out.length >= MAX_BLOCKS) break;
      if (el.parentElement?.closest('[class*="coupon" i]')) continue;
      const text = visibleText(el, MAX_BLOCK_TEXT);
      if (text !== "") out.push(text);
    }
  } catch {
    // no blocks
  }
  return out;
}

/** The store a product page sells from: its `/store/<number>` link, the number being what cart coupons name. */
export function productStore(doc: Document): { id: string; name: string } | null {
  try {
    for (const a of doc.querySelectorAll('a[href*="/store/"]')) {
      const id = /\/store\/(\d{1,20})(?:[/?#]|$)/.exec(a.getAttribute("href") ?? "")?.[1];
      const name = visibleText(a, 200);
      if (id) return { id, name };
    }
  } catch {
    // no store
  }
  return null;
}
