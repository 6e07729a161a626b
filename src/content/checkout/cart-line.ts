/**
 * The content script's line to the background: one port that only sends.
 * Nothing the background could say reaches the page's process this way; what
 * arrives is ignored. When the background's worker restarts the port breaks,
 * so it reconnects and sends the last read again (and its confirmation), so
 * the panel recovers without waiting for the page to change.
 */
import { browser } from "wxt/browser";
import { CART_PORT } from "../../messaging/ports";
import type { ReadMessage } from "./read-loop";

export interface CartLine {
  send(message: ReadMessage): void;
  close(): void;
}

type Port = ReturnType<typeof browser.runtime.connect>;

/** Milliseconds before reconnecting to a restarted worker. */
const RECONNECT_MS = 100;

/**
 * `onGone` runs when the extension itself is gone (updated or removed): the page should clean up.
 *
 * One port at a time: a read sent while the line is down connects at once and
 * cancels the pending reconnection, and a disconnect of any port but the
 * current one is ignored. Two ports saying hello for one channel would get the
 * second refused by the background (the channel is taken), and its refusal
 * would drop the good port: every later read would go to refused ports while
 * the panel kept the old total.
 */
export function openCartLine(channel: string, onGone: () => void): CartLine {
  let port: Port | undefined;
  let closed = false;
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  let lastRead: ReadMessage | undefined;
  let lastSame: ReadMessage | undefined;

  /** `gone` is down (disconnected, or it threw): reconnect soon, unless a newer port took over. */
  const lost = (gone: Port) => {
    if (port !== gone) return;
    port = undefined;
    if (!closed && reconnect === undefined)
      reconnect = setTimeout(() => {
        reconnect = undefined;
        connect();
      }, RECONNECT_MS);
  };
  const post = (message: unknown) => {
    const current = port;
    try {
      current?.postMessage(message);
    } catch {
      if (current) lost(current);
    }
  };
  const connect = () => {
    if (closed) return;
    if (reconnect !== undefined) {
      clearTimeout(reconnect);
      reconnect = undefined;
    }
    let opened: Port;
    try {
      opened = browser.runtime.connect({ name: CART_PORT });
    } catch {
      closed = true;
      onGone();
      return;
    }
    port = opened;
    opened.onDisconnect.addListener(() => lost(opened));
    post({ type: "hello", channel });
    if (lastRead) post(lastRead);
    if (lastSame) post(lastSame);
  };
  connect();

  return {
    send(message) {
      if (message.type === "read") {
        lastRead = message;
        lastSame = undefined;
      } else lastSame = message;
      if (!port) connect();
      else post(message);
    },
    close() {
      closed = true;
      if (reconnect !== undefined) clearTimeout(reconnect);
      port?.disconnect();
    },
  };
}
