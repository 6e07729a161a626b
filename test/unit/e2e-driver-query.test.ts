// @vitest-environment jsdom
/**
 * The end-to-end drivers' one query (test/e2e/driver/driver.ts `inDocument`, run in the page by
 * both): controls found by role or label are the ones people can reach, so not those inside the
 * wallet's picture (aria-hidden and inert), which has the live list's buttons and names.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inDocument, label, role, toWire } from "../e2e/driver/driver";

describe("finding a control as people do", () => {
  beforeEach(() => {
    // jsdom lays nothing out; the query counts an element with no boxes as not shown.
    vi.spyOn(Element.prototype, "getClientRects").mockReturnValue([{}] as unknown as DOMRectList);
    document.body.innerHTML = `
      <div id="wallet-screen-copy" aria-hidden="true" inert>
        <button aria-label="Mark used: $3.00 off">Used</button>
        <label>Amount <input type="text"></label>
      </div>
      <div id="app">
        <button aria-label="Mark used: $3.00 off" data-live>Used</button>
        <label>Amount <input type="text" data-live></label>
      </div>`;
  });
  afterEach(() => vi.restoreAllMocks());

  it("passes over what is hidden from people or inert", () => {
    const button = toWire(role("button", "Mark used: $3.00 off"));
    expect(inDocument({ target: button, read: "count" })).toBe(1);
    expect((inDocument({ target: button, read: "element" }) as Element).hasAttribute("data-live")).toBe(true);
    const field = toWire(label("Amount"));
    expect(inDocument({ target: field, read: "count" })).toBe(1);
  });

  it("still finds by test id or selector whatever a test asks for", () => {
    expect(inDocument({ target: toWire({ css: "button" }), read: "count" })).toBe(2);
  });
});
