/**
 * The panel in the shop's page: an extension page in an iframe inside a
 * closed shadow root, so the shop's scripts cannot find the frame, read its
 * address (which carries the channel id) or its contents (another origin).
 * It is a card docked bottom right, below where carts keep their sticky
 * summary and checkout button, with a tab on its edge to hide and show it.
 */
import { browser } from "wxt/browser";

// The extension's own catalogue, straight: src/services/i18n's fallbacks cost bytes the content script has not got.
const t = (key: "panel_frameTitle" | "panel_toggle" | "scan_frameTitle"): string =>
  browser.i18n.getMessage(key);

export const PANEL_WIDTH = 400;

// Written minified: this ships in the content script, which is kept under 20 kB.
const STYLE =
  ".sheet{position:absolute;inset:0;pointer-events:auto;border-radius:14px;box-shadow:0 8px 28px #10182838}" +
  "iframe{display:block;width:100%;height:100%;border:0;border-radius:14px}" +
  ".off .sheet{transform:translateX(calc(100% + 12px))}" +
  ".tab{position:absolute;left:-32px;top:18px;width:32px;height:44px;border:0;border-radius:10px 0 0 10px;" +
  "background:#0f766e;color:#fff;font:600 20px system-ui;cursor:pointer}" +
  ".tab:focus-visible{outline:3px solid #2563eb;outline-offset:2px}";

export interface PanelFrame {
  remove(): void;
}

/** Which extension page the frame shows: the cart's panel, or the scan's (src/content/scan/serve.ts). */
export interface FramedPage {
  page: "/panel.html" | "/scan.html";
  title: "panel_frameTitle" | "scan_frameTitle";
}

export function mountPanelFrame(
  channel: string,
  doc: Document = document,
  shown: FramedPage = { page: "/panel.html", title: "panel_frameTitle" },
): PanelFrame {
  const host = doc.createElement("div");
  // Inline and important: the shop's own style sheets must not move or hide the panel.
  const place: Record<string, string> = {
    all: "initial",
    position: "fixed",
    // Its top edge at most 400 px down (below a sticky summary), and at least 488 px tall where it fits.
    top: "clamp(12px,calc(100vh - 500px),400px)",
    right: "12px",
    bottom: "12px",
    width: `min(${PANEL_WIDTH}px,calc(100vw - 56px))`,
    // (Fixed positioning makes it a block whatever `all: initial` said.)
    "z-index": "2147483646",
    "pointer-events": "none",
  };
  for (const [name, value] of Object.entries(place)) host.style.setProperty(name, value, "important");
  const root = host.attachShadow({ mode: "closed" });
  const style = doc.createElement("style");
  style.textContent = STYLE;
  const wrap = doc.createElement("div");
  const sheet = doc.createElement("div");
  sheet.className = "sheet";
  const frame = doc.createElement("iframe");
  frame.src = `${browser.runtime.getURL(shown.page)}#${channel}`;
  frame.title = t(shown.title);
  // The panel's copy buttons write promo codes to the clipboard.
  frame.setAttribute("allow", "clipboard-write");
  // A disclosure button: one name, its state in aria-expanded.
  const tab = doc.createElement("button");
  tab.type = "button";
  tab.className = "tab";
  tab.setAttribute("aria-label", t("panel_toggle"));
  const show = (open: boolean) => {
    wrap.className = open ? "" : "off";
    tab.textContent = open ? "›" : "‹";
    tab.setAttribute("aria-expanded", String(open));
    frame.toggleAttribute("inert", !open);
  };
  tab.addEventListener("click", () => show(wrap.className !== ""));
  show(true);
  sheet.append(tab, frame);
  wrap.append(sheet);
  root.append(style, wrap);
  doc.documentElement.append(host);
  return { remove: () => host.remove() };
}
