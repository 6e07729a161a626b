/**
 * The background's scan sessions: one per page the scanning content script
 * serves, paired with that page's scan panel by the channel id in the panel's
 * address (as the cart's sessions are, src/background/checkout/sessions.ts).
 *
 * A capture is validated, read (read.ts) and the result goes to the panel
 * only; the content script receives nothing. The panel's "Add" and "Set my
 * coins" name the reading they saw (`scanId`), so a click on a list the page
 * has since replaced is refused rather than adding something else.
 *
 * Browser APIs and storage are injected, so tests drive it with fakes.
 */
import type { Coins } from "../../../optimizer/schema";
import { type ScanKind, scanKindOf } from "../../adapters/scan-pages";
import { message, Refusal } from "../../core/message";
import {
  SCAN_PANEL_PORT,
  SCAN_PORT,
  type ScannedCoupon,
  ScanPanelHelloSchema,
  ScanPortMessageSchema,
  type ScanUpdate,
} from "../../messaging/scan";
import type { PortLike, SenderLike } from "../checkout/sessions";
import { centsPerCoinOf, readCoinAnswers, readCouponPage, readProductPage, type TextReaders } from "./read";

export interface ScanDeps {
  extensionId: string;
  /** `runtime.getURL("/scan.html")`: only frames at this address count as scan panels. */
  scanUrl: string;
  /** The coupon-text reader with the clock and time zone of now. */
  readers(): Promise<TextReaders>;
  /** A test for "already in the wallet", made from the wallet as it is now. */
  knownTest(): Promise<(coupon: ScannedCoupon) => boolean>;
  /** The wallet's coins, for the panel's "your wallet has". */
  coins(): Promise<Coins | undefined>;
  /** The number of pages being served changed (the wallet is followed only while there are some). */
  onSessionCount?(count: number): void;
}

interface Capture {
  world: string | null;
  text: string;
  blocks: string[];
  store: { id: string; name: string } | null;
}

interface Session {
  channel: string;
  tabId: number;
  kind: ScanKind;
  queue: Promise<void>;
  update: ScanUpdate;
  /** The coupons behind the shown list's `found` (same order), and the coin reading's answer. */
  shown: { coupons: ScannedCoupon[]; coins?: { balance: number; centsPerCoin: number } };
  lastCapture: Capture | undefined;
}

/** A refusal the panel shows, in its own language. */
export class ScanRefusal extends Refusal {
  override name = "ScanRefusal";
}

const parseWorld = (world: string | null): unknown => {
  if (world === null) return null;
  try {
    return JSON.parse(world);
  } catch {
    return null;
  }
};

