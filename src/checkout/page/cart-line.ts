/**
 * The content script's line to the background: one port that only sends.
 * Nothing the background could say reaches the page's process this way; what
 * arrives is ignored. When the background's worker restarts the port breaks,
 * so it reconnects and sends the last read again (and its confirmation), so
 * the panel recovers without waiting for the page to change.
 */
import { browser } from "wxt/browser";
import { CART_PORT } from "../ports";
import type { ReadMessage } from "./read-loop";

export interface CartLine {
  send(message: ReadMessage): void;
  close(): void;
}

type Port = ReturnType<typeof browser.runtime.connect>;

/** `onGone` runs when the extension itself is gone (updated or removed): the page should clean up. */
export function openCartLine(channel: string, onGone: () => void): CartLine {
  let port: Port | undefined;
  let closed = false;
  let lastRead: ReadMessage | undefined;
  let lastSame: ReadMessage | undefined;

  const post = (message: unknown) => {
    try {
      port?.postMessage(message);
    } catch {
      port = undefined;
    }
  };
  const connect = () => {
    if (closed) return;
    try {
      port = browser.runtime.connect({ name: CART_PORT });
    } catch {
      closed = true;
      onGone();
      return;
    }
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (!closed) setTimeout(connect, 100);
    });
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
      port?.disconnect();
    },
  };
}
