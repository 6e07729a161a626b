/**
 * The panel's line to the background: a port named by the page's channel,
 * over which the background sends the stack (or the cart's status). Every
 * update is validated before use. When the background's worker restarts the
 * port breaks; the panel reconnects, waiting longer after each failure.
 */
import { browser } from "wxt/browser";
import { PANEL_PORT, type PanelUpdate, PanelUpdateSchema } from "../../messaging/checkout";

export interface PanelConnection {
  close(): void;
}

const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 5000;

export function connectPanel(channel: string, onUpdate: (update: PanelUpdate) => void): PanelConnection {
  let closed = false;
  let retry = FIRST_RETRY_MS;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = () => {
    if (closed) return;
    port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = PanelUpdateSchema.safeParse(raw);
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
