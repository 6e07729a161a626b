/**
 * The wallet's first screen before the modules load. A popup opened on the
 * wallet (the expiry reminder's `popup.html#wallet`) draws, from its first
 * script, a picture of the screen that the last popup showed, kept in
 * `storage.local`; the live screen takes its place once its first page of
 * coupons is read. The picture is inert (nothing in it can be clicked, and it
 * carries no test ids or element ids), and it is drawn only when nothing it
 * shows can have changed since it was taken:
 *
 * - no write since to what the screen shows: every write transaction to those
 *   tables, from any page, changes a stamp in `storage.local` once it has
 *   committed (src/storage/writeStamp.ts), and the picture carries the stamp
 *   read before its screen's reads began (the popup that wrote takes a new
 *   picture once its screen has been read again; after a write made elsewhere,
 *   the background draws one from the database, src/background/wallet-picture.ts);
 * - the same preferences (they pick the program, hence the currency);
 * - no label or section on it due to change with time alone (`validUntil`);
 * - the same browser language and UTC offset (dates are drawn in the zone).
 *
 * Like copyFirst.ts, this file is read by the popup's first script: no Zod, no
 * Preact, no Dexie, no Intl (the first Intl object costs milliseconds here).
 */

import { goodPicture, type OpeningState, type ScreenNode } from "../../services/screen-picture";
import { handoff } from "./handoff";

export {
  OPENING_KEYS,
  type OpeningState,
  openingState,
  SCREEN_COPY_KEY,
  type ScreenCopy,
  type ScreenNode,
  WRITE_STAMP_STORAGE_KEY,
} from "../../services/screen-picture";

/** As tabFromHash (PopupTabs.tsx) reads it. */
export const opensWallet = (hash: string): boolean => hash.replace(/^#/, "") === "wallet";

// What a picture may hold: the elements and attributes the popup's screens draw, nothing
// that runs or links anywhere, and no id (the live screen has the same ones).
const TAGS = new Set([
  "div",
  "p",
  "span",
  "h1",
  "h2",
  "h3",
  "ul",
  "ol",
  "li",
  "button",
  "code",
  "strong",
  "em",
  "section",
  "header",
  "main",
  "label",
  "input",
  "select",
  "option",
  "small",
  "details",
  "summary",
]);
const ATTRIBUTES =
  /^(class|role|type|title|disabled|placeholder|value|selected|checked|aria-(label|selected|pressed|expanded|hidden|busy|live|current))$/;

const REFUSED = Symbol("refused");

/**
 * The picture of `root`: its elements and text, without the ones `skip` matches
 * and without more than `maxItems` items in any list. Attributes outside the
 * allowed ones are left out, so the picture carries no ids and no test ids.
 * None at all when an element it would keep matches `refuse` (a screen caught
 * in the middle of something, which no popup opens on).
 */
export function pictureOf(
  root: Element,
  skip: string,
  maxItems: number,
  refuse?: string,
): ScreenNode | undefined {
  const walk = (el: Element): ScreenNode | undefined => {
    if (el.matches(skip)) return undefined;
    if (refuse !== undefined && el.matches(refuse)) throw REFUSED;
    const tag = el.tagName.toLowerCase();
    if (!TAGS.has(tag)) return undefined;
    const attributes: Record<string, string> = {};
    for (const a of el.attributes) if (ATTRIBUTES.test(a.name)) attributes[a.name] = a.value;
    // A select shows its value, a property the page set, not an attribute: kept as the
    // chosen option's `selected`, or the picture would show the first one (another program).
    if (tag === "option" && (el as HTMLOptionElement).selected) attributes.selected = "";
    const children: ScreenNode[] = [];
    let items = 0;
    for (const child of el.childNodes) {
      if (child.nodeType === 3) {
        if (child.textContent) children.push(child.textContent);
      } else if (child.nodeType === 1) {
        if ((child as Element).tagName === "LI" && ++items > maxItems) continue;
        const node = walk(child as Element);
        if (node !== undefined) children.push(node);
      }
    }
    return [tag, attributes, ...children];
  };
  try {
    return walk(root);
  } catch (e) {
    if (e === REFUSED) return undefined;
    throw e;
  }
}

/** The elements of a picture; throws on anything a picture may not hold. */
export function elementsOf(node: ScreenNode, doc: Document): Node {
  if (typeof node === "string") return doc.createTextNode(node);
  if (!Array.isArray(node)) throw new Error("not a picture");
  const [tag, attributes, ...children] = node;
  if (typeof tag !== "string" || !TAGS.has(tag) || typeof attributes !== "object" || attributes === null)
    throw new Error("not a picture");
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (!ATTRIBUTES.test(name) || typeof value !== "string") throw new Error("not a picture");
    el.setAttribute(name, value);
  }
  for (const child of children) el.appendChild(elementsOf(child, doc));
  return el;
}

