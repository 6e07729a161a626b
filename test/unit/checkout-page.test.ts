// @vitest-environment jsdom
/**
 * The content script's own logic, without a browser: the page-world handoff
 * of page state (request and answer in one task, nonce-paired, bounded), and
 * the read loop (batched to a frame, every new read confirmed a frame later).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answerCartStateRequests, READ_ANSWER, READ_REQUEST } from "../../src/content/checkout/page-world";
import { type ReadMessage, startReadLoop } from "../../src/content/checkout/read-loop";
import { pageStateReader } from "../../src/content/page-state-request";

describe("page state across worlds", () => {
  it("answers within the request, with the page's cart state as JSON", () => {
    const win = window as Window & { __globalCartHaloContainer?: unknown };
    const read = pageStateReader(win);
    // No page-world script yet: no answer.
    expect(read()).toBeNull();
    answerCartStateRequests(win);
    expect(JSON.parse(read() ?? "")).toEqual({ ok: false, reason: "absent" });
    win.__globalCartHaloContainer = { state: { getData: () => ({ data: { a: { fields: { n: 1 } } } }) } };
    expect(JSON.parse(read() ?? "")).toEqual({
      ok: true,
      data: { a: { fields: { n: 1 } } },
      truncated: false,
    });
    delete win.__globalCartHaloContainer;
  });

  it("takes only the answer to its own request", () => {
    const win = new EventTarget() as unknown as Window;
    const read = pageStateReader(win);
    // The page answers every request with a forged nonce, then with no nonce at all.
    win.addEventListener(READ_REQUEST, () => {
      win.dispatchEvent(
        new CustomEvent(READ_ANSWER, { detail: 'other\n{"ok":true,"data":{},"truncated":false}' }),
      );
      win.dispatchEvent(new CustomEvent(READ_ANSWER, { detail: { ok: true } }));
    });
    expect(read()).toBeNull();
  });

  it("does not forward a huge answer (the rows are read instead)", () => {
    const win = new EventTarget() as unknown as Window;
    const read = pageStateReader(win);
    win.addEventListener(READ_REQUEST, (e) => {
      const nonce = (e as CustomEvent<string>).detail;
      win.dispatchEvent(new CustomEvent(READ_ANSWER, { detail: `${nonce}\n${"x".repeat(8_000_001)}` }));
    });
    expect(read()).toBeNull();
  });
});

describe("the read loop", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["performance", "setInterval", "clearInterval"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const harness = (reads: { state: string | null; dom: unknown }[]) => {
    const frames: (() => void)[] = [];
    const sent: ReadMessage[] = [];
    let n = 0;
    const loop = startReadLoop({
      read: () => reads[Math.min(n++, reads.length - 1)] as { state: string | null; dom: unknown },
      send: (m) => sent.push(m),
      nextFrame: (run) => frames.push(run),
    });
    // Frames are 16 ms apart.
    const frame = () => {
      vi.advanceTimersByTime(16);
      frames.shift()?.();
    };
    const wait = (ms: number) => vi.advanceTimersByTime(ms);
    return { loop, sent, frame, frames, wait };
  };

  it("reads at the next frame and confirms a new read one frame later", () => {
    const a = { state: "A", dom: { rows: 1 } };
    const { sent, frame, frames } = harness([a, a]);
    expect(sent).toEqual([]);
    frame();
    expect(sent).toEqual([{ type: "read", seq: 1, state: "A", dom: { rows: 1 } }]);
    frame();
    expect(sent.at(-1)).toEqual({ type: "same", seq: 1 });
    expect(frames).toHaveLength(0);
  });

  it("sends a changed read instead of confirming, and confirms that one", () => {
    const { sent, frame } = harness([
      { state: "A", dom: 1 },
      { state: "B", dom: 1 },
      { state: "B", dom: 1 },
    ]);
    frame();
    frame();
    frame();
    expect(sent).toEqual([
      { type: "read", seq: 1, state: "A", dom: 1 },
      { type: "read", seq: 2, state: "B", dom: 1 },
      { type: "same", seq: 2 },
    ]);
  });

  it("batches many changes into one read per frame and sends nothing when nothing changed", () => {
    const a = { state: null, dom: [] };
    const { loop, sent, frame, frames } = harness([a]);
    frame();
    frame();
    expect(sent).toHaveLength(2);
    for (let i = 0; i < 50; i++) loop.changed();
    expect(frames).toHaveLength(1);
    frame();
    expect(sent).toHaveLength(2);
  });

  it("reads a change at once when the page has been quiet for a frame, and batches the rest", () => {
    const { loop, sent, frame, frames, wait } = harness([
      { state: "A", dom: 1 },
      { state: "A", dom: 1 },
      { state: "B", dom: 1 },
      { state: "B", dom: 1 },
    ]);
    frame();
    frame();
    expect(sent.map((m) => m.type)).toEqual(["read", "same"]);
    wait(100);
    loop.changed();
    // Read in the same task as the change, not a frame later.
    expect(sent.at(-1)).toEqual({ type: "read", seq: 2, state: "B", dom: 1 });
    // More changes right after wait for the confirming frame.
    loop.changed();
    loop.changed();
    expect(frames).toHaveLength(1);
    frame();
    expect(sent.at(-1)).toEqual({ type: "same", seq: 2 });
  });

  it("stops", () => {
    const { loop, sent, frame } = harness([{ state: null, dom: 1 }]);
    loop.stop();
    frame();
    loop.changed();
    frame();
    expect(sent).toEqual([]);
  });
});
