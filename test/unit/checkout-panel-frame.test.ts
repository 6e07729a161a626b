// @vitest-environment jsdom
/**
 * How the content script puts the panel into the shop's page: an extension
 * frame addressed by the channel, in a closed shadow root the page cannot
 * open, placed with inline important styles, and a tab that hides and shows it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import english from "../../public/_locales/en/messages.json";
import { mountPanelFrame } from "../../src/content/panel-frame";
import { catalogueMessage } from "../../src/services/i18n";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const CHANNEL = "0123456789abcdef0123456789abcdef";
let roots: ShadowRoot[];

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(browser.i18n, "getMessage").mockImplementation(((key: string) =>
    catalogueMessage(english, key)) as never);
  vi.spyOn(browser.runtime, "getURL").mockImplementation(
    ((path: string) => `chrome-extension://id${path}`) as never,
  );
  roots = [];
  // Keeps a handle on the closed root, which only the test may have.
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, "attachShadow").mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.innerHTML = "<head></head><body></body>";
});

describe("the panel's frame in the page", () => {
  it("is an extension frame named by the channel, inside a closed shadow root", () => {
    const frame = mountPanelFrame(CHANNEL);
    expect(roots).toHaveLength(1);
    const root = roots[0] as ShadowRoot;
    expect(root.mode).toBe("closed");
    const host = root.host as HTMLElement;
    expect(host.shadowRoot).toBeNull();
    expect(document.querySelector("iframe")).toBeNull();
    const iframe = root.querySelector("iframe");
    expect(iframe?.getAttribute("src")).toBe(`chrome-extension://id/panel.html#${CHANNEL}`);
    expect(iframe?.title).toBe("Stackwise: the cheapest coupon stack for this cart");
    expect(iframe?.getAttribute("allow")).toBe("clipboard-write");
    // The shop's style sheets cannot move or hide it.
    expect(host.style.getPropertyValue("position")).toBe("fixed");
    expect(host.style.getPropertyPriority("position")).toBe("important");
    expect(host.style.getPropertyPriority("z-index")).toBe("important");
    frame.remove();
    expect(host.isConnected).toBe(false);
  });

  it("hides and shows from the tab on its edge, keeping a hidden panel out of the tab order", () => {
    mountPanelFrame(CHANNEL);
    const root = roots[0] as ShadowRoot;
    const tab = root.querySelector("button") as HTMLButtonElement;
    const iframe = root.querySelector("iframe") as HTMLIFrameElement;
    expect(tab.getAttribute("aria-label")).toBe("Stackwise panel");
    expect(tab.getAttribute("aria-expanded")).toBe("true");
    expect(iframe.hasAttribute("inert")).toBe(false);
    tab.click();
    expect(tab.getAttribute("aria-expanded")).toBe("false");
    expect(iframe.hasAttribute("inert")).toBe(true);
    tab.click();
    expect(tab.getAttribute("aria-expanded")).toBe("true");
    expect(iframe.hasAttribute("inert")).toBe(false);
  });
});
