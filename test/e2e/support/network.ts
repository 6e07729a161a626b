/**
 * The no-network guard of the Chromium end-to-end tests: Chromium writes a
 * NetLog (`--log-net-log`) of every request its network service starts, from
 * the first moment of the browser's life, each with the origin that asked
 * for it. After the browser closes, any request asked for by an extension
 * origin (the service worker, the popup, the options page, the offscreen
 * document, the panel's frame: they all have the extension's origin) fails
 * the test, and so does any request from a shop page to a host that is not
 * the shop's: the demo shop only ever asks its own host, and that is how a
 * request from a content script looks (content scripts fetch with the
 * page's origin).
 *
 * Why a NetLog and not Playwright's request events: those start only once a
 * listener is attached (after the service worker has started), never see
 * the offscreen document, and see the worker only behind an experimental
 * switch. The NetLog misses nothing that reaches the network service.
 * Requests that the extension's content security policy stops never reach
 * it, so they cannot show here, and need not: they never left.
 *
 * A page the browser opens on the extension's behalf (`tabs.create`) has no
 * initiating origin either, so every top-level navigation without one must
 * go to the shop or to the extension, except to `example.com`, which
 * shop.e2e.ts visits on purpose to show that it cannot be reached.
 * Chromium's own background requests (sign-in, autofill) are not
 * navigations and have no initiating origin: they are not the extension's.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const NETLOG_FILE = "stackwise-netlog.json";

/** Flags that make Chromium write the NetLog into its user data folder. */
export const netLogArgs = (userDataDir: string): string[] => [
  `--log-net-log=${join(userDataDir, NETLOG_FILE)}`,
  "--net-log-capture-mode=Default",
];

export interface StartedRequest {
  url: string;
  method: string;
  /** The origin that asked ("chrome-extension://…", "https://www.aliexpress.com"), or "" for the browser itself. */
  initiator: string;
  /** Chromium's word for it: "main frame", "sub frame", "fetch", "script", … */
  type: string;
}

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: Record<string, unknown> }[];
}

/**
 * Parses a NetLog. A browser that crashed leaves the event list open; the
 * events written so far are still read rather than lost.
 */
export function parseNetLog(text: string): NetLog {
  try {
    return JSON.parse(text) as NetLog;
  } catch {
    const open = text.trimEnd().replace(/,$/, "");
    return JSON.parse(`${open}]}`) as NetLog;
  }
}

/** Every request the network service started, in order. */
export function startedRequests(log: NetLog): StartedRequest[] {
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  if (startJob === undefined)
    throw new Error("This NetLog has no URL_REQUEST_START_JOB events: Chromium changed.");
  const started: StartedRequest[] = [];
  for (const event of log.events) {
    if (event.type !== startJob || typeof event.params?.url !== "string") continue;
    const initiator = typeof event.params.initiator === "string" ? event.params.initiator : "";
    started.push({
      url: event.params.url,
      method: typeof event.params.method === "string" ? event.params.method : "",
      // Chromium writes "not an origin" for requests of its own.
      initiator: /^[a-z-]+:\/\//.test(initiator) ? initiator : "",
      type: typeof event.params.request_type === "string" ? event.params.request_type : "",
    });
  }
  return started;
}

const STAYS_INSIDE = new Set(["chrome-extension:", "data:", "blob:"]);

/** Visited by a test on purpose, to show that it cannot be reached (shop.e2e.ts). */
export const VISITED_ON_PURPOSE = ["example.com"];

/**
 * The requests that broke the rule: from the extension to anything outside
 * it, from a shop page to anything but the shop, or a browser-opened page
 * that is neither.
 */
export function leavingRequests(
  requests: readonly StartedRequest[],
  shopHosts: readonly string[],
): StartedRequest[] {
  const isShop = (url: URL) => url.protocol === "https:" && shopHosts.includes(url.hostname);
  return requests.filter((request) => {
    let target: URL;
    try {
      target = new URL(request.url);
    } catch {
      return true;
    }
    if (STAYS_INSIDE.has(target.protocol)) return false;
    if (request.initiator.startsWith("chrome-extension://")) return true;
    if (request.initiator === "")
      return (
        request.type === "main frame" && !isShop(target) && !VISITED_ON_PURPOSE.includes(target.hostname)
      );
    let from: URL;
    try {
      from = new URL(request.initiator);
    } catch {
      return false;
    }
    return isShop(from) && !isShop(target);
  });
}

/** The leaving requests in a closed browser's user data folder; throws when the NetLog is missing. */
export function leavingRequestsIn(userDataDir: string, shopHosts: readonly string[]): StartedRequest[] {
  const path = join(userDataDir, NETLOG_FILE);
  if (!existsSync(path)) throw new Error(`No NetLog at ${path}: the network guard saw nothing.`);
  return leavingRequests(startedRequests(parseNetLog(readFileSync(path, "utf8"))), shopHosts);
}

/** Throws, listing them, when any request left the extension or the shop during the test. */
export function assertNothingLeft(userDataDir: string, shopHosts: readonly string[]): void {
  const leaving = leavingRequestsIn(userDataDir, shopHosts);
  if (leaving.length === 0) return;
  const lines = leaving.map((r) => `  ${r.method} ${r.url}  (asked by ${r.initiator}, ${r.type})`);
  throw new Error(
    `The network guard caught ${leaving.length} request(s) leaving the extension or the shop:\n${lines.join("\n")}`,
  );
}
