/**
 * The content script's port to the background: it only sends, and when the
 * background's worker restarts it reconnects and sends its last read (and
 * that read's confirmation) again, so the panel recovers without waiting for
 * the page to change. When the extension itself is gone, the page cleans up.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { openCartLine } from "../../src/checkout/page/cart-line";
import { CART_PORT } from "../../src/checkout/ports";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const CHANNEL = "0123456789abcdef0123456789abcdef";

class FakePort {
  sent: unknown[] = [];
  private gone: (() => void)[] = [];
  incoming: ((m: unknown) => void)[] = [];
  constructor(readonly name: string) {}
  postMessage(m: unknown) {
    this.sent.push(m);
  }
  disconnect() {}
  onDisconnect = { addListener: (l: () => void) => this.gone.push(l) };
  onMessage = { addListener: (l: (m: unknown) => void) => this.incoming.push(l) };
  drop() {
    for (const l of this.gone) l();
  }
}

let ports: FakePort[];

beforeEach(() => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  ports = [];
  vi.spyOn(browser.runtime, "connect").mockImplementation(((info: { name: string }) => {
    const port = new FakePort(info.name);
    ports.push(port);
    return port;
  }) as never);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the content script's port", () => {
  it("says hello with its channel, then sends reads as they come, and listens to nothing", () => {
    const line = openCartLine(CHANNEL, () => undefined);
    expect(ports.map((p) => p.name)).toEqual([CART_PORT]);
    line.send({ type: "read", seq: 1, state: null, dom: 1 });
    line.send({ type: "same", seq: 1 });
    expect(ports[0]?.sent).toEqual([
      { type: "hello", channel: CHANNEL },
      { type: "read", seq: 1, state: null, dom: 1 },
      { type: "same", seq: 1 },
    ]);
    expect(ports[0]?.incoming).toEqual([]);
  });

  it("reconnects after the background restarts and sends the last read and its confirmation again", () => {
    const line = openCartLine(CHANNEL, () => undefined);
    line.send({ type: "read", seq: 1, state: null, dom: 1 });
    line.send({ type: "read", seq: 2, state: null, dom: 2 });
    line.send({ type: "same", seq: 2 });
    ports[0]?.drop();
    expect(ports).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(ports).toHaveLength(2);
    expect(ports[1]?.sent).toEqual([
      { type: "hello", channel: CHANNEL },
      { type: "read", seq: 2, state: null, dom: 2 },
      { type: "same", seq: 2 },
    ]);
  });

  it("cleans up the page when the extension is gone", () => {
    const gone = vi.fn();
    openCartLine(CHANNEL, gone);
    vi.mocked(browser.runtime.connect).mockImplementation(() => {
      throw new Error("Extension context invalidated.");
    });
    ports[0]?.drop();
    vi.advanceTimersByTime(100);
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it("stays closed once closed", () => {
    const line = openCartLine(CHANNEL, () => undefined);
    line.close();
    ports[0]?.drop();
    vi.advanceTimersByTime(1000);
    expect(ports).toHaveLength(1);
  });
});