export interface DrawEnv {
  hash: string;
  now: number;
  locale: string;
  offset: number;
  doc: Document;
}

/** The stored picture when it may be drawn now, else undefined. */
export function drawablePicture(stored: Record<string, unknown>, env: DrawEnv): ScreenNode | undefined {
  return opensWallet(env.hash) ? goodPicture(stored, env)?.screen : undefined;
}

const PICTURE_ID = "wallet-screen-copy";
export const PICTURE_DRAWN = "stackwise: wallet picture drawn";
const LIVE = "stackwiseLive";

/**
 * Draws the picture before the popup's root, which the stylesheet hides while the
 * picture is there. Not when the live screen came first (a slow storage read).
 * Returns whether it drew.
 */
export function drawScreenCopy(stored: Record<string, unknown>, env: DrawEnv): boolean {
  const picture = drawablePicture(stored, env);
  const root = env.doc.getElementById("app");
  if (picture === undefined || root === null || env.doc.documentElement.dataset[LIVE] !== undefined)
    return false;
  let drawn: Node;
  try {
    drawn = elementsOf(picture, env.doc);
  } catch {
    return false;
  }
  const frame = env.doc.createElement("div");
  frame.id = PICTURE_ID;
  frame.className = "screen-copy";
  frame.dataset.testid = PICTURE_ID;
  frame.setAttribute("inert", "");
  frame.setAttribute("aria-hidden", "true");
  frame.appendChild(drawn);
  root.before(frame);
  // For whoever studies the page (the benchmark's profile, the end-to-end tests): it was drawn.
  globalThis.performance?.mark?.(PICTURE_DRAWN);
  return true;
}

/** The live screen is there: the picture goes, and is not drawn if it has not been yet. */
export function dropScreenCopy(doc: Document = document): void {
  doc.documentElement.dataset[LIVE] = "";
  doc.getElementById(PICTURE_ID)?.remove();
}

const opening = handoff<OpeningState | undefined>("__stackwiseOpening");
const shown = handoff<unknown>("__stackwiseScreenShown");

/**
 * Leaves, for the module entry, when the picture has been shown: the next frame after it was
 * drawn (at most `maxWaitMs` later: a page in a background tab draws no frames), or at once
 * when none was drawn.
 */
export function publishScreenShown(drawn: Promise<boolean>, maxWaitMs = 50): void {
  shown.publish(
    drawn.then(
      (drew) =>
        drew
          ? new Promise<void>((resolve) => {
              requestAnimationFrame(() => setTimeout(resolve));
              setTimeout(resolve, maxWaitMs);
            })
          : undefined,
      () => undefined,
    ),
  );
}

/** Settles once the picture (if any) is on screen; at once when no first script ran. */
export function screenShown(): Promise<unknown> {
  return shown.take() ?? Promise.resolve();
}

/** Leaves what the first script read where the modules find it (handoff.ts). */
export const publishOpening = opening.publish;

/** What the first script read at opening; undefined when none ran (tests, an older page). */
export const publishedOpening = opening.take;