export class ScanSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly panels = new Map<string, { port: PortLike; tabId: number }>();
  private scanIds = 0;

  constructor(private readonly deps: ScanDeps) {}

  get size(): number {
    return this.sessions.size;
  }

  connect(port: PortLike): void {
    if (port.sender?.id !== this.deps.extensionId) return;
    if (port.name === SCAN_PORT) this.acceptPage(port);
    else if (port.name === SCAN_PANEL_PORT) this.acceptPanel(port);
  }

  /** The wallet changed: every list is read again, so "already in your wallet" stays true. */
  refreshAll(): void {
    for (const s of this.sessions.values()) {
      const capture = s.lastCapture;
      if (capture) s.queue = s.queue.then(() => this.read(s, capture));
    }
  }

  private acceptPage(port: PortLike): void {
    const tabId = port.sender?.tab?.id;
    const url = port.sender?.url;
    let session: Session | undefined;
    port.onMessage.addListener((raw) => {
      const parsed = ScanPortMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === "hello") {
        // The kind must be the one of the page the port comes from: a page cannot ask for another's reading.
        if (session || tabId === undefined || url === undefined || scanKindOf(url) !== message.kind)
          return port.disconnect();
        if (this.sessions.has(message.channel)) return port.disconnect();
        session = {
          channel: message.channel,
          tabId,
          kind: message.kind,
          queue: Promise.resolve(),
          update: { type: "waiting", kind: message.kind, reason: "" },
          shown: { coupons: [] },
          lastCapture: undefined,
        };
        this.sessions.set(message.channel, session);
        this.deps.onSessionCount?.(this.sessions.size);
        const panel = this.panels.get(message.channel);
        if (panel && panel.tabId !== tabId) {
          this.panels.delete(message.channel);
          panel.port.disconnect();
        }
        return;
      }
      const s = session;
      if (!s) return port.disconnect();
      const { type: _type, seq: _seq, ...capture } = message;
      s.lastCapture = capture;
      s.queue = s.queue.then(() => this.read(s, capture)).catch(() => undefined);
    });
    port.onDisconnect.addListener(() => {
      if (!session || this.sessions.get(session.channel) !== session) return;
      this.sessions.delete(session.channel);
      this.deps.onSessionCount?.(this.sessions.size);
    });
  }

  private async read(s: Session, capture: Capture): Promise<void> {
    if (s.lastCapture !== capture) return; // a newer capture is queued
    if (s.kind === "coins") {
      const world = parseWorld(capture.world) as { coins?: unknown } | null;
      const answers = Array.isArray(world?.coins) ? world.coins.filter((a) => typeof a === "string") : [];
      const reading = readCoinAnswers(answers);
      if (!reading)
        return this.post(s, { type: "waiting", kind: "coins", reason: "no-coins" }, { coupons: [] });
      const coins = await this.deps.coins().catch(() => undefined);
      const fromPage = centsPerCoinOf(reading);
      const centsPerCoin = fromPage ?? coins?.centsPerCoin ?? 1;
      const rate = fromPage !== undefined ? "page" : coins ? "wallet" : "default";
      const update: ScanUpdate = {
        type: "coins",
        scanId: ++this.scanIds,
        balance: reading.balance,
        centsPerCoin,
        rate,
        ...(reading.worth ? { worth: reading.worth } : {}),
        ...(coins ? { current: coins.balance } : {}),
      };
      return this.post(s, update, { coupons: [], coins: { balance: reading.balance, centsPerCoin } });
    }
    const [readers, known] = await Promise.all([this.deps.readers(), this.deps.knownTest()]);
    const ctx = { readers, known };
    const result =
      s.kind === "product"
        ? readProductPage(parseWorld(capture.world), capture.blocks, capture.store, ctx)
        : readCouponPage(capture.text, ctx);
    if (result.found.length + result.toCollect.length + result.unreadable.length === 0)
      return this.post(s, { type: "waiting", kind: s.kind, reason: "nothing" }, { coupons: [] });
    const update: ScanUpdate = {
      type: "coupons",
      kind: s.kind,
      scanId: ++this.scanIds,
      found: result.found,
      toCollect: result.toCollect,
      unreadable: result.unreadable,
      timeZone: readers.timeZone,
    };
    this.post(s, update, { coupons: result.found.map((f) => f.coupon) });
  }

  private post(s: Session, update: ScanUpdate, shown: Session["shown"]): void {
    s.update = update;
    s.shown = shown;
    const panel = this.panels.get(s.channel);
    if (panel && panel.tabId === s.tabId) panel.port.postMessage(update);
  }

  private acceptPanel(port: PortLike): void {
    const tabId = port.sender?.tab?.id;
    const fromPanel = port.sender?.url?.startsWith(`${this.deps.scanUrl}#`) === true;
    let channel: string | undefined;
    port.onMessage.addListener((raw) => {
      const hello = ScanPanelHelloSchema.safeParse(raw);
      if (channel !== undefined || !hello.success || !fromPanel || tabId === undefined)
        return port.disconnect();
      const session = this.sessions.get(hello.data.channel);
      if (this.panels.has(hello.data.channel) || (session && session.tabId !== tabId))
        return port.disconnect();
      channel = hello.data.channel;
      this.panels.set(channel, { port, tabId });
      port.postMessage(session?.update ?? { type: "waiting", kind: "coupons", reason: "" });
    });
    port.onDisconnect.addListener(() => {
      if (channel !== undefined && this.panels.get(channel)?.port === port) this.panels.delete(channel);
    });
  }

  private sessionFor(ref: { channel: string; scanId: number }, sender: SenderLike): Session {
    const s = this.sessions.get(ref.channel);
    const fromPanel =
      sender.id === this.deps.extensionId &&
      sender.url?.startsWith(`${this.deps.scanUrl}#`) === true &&
      s !== undefined &&
      sender.tab?.id === s.tabId;
    if (!s || !fromPanel) throw new ScanRefusal(message("checkout_pageGone"));
    const u = s.update;
    if (!("scanId" in u) || u.scanId !== ref.scanId) throw new ScanRefusal(message("scan_listStale"));
    return s;
  }

  /** "Add N coupons": the picked coupons of the shown list. */
  picked(ref: { channel: string; scanId: number; picks: number[] }, sender: SenderLike): ScannedCoupon[] {
    const s = this.sessionFor(ref, sender);
    const picks = [...new Set(ref.picks)];
    const coupons = picks.map((i) => s.shown.coupons[i]);
    if (coupons.some((c) => c === undefined)) throw new ScanRefusal(message("scan_noSuchCoupon"));
    return coupons as ScannedCoupon[];
  }

  /** "Set my coins": the shown balance and the rate it is counted at. */
  coinsShown(
    ref: { channel: string; scanId: number },
    sender: SenderLike,
  ): { balance: number; centsPerCoin: number } {
    const coins = this.sessionFor(ref, sender).shown.coins;
    if (!coins) throw new ScanRefusal(message("scan_noCoinBalance"));
    return coins;
  }
}
