/**
 * An extension page's line to the background: a port named by the page's
 * channel, over which the background sends updates. Every update is
 * validated before use. When the background's worker restarts the port
 * breaks; the page reconnects, waiting longer after each failure. The cart's
 * panel and the scan panel each open one, with their own port and schema.
 */
import { browser } from "wxt/browser";

export interface PortLine {
  close(): void;
}

/** What the line needs of a schema: Zod's `safeParse`. */
interface UpdateSchema<T> {
  safeParse(raw: unknown): { success: true; data: T } | { success: false };
}

const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 5000;

export function openPortLine<T>(
  portName: string,
  schema: UpdateSchema<T>,
  channel: string,
  onUpdate: (update: T) => void,
): PortLine {
  let closed = false;
  let retry = FIRST_RETRY_MS;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = () => {
    if (closed) return;
    port = browser.runtime.connect({ name: portName });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = schema.safeParse(raw);
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
