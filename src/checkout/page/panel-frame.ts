/**
 * The panel in the shop's page: an extension page in an iframe, docked to the
 * right edge, inside a closed shadow root. The shop's scripts can see that a
 * frame is there but not its address (which carries the channel id) and not
 * its contents (another origin). A tab on its edge hides and shows it.
 */
import { browser } from "wxt/browser";
import { t } from "../../ui/i18n";

export const PANEL_WIDTH = 400;

// Written minified: this ships in the content script, which is kept under 20 kB.
const STYLE =
  ".sheet{position:absolute;inset:0;pointer-events:auto;background:#f3f5f4;box-shadow:-6px 0 24px #10182830}" +
  ".off .sheet{transform:translateX(100%);box-shadow:none}" +
  "iframe{display:block;width:100%;height:100%;border:0}" +
  ".tab{position:absolute;left:-34px;top:88px;width:34px;height:48px;border:0;border-radius:10px 0 0 10px;" +
  "background:#0f766e;color:#fff;font:600 20px system-ui;cursor:pointer}" +
  ".tab:focus-visible{outline:3px solid #2563eb;outline-offset:2px}";

export interface PanelFrame {
  remove(): void;
}

export function mountPanelFrame(channel: string, doc: Document = document): PanelFrame {
  const host = doc.createElement("div");
  // Inline and important: the shop's own style sheets must not move or hide the panel.
  const place: Record<string, string> = {
    all: "initial",
    position: "fixed",
    top: "0",
    right: "0",
    bottom: "0",
    width: `min(${PANEL_WIDTH}px, 100vw)`,
    "z-index": "2147483646",
    display: "block",
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
  frame.src = `${browser.runtime.getURL("/panel.html")}#${channel}`;
  frame.title = t("panel_frameTitle");
  // The panel's copy buttons write promo codes to the clipboard.
  frame.allow = "clipboard-write";
  const tab = doc.createElement("button");
  tab.type = "button";
  tab.className = "tab";
  const show = (open: boolean) => {
    wrap.className = open ? "" : "off";
    tab.textContent = open ? "›" : "‹";
    tab.setAttribute("aria-label", t(open ? "panel_hide" : "panel_show"));
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
