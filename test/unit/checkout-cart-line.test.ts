/**
 * The content script's port to the background: it only sends, and when the
 * background's worker restarts it reconnects and sends its last read (and
 * that read's confirmation) again, so the panel recovers without waiting for
 * the page to change. When the extension itself is gone, the page cleans up.
 */
import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { captureCartPage } from "../../src/adapters/aliexpress-capture";
import { CheckoutSessions, type PortLike } from "../../src/background/checkout/sessions";
import { openCartLine } from "../../src/content/checkout/cart-line";
import { PANEL_PORT, type PanelUpdate, PanelUpdateSchema } from "../../src/messaging/checkout";
import { CART_PORT } from "../../src/messaging/ports";
import { savedPage } from "../fixtures/pages/saved";
import { loadScenario } from "../fixtures/shop/scenarios";

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

  it("keeps one port when the page changes while the worker is down: the read connects, the pending retry does not", () => {
    const line = openCartLine(CHANNEL, () => undefined);
    line.send({ type: "read", seq: 1, state: null, dom: 1 });
    ports[0]?.drop();
    // The shopper ticks a box before the retry: the read reconnects at once...
    line.send({ type: "read", seq: 2, state: null, dom: 2 });
    expect(ports).toHaveLength(2);
    line.send({ type: "same", seq: 2 });
    // ...and no second port says hello for the same channel later (the background would refuse it).
    vi.advanceTimersByTime(1000);
    expect(ports.map((p) => p.sent.length)).toEqual([2, 3]);
    expect(ports[1]?.sent.map((m) => (m as { type: string }).type)).toEqual(["hello", "read", "same"]);
  });

  it("ignores the late disconnect of a port it already replaced", () => {
    const line = openCartLine(CHANNEL, () => undefined);
    const first = ports[0];
    first?.drop();
    line.send({ type: "read", seq: 1, state: null, dom: 1 });
    first?.drop();
    vi.advanceTimersByTime(1000);
    expect(ports).toHaveLength(2);
    line.send({ type: "same", seq: 1 });
    expect(ports[1]?.sent.at(-1)).toEqual({ type: "same", seq: 1 });
  });

  it("reconnects once when posting throws on a port the browser already closed", () => {
    const line = openCartLine(CHANNEL, () => undefined);
    vi.spyOn(ports[0] as FakePort, "postMessage").mockImplementation(() => {
      throw new Error("Attempting to use a disconnected port object");
    });
    line.send({ type: "read", seq: 1, state: null, dom: 1 });
    ports[0]?.drop();
    vi.advanceTimersByTime(100);
    expect(ports).toHaveLength(2);
    expect(ports[1]?.sent).toEqual([
      { type: "hello", channel: CHANNEL },
      { type: "read", seq: 1, state: null, dom: 1 },
    ]);
    vi.advanceTimersByTime(1000);
    expect(ports).toHaveLength(2);
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

describe("the line and the background's sessions, across a worker restart", () => {
  const EXTENSION = "stackwiseextensionid";
  const PANEL_URL = `chrome-extension://${EXTENSION}/panel.html`;
  const CART_URL = "https://www.aliexpress.com/p/shoppingcart/index.html?scenario=basic";
  const readOf = (name: string, seq: number) => {
    const page = savedPage(name);
    return {
      type: "read" as const,
      seq,
      state: JSON.stringify(page.state),
      dom: captureCartPage(new JSDOM(page.html, { url: CART_URL }).window.document),
    };
  };

  /** A worker: sessions, with the page's runtime.connect wired to it (messages arrive a task later, as in a browser). */
  const worker = () => {
    const sessions = new CheckoutSessions({
      extensionId: EXTENSION,
      panelUrl: PANEL_URL,
      wallet: async () => loadScenario("basic").wallet,
      preferences: async () => ({ useCoinsAndPoints: true, maxOrders: 2 }),
      now: () => new Date("2026-11-22T10:00:00.000Z"),
      rememberCart: () => undefined,
      recallCart: async () => undefined,
      later: () => undefined,
    });
    const pagePorts: FakePort[] = [];
    vi.mocked(browser.runtime.connect).mockImplementation(((info: { name: string }) => {
      const pagePort = new FakePort(info.name);
      const heard: ((m: unknown) => void)[] = [];
      const gone: (() => void)[] = [];
      const backgroundPort: PortLike = {
        name: info.name,
        sender: { id: EXTENSION, url: CART_URL, frameId: 0, tab: { id: 7 } },
        postMessage: () => undefined,
        disconnect: () => void Promise.resolve().then(() => pagePort.drop()),
        onMessage: { addListener: (l) => heard.push(l) },
        onDisconnect: { addListener: (l) => gone.push(l) },
      };
      pagePort.postMessage = (m: unknown) => {
        pagePort.sent.push(m);
        void Promise.resolve().then(() => {
          for (const l of heard) l(JSON.parse(JSON.stringify(m)));
        });
      };
      sessions.connect(backgroundPort);
      pagePorts.push(pagePort);
      return pagePort;
    }) as never);
    const panelUpdates: PanelUpdate[] = [];
    const panelListeners: ((m: unknown) => void)[] = [];
    sessions.connect({
      name: PANEL_PORT,
      sender: { id: EXTENSION, url: `${PANEL_URL}#${CHANNEL}`, frameId: 3, tab: { id: 7 } },
      postMessage: (m) => panelUpdates.push(PanelUpdateSchema.parse(JSON.parse(JSON.stringify(m)))),
      disconnect: () => undefined,
      onMessage: { addListener: (l) => panelListeners.push(l) },
      onDisconnect: { addListener: () => undefined },
    });
    for (const l of panelListeners) l({ type: "hello", channel: CHANNEL });
    /** The browser stops this worker: every page port breaks. */
    const stop = () => {
      for (const p of pagePorts) p.drop();
    };
    return { panelUpdates, stop, pagePorts };
  };
  const lastTotal = (updates: PanelUpdate[]) => {
    const u = updates.at(-1);
    return u?.type === "stack" ? u.result.total : u?.type;
  };

  it("a change read just before the timed reconnection, and confirmed just after it, reaches the panel", async () => {
    const first = worker();
    const line = openCartLine(CHANNEL, () => undefined);
    line.send(readOf("basic-hydrated", 1));
    line.send({ type: "same", seq: 1 });
    await vi.advanceTimersByTimeAsync(10);
    const before = lastTotal(first.panelUpdates);
    expect(typeof before).toBe("number");

    const second = worker();
    first.stop();
    // The shopper changes a quantity while the line is down: read 90 ms after the break,
    // confirmed a frame later, after the line's own retry was due.
    await vi.advanceTimersByTimeAsync(90);
    line.send(readOf("basic-quantity", 2));
    await vi.advanceTimersByTimeAsync(20);
    line.send({ type: "same", seq: 2 });
    await vi.advanceTimersByTimeAsync(500);
    const after = lastTotal(second.panelUpdates);
    expect(typeof after).toBe("number");
    expect(after).not.toBe(before);
    // One line: no port said hello after the one the read opened.
    expect([first.pagePorts.length, second.pagePorts.length]).toEqual([1, 1]);
  });
});
