/**
 * The scan panel's line to the background: a port named by the page's
 * channel, over which the background sends what the page offers. Every
 * update is validated before use; a broken port (the worker restarted) is
 * reconnected, waiting longer after each failure.
 */
import { browser } from "wxt/browser";
import { SCAN_PANEL_PORT, type ScanUpdate, ScanUpdateSchema } from "../../messaging/scan";

export interface ScanConnection {
  close(): void;
}

const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 5000;

export function connectScan(channel: string, onUpdate: (update: ScanUpdate) => void): ScanConnection {
  let closed = false;
  let retry = FIRST_RETRY_MS;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = () => {
    if (closed) return;
    port = browser.runtime.connect({ name: SCAN_PANEL_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = ScanUpdateSchema.safeParse(raw);
      if (!parsed.success) return;
      retry = FIRST_RETRY_MS;
      onUpdate(parsed.data);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (closed) return;
      setTimeout(connect, retry);
      retry = Math.min(LAST_RETRY_MS, retry * 2);
    });
    port.postMessage({ type: "hello", channel });
  };
  connect();
  return {
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}
