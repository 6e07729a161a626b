/**
 * The only way out of the test Firefox: an http proxy on loopback that every
 * request goes through (Firefox is told so by preferences, with no direct
 * fallback). Firefox has no `--host-resolver-rules`, so this is how the
 * marketplace's host names reach the demo shop:
 *
 * - `CONNECT www.aliexpress.com:443` (and the other shop hosts) is tunnelled
 *   to the demo shop on its random loopback port. The addresses stay the
 *   real ones (`https://www.aliexpress.com/…`, port 443), so the manifest's
 *   match patterns and the panel's frame-ancestors apply exactly as on the
 *   real shop.
 * - Anything else, https or plain http, is refused with 403 and written
 *   down. With Firefox's own background services switched off (see
 *   FIREFOX_PREFS), nobody but the pages and the extension can ask for
 *   anything, so every refusal is a request that tried to leave: the Firefox
 *   half of the no-network guard. Nothing resolves a name or opens a socket
 *   to anything but the shop.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";

export interface Refusal {
  /** "CONNECT" for https, else the http method. */
  method: string;
  /** host:port for CONNECT, else the absolute URL. */
  target: string;
}

export interface Gateway {
  port: number;
  /** Refusals since the last call, which clears them. */
  take(): Refusal[];
  close(): Promise<void>;
}

export async function startGateway(shopPort: number, shopHosts: readonly string[]): Promise<Gateway> {
  let refused: Refusal[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    refused.push({ method: req.method ?? "?", target: req.url ?? "" });
    res.writeHead(403, { "content-type": "text/plain" });
    res.end("Refused by the Stackwise test gateway: only the demo shop is reachable.\n");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    const target = req.url ?? "";
    const [host, port] = target.split(":");
    if (host === undefined || port !== "443" || !shopHosts.includes(host)) {
      refused.push({ method: "CONNECT", target });
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const shop = connect(shopPort, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) shop.write(head);
      shop.pipe(client);
      client.pipe(shop);
    });
    sockets.add(shop);
    shop.on("close", () => sockets.delete(shop));
    shop.on("error", () => client.destroy());
    client.on("error", () => shop.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    take: () => {
      const taken = refused;
      refused = [];
      return taken;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
