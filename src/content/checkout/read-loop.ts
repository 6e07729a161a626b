/**
 * When the content script reads the page: once at start, then on every DOM
 * change, plus a slow timer for state that changes without touching the DOM.
 * A change is read at once (at the end of the task that made it) unless a
 * read happened within the last frame; changes in between are batched to the
 * next animation frame, so a busy page costs one read per frame at most.
 * A read that differs from the last one is sent and confirmed by another read
 * one frame later ("same" when nothing moved).
 */

export interface Read {
  /** Page-state JSON text, or null when the page has none. */
  state: string | null;
  /** The adapter's capture of the document. */
  dom: unknown;
}

export type ReadMessage =
  | { type: "read"; seq: number; state: string | null; dom: unknown }
  | { type: "same"; seq: number };

export interface ReadLoopOptions {
  read(): Read;
  send(message: ReadMessage): void;
  /** Defaults to requestAnimationFrame. */
  nextFrame?: (run: () => void) => void;
  /** Milliseconds between reads when nothing announced a change; 0 for none. */
  pollMs?: number;
}

/** Reads closer together than this wait for the next frame instead. */
const FRAME_MS = 16;

export interface ReadLoop {
  /** A change happened (or may have): read at the next frame. */
  changed(): void;
  stop(): void;
}

export function startReadLoop(options: ReadLoopOptions): ReadLoop {
  const nextFrame = options.nextFrame ?? requestAnimationFrame;
  let lastRead = Number.NEGATIVE_INFINITY;
  let scheduled = false;
  let stopped = false;
  let last = "";
  let seq = 0;
  let confirming = false;

  const readNow = () => {
    scheduled = false;
    if (stopped) return;
    lastRead = performance.now();
    const { state, dom } = options.read();
    const text = `${state ?? ""}\u0000${JSON.stringify(dom)}`;
    if (text === last) {
      if (confirming) options.send({ type: "same", seq });
      confirming = false;
      return;
    }
    last = text;
    seq += 1;
    options.send({ type: "read", seq, state, dom });
    confirming = true;
    schedule();
  };
  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    nextFrame(readNow);
  };

  const timer = options.pollMs ? setInterval(schedule, options.pollMs) : undefined;
  schedule();
  const changed = () => {
    if (stopped) return;
    if (!scheduled && performance.now() - lastRead >= FRAME_MS) readNow();
    else schedule();
  };
  return {
    changed,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
