/**
 * The scanning content script's line to the background: one port that only
 * sends (the page's process never receives wallet data). When the worker
 * restarts the port breaks; it reconnects and sends its hello and the last
 * capture again.
 */
import { browser } from "wxt/browser";
import { SCAN_PORT } from "../../messaging/ports";

export interface ScanLine {
  send(message: unknown): void;
  close(): void;
}

type Port = ReturnType<typeof browser.runtime.connect>;

export function openScanLine(hello: unknown, onGone: () => void): ScanLine {
  let port: Port | undefined;
  let closed = false;
  let last: unknown;
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
      port = browser.runtime.connect({ name: SCAN_PORT });
    } catch {
      closed = true;
      onGone();
      return;
    }
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (!closed) setTimeout(connect, 100);
    });
    post(hello);
    if (last !== undefined) post(last);
  };
  connect();
  return {
    send(message) {
      last = message;
      if (!port) connect();
      else post(message);
    },
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}
