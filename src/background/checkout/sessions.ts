/**
 * The background's checkout sessions: one per page the content script serves,
 * paired with that page's panel by the channel id in the panel's address.
 *
 * A session turns the page's reads into what the panel shows:
 * - a read is interpreted by the page's adapter (Zod-validated there);
 * - the cart counts only once two reads in a row agree (the content script
 *   reads again a frame later and says "same"), so a half-hydrated or
 *   half-updated page never reaches the optimizer. Once the page has
 *   hydrated, a change whose page state and rows already agree (the adapter
 *   says "corroborated") counts at once: waiting for the next read would
 *   also wait for the shop's own rendering of the change, often longer than
 *   the change itself. The next read still confirms or corrects it;
 * - "loading", "empty" and "unreadable" reach the panel as statuses, never
 *   as a total;
 * - a settled cart is optimized against the wallet and the preferences, and
 *   again whenever either changes;
 * - only the panel receives results; the content script receives nothing.
 *
 * Browser APIs are injected (SessionDeps, PortLike), so tests drive it with fakes.
 */
import { InvalidInputError, optimize, PROVEN_SPLIT_ITEMS } from "../../../optimizer";
import type { Options, OrderResult, Result, Wallet } from "../../../optimizer/schema";
import { adapterFor, checkoutAdapterFor, parsePageState } from "../../adapters";
import type { CartRead, CartSnapshot, SiteAdapter, StackChoices } from "../../adapters/types";
import { fitMessage, type Message, message, messageTrace, Refusal } from "../../core/message";
import {
  CART_PORT,
  CartPortMessageSchema,
  MAX_UNAVAILABLE,
  PANEL_PORT,
  PanelHelloSchema,
  type PanelStatus,
  type PanelUpdate,
  type StackUpdate,
} from "../../messaging/checkout";
import type { CheckoutPreferences, TaxCalibration } from "../../messaging/checkout-preferences";

import { StorageError } from "../../storage/errors";
import { matchStoresByName } from "../../wallet/store-names";
import { choicesFor } from "./choices";
import { checkAgainstPage } from "./page-check";
import { calibrateCheckout, checkoutKey, rateFor, resolveDestination, storedCalibration } from "./tax-source";

/** What a session needs of `runtime.Port`. */
export interface PortLike {
  name: string;
  sender?: { id?: string; url?: string; frameId?: number; tab?: { id?: number } };
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface SessionDeps {
  extensionId: string;
  /** `runtime.getURL("/panel.html")`: only frames at this address count as panels. */
  panelUrl: string;
  /** The wallet in the optimizer's shape; rejects with a StorageError when it cannot be read. */
  wallet(): Promise<Wallet>;
  preferences(): Promise<CheckoutPreferences>;
  now(): Date;
  /** Keeps the last settled cart of a site, for its checkout page. */
  rememberCart(site: string, cart: CartSnapshot): void;
  recallCart(site: string): Promise<CartSnapshot | undefined>;
  /** Runs a task after the current message (the split search of a large cart). */
  later(task: () => void): void;
  /**
   * Keeps a rate calibrated on a checkout's tax lines (issue 13); the preferences change
   * it makes brings every page's stack again.
   */
  saveTaxCalibration?(calibration: TaxCalibration): void;
  /** The number of pages being served changed (the wallet feed runs only while there are some). */
  onSessionCount?(count: number): void;
}

interface Read {
  seq: number;
  key: string;
  read: CartRead;
}

interface Session {
  channel: string;
  tabId: number;
  frameId: number;
  url: string;
  /** Adapter and host: a checkout is priced with the last cart of the same site. */
  site: string;
  page: "cart" | "checkout";
  adapter: SiteAdapter;
  port: PortLike;
  /** Messages are handled one at a time, in order, although reading a checkout awaits storage. */
  queue: Promise<void>;
  last: Read | undefined;
  settled: { key: string; read: CartRead } | undefined;
  /** A cart has settled on two agreeing reads: the page is past its first hydration. */
  hydrated: boolean;
  /** The last read's page-state text and what it was read as. */
  lastInput: { state: string | null; read: CartRead } | undefined;
  /** Bumped by every new settled read or wallet/preference change; older computations are dropped. */
  version: number;
  update: PanelUpdate | undefined;
  /** The calibrated rate this page stored last (checkout and rate), if any. */
  calibrationSaved?: string;
}

interface Panel {
  port: PortLike;
  tabId: number;
}

const keyOf = (read: CartRead): string =>
  read.ok
    ? `cart ${read.signature}`
    : `${read.status} ${read.reason} ${JSON.stringify([read.incomplete, read.unavailable])}`;

/** Notes as the panel's message takes them: distinct, at most 200, none longer than 2000 characters. */
/** Notes once each (equal notes are equal messages), at most as many as the panel's schema takes. */
const fitNotes = (notes: Message[]): Message[] =>
  [...new Map(notes.map((n) => [messageTrace(n), fitMessage(n)])).values()].slice(0, 200);

/** A refusal the panel shows, in its own language. */
export class CheckoutRefusal extends Refusal {
  override name = "CheckoutRefusal";
}

export class CheckoutSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly panels = new Map<string, Panel>();
  private stackIds = 0;

  constructor(private readonly deps: SessionDeps) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Takes a new port: the content script's, a panel's, or someone else's (ignored). */
  connect(port: PortLike): void {
    if (port.sender?.id !== this.deps.extensionId) return;
    if (port.name === CART_PORT) this.acceptPage(port);
    else if (port.name === PANEL_PORT) this.acceptPanel(port);
  }

  /** The wallet or the preferences changed: every page is optimized again. */
  refreshAll(): void {
    for (const s of this.sessions.values()) if (s.settled) void this.publish(s);
  }

  // ------------------------------------------------------------ pages

  private acceptPage(port: PortLike): void {
    const tabId = port.sender?.tab?.id;
    const url = port.sender?.url;
    let session: Session | undefined;
    const refuse = () => port.disconnect();
    port.onMessage.addListener((raw) => {
      const parsed = CartPortMessageSchema.safeParse(raw);
      if (!parsed.success) return; // a malformed read changes nothing; the next one may be fine
      const message = parsed.data;
      if (message.type === "hello") {
        if (session || tabId === undefined || url === undefined || this.sessions.has(message.channel))
          return refuse();
        session = this.open(message.channel, port, tabId, port.sender?.frameId ?? 0, url);
        if (!session) return refuse();
        return;
      }
      const s = session;
      if (!s) return refuse();
      s.queue = s.queue.then(() =>
        message.type === "read"
          ? this.onRead(s, message.seq, message.state, message.dom)
          : this.onSame(s, message.seq),
      );
    });
    port.onDisconnect.addListener(() => {
      if (!session || this.sessions.get(session.channel) !== session) return;
      this.sessions.delete(session.channel);
      session.version += 1;
      this.deps.onSessionCount?.(this.sessions.size);
    });
  }

  private open(
    channel: string,
    port: PortLike,
    tabId: number,
    frameId: number,
    url: string,
  ): Session | undefined {
    const cartAdapter = adapterFor(url);
    const checkoutAdapter = cartAdapter ? undefined : checkoutAdapterFor(url);
    const adapter = cartAdapter ?? checkoutAdapter;
    if (!adapter) return undefined;
    const page = cartAdapter ? "cart" : "checkout";
    const session: Session = {
      channel,
      tabId,
      frameId,
      url,
      site: `${adapter.id} ${new URL(url).hostname}`,
      page,
      adapter,
      port,
      queue: Promise.resolve(),
      last: undefined,
      settled: undefined,
      lastInput: undefined,
      hydrated: false,
      version: 0,
      update: undefined,
    };
    this.sessions.set(channel, session);
    this.deps.onSessionCount?.(this.sessions.size);
    const panel = this.panels.get(channel);
    if (panel && panel.tabId !== tabId) {
      this.panels.delete(channel);
      panel.port.disconnect();
    }
    this.post(session, { type: "status", page, status: "loading", notes: [] });
    return session;
  }

  private async interpret(s: Session, state: string | null, dom: unknown): Promise<CartRead> {
    if (s.page === "cart") return s.adapter.readCart({ url: s.url, pageState: parsePageState(state), dom });
    const checkout = s.adapter.checkout;
    if (!checkout)
      return { ok: false, status: "unreadable", reason: message("checkout_noSupport"), notes: [] };
    return checkout.readCheckout({ url: s.url, dom, apiState: state }, await this.deps.recallCart(s.site));
  }

  private async onRead(s: Session, seq: number, state: string | null, dom: unknown): Promise<void> {
    // A checkout read from the page's own responses does not look at the document: when only
    // the document moved (the page redrawing what the same response said), the read is the same.
    const previous = s.lastInput;
    const read =
      s.page === "checkout" &&
      state !== null &&
      previous?.state === state &&
      previous.read.ok &&
      previous.read.checkout?.source === "api"
        ? previous.read
        : await this.interpret(s, state, dom);
    s.lastInput = { state, read };
    const key = keyOf(read);
    if (!read.ok && read.status === "loading") {
      s.last = undefined;
      if (s.settled) {
        // The page is changing its cart: what was shown no longer holds.
        s.settled = undefined;
        s.version += 1;
      }
      if (s.update?.type !== "status" || s.update.status !== "loading")
        this.post(s, {
          type: "status",
          page: s.page,
          status: "loading",
          reason: fitMessage(read.reason),
          notes: [],
        });
      return;
    }
    const agreed = s.last?.key === key;
    s.last = { seq, key, read };
    if (agreed || (s.hydrated && read.ok && read.corroborated === true)) await this.settle(s, key, read);
  }

  private async onSame(s: Session, seq: number): Promise<void> {
    if (s.last?.seq === seq) await this.settle(s, s.last.key, s.last.read);
  }

  private async settle(s: Session, key: string, read: CartRead): Promise<void> {
    if (s.settled?.key === key) return;
    s.settled = { key, read };
    if (read.ok) s.hydrated = true;
    await this.publish(s);
    // After the stack is out: keeping the cart for its checkout page copies it to session storage.
    if (read.ok && s.page === "cart") this.deps.rememberCart(s.site, { cart: read.cart, lines: read.lines });
  }

  private status(
    s: Session,
    status: PanelStatus,
    reason: Message,
    notes: Message[] = [],
    page: Pick<CartRead, "incomplete" | "unavailable"> = {},
  ): void {
    this.post(s, {
      type: "status",
      page: s.page,
      status,
      reason: fitMessage(reason),
      notes: fitNotes(notes),
      ...(page.incomplete ? { incomplete: page.incomplete } : {}),
      ...(page.unavailable?.length ? { unavailable: page.unavailable.slice(0, MAX_UNAVAILABLE) } : {}),
    });
  }

  private async publish(s: Session): Promise<void> {
    const version = ++s.version;
    const read = s.settled?.read;
    if (!read) return;
    if (!read.ok) return this.status(s, read.status, read.reason, read.notes, read);
    if (!read.cart.items.some((i) => i.selected))
      return this.status(s, "none-selected", message("checkout_noneTicked"), read.notes, read);

    let wallet: Wallet;
    let preferences: CheckoutPreferences;
    try {
      [wallet, preferences] = await Promise.all([this.deps.wallet(), this.deps.preferences()]);
      // Coupons captured with only their store's name find that store in this cart.
      wallet = matchStoresByName(wallet, read.cart);
    } catch (error) {
      if (version !== s.version) return;
      const why = error instanceof StorageError ? error.text : message("bus_failed", String(error));
      return this.status(s, "error", why, read.notes);
    }
    if (version !== s.version) return;

    const options: Partial<Options> = {
      // A checkout page is one order.
      maxOrders: s.page === "checkout" ? 1 : preferences.maxOrders,
      useCoins: preferences.useCoinsAndPoints,
      usePoints: preferences.useCoinsAndPoints,
    };
    const now = this.deps.now();
    // Import tax only once the shopper named a destination in the options (issue 13); the page's
    // ship-to country then wins over the options' one.
    const place = resolveDestination(preferences, read.shipTo);
    const checkout = checkoutKey(read.cart);
    const rate = place
      ? rateFor(preferences, place.destination.country, now.getTime(), read.cart.currency, checkout)
      : undefined;
    const reduce = preferences.taxDiscountsReduceBase;
    const input = {
      now: now.toISOString(),
      cart: read.cart,
      wallet,
      ...(place ? { destination: { ...place.destination, ...(rate ? { rate: rate.rate } : {}) } } : {}),
      ...(place && reduce !== undefined ? { rules: { discountsReduceBase: reduce } } : {}),
    };
    const taxViews = { destination: place?.view, taxRate: rate };
    // A split after tax is shown with what one order would cost after tax, for its saving.
    const oneOrder = (r: Result): { total: number; tax: number } | undefined => {
      if (!r.taxModelled || r.orders.length < 2) return undefined;
      const single = this.solve(s, { ...input, options: { ...options, maxOrders: 1 } });
      return single ? { total: single.total, tax: single.tax ?? 0 } : undefined;
    };
    // A large cart's split search takes the optimizer's whole time budget: show the exact
    // one-order stack at once, then the split when it is found.
    const selected = read.cart.items.filter((i) => i.selected).length;
    const refine = (options.maxOrders ?? 1) > 1 && selected > PROVEN_SPLIT_ITEMS;
    const first = this.solve(s, { ...input, options: refine ? { ...options, maxOrders: 1 } : options });
    if (!first) return;
    const calibration =
      s.page === "checkout" && place && read.checkout
        ? calibrateCheckout({
            input,
            result: first,
            figures: read.checkout,
            destination: place.destination,
            now,
            checkout,
          })
        : undefined;
    const record = calibration?.record;
    if (record) {
      const kept = storedCalibration(preferences, record.country, record.ruleCurrency, record.cartCurrency);
      const name = `${record.checkout} ${record.rate}`;
      // A stored rate that already reproduces this checkout stays (then this checkout's tax check is
      // an independent one). Each page stores a rate once: two checkouts that disagree must not
      // overwrite each other in turn, as each store brings every page's stack again.
      if (!(kept && kept.rate >= record.low && kept.rate <= record.high) && s.calibrationSaved !== name) {
        s.calibrationSaved = name;
        this.deps.saveTaxCalibration?.(record);
      }
    }
    const views = { ...taxViews, calibration: calibration?.view };
    this.postStack(s, read, first, wallet, preferences, refine, oneOrder(first), views);
    if (refine)
      this.deps.later(() => {
        if (version !== s.version) return;
        const split = this.solve(s, { ...input, options });
        if (split && version === s.version)
          this.postStack(s, read, split, wallet, preferences, false, oneOrder(split), taxViews);
      });
  }

  private solve(s: Session, input: unknown): Result | undefined {
    try {
      return optimize(input);
    } catch (error) {
      const why =
        error instanceof InvalidInputError
          ? message("checkout_misfit", error.problems.slice(0, 3).join("; "))
          : message("checkout_optimizerFailed", String(error));
      this.status(s, "error", why);
      return undefined;
    }
  }

  private postStack(
    s: Session,
    read: Extract<CartRead, { ok: true }>,
    result: Result,
    wallet: Wallet,
    preferences: CheckoutPreferences,
    refining: boolean,
    oneOrder: { total: number; tax: number } | undefined,
    views: Pick<StackUpdate, "destination" | "taxRate" | "calibration">,
  ): void {
    const named = new Set([
      ...result.unused.map((u) => u.couponId),
      ...result.orders.flatMap((o) => [
        ...o.storeCoupons.map((c) => c.couponId),
        ...(o.selectCoupon ? [o.selectCoupon.couponId] : []),
        ...(o.platformCoupon ? [o.platformCoupon.couponId] : []),
      ]),
    ]);
    const mismatch = checkAgainstPage(read.cart, read.pageSummary, read.incomplete);
    this.stackIds += 1;
    this.post(s, {
      type: "stack",
      stackId: this.stackIds,
      page: s.page,
      canApply: s.page === "checkout" && s.adapter.checkout !== undefined && result.orders.length === 1,
      cart: read.cart,
      result,
      coupons: wallet.coupons.filter((c) => named.has(c.id)),
      preferences,
      refining,
      notes: fitNotes(read.notes),
      ...(s.page === "checkout" && read.checkout ? { checkout: read.checkout } : {}),
      ...(read.incomplete ? { incomplete: read.incomplete } : {}),
      ...(read.unavailable?.length ? { unavailable: read.unavailable.slice(0, MAX_UNAVAILABLE) } : {}),
      ...(mismatch ? { mismatch } : {}),
      ...(oneOrder ? { oneOrder } : {}),
      ...(views.destination ? { destination: views.destination } : {}),
      ...(views.taxRate ? { taxRate: views.taxRate } : {}),
      ...(views.calibration ? { calibration: views.calibration } : {}),
    });
  }

  private post(s: Session, update: PanelUpdate): void {
    s.update = update;
    const panel = this.panels.get(s.channel);
    if (panel && panel.tabId === s.tabId) panel.port.postMessage(update);
  }

  // ------------------------------------------------------------ panels

  private acceptPanel(port: PortLike): void {
    const tabId = port.sender?.tab?.id;
    const fromPanel = port.sender?.url?.startsWith(`${this.deps.panelUrl}#`) === true;
    let channel: string | undefined;
    port.onMessage.addListener((raw) => {
      const hello = PanelHelloSchema.safeParse(raw);
      if (channel !== undefined || !hello.success || !fromPanel || tabId === undefined)
        return port.disconnect();
      const existing = this.panels.get(hello.data.channel);
      const session = this.sessions.get(hello.data.channel);
      // One panel per page, in the page's own tab.
      if (existing || (session && session.tabId !== tabId)) return port.disconnect();
      channel = hello.data.channel;
      this.panels.set(channel, { port, tabId });
      port.postMessage(
        session?.update ?? {
          type: "status",
          page: session?.page ?? "cart",
          status: "loading",
          notes: [],
        },
      );
    });
    port.onDisconnect.addListener(() => {
      if (channel !== undefined && this.panels.get(channel)?.port === port) this.panels.delete(channel);
    });
  }

  /** The session a panel's request is about, checking the request comes from that page's panel. */
  private sessionForPanel(channel: string, sender: SenderLike): Session {
    const s = this.sessions.get(channel);
    const fromPanel =
      sender.id === this.deps.extensionId &&
      sender.url?.startsWith(`${this.deps.panelUrl}#`) === true &&
      s !== undefined &&
      sender.tab?.id === s.tabId;
    if (!s || !fromPanel) throw new CheckoutRefusal(message("checkout_pageGone"));
    return s;
  }

  private shownStack(s: Session, stackId: number): StackUpdate {
    const u = s.update;
    if (u?.type !== "stack" || u.stackId !== stackId)
      throw new CheckoutRefusal(message("checkout_stackStale"));
    return u;
  }

  /** "Apply": where to run the adapter's applyStack (which types the stack's promo code in), and with what. */
  applyJob(
    ref: { channel: string; stackId: number },
    sender: SenderLike,
  ): {
    tabId: number;
    frameId: number;
    apply: (choices: StackChoices) => Promise<unknown>;
    choices: StackChoices;
  } {
    const s = this.sessionForPanel(ref.channel, sender);
    const u = this.shownStack(s, ref.stackId);
    const apply = s.adapter.checkout?.applyStack;
    const [order] = u.result.orders;
    if (!u.canApply || !apply || !order || u.result.orders.length !== 1)
      throw new CheckoutRefusal(message("checkout_cannotFill"));
    const use = u.preferences.useCoinsAndPoints;
    return {
      tabId: s.tabId,
      frameId: s.frameId,
      apply,
      choices: choicesFor(order, u.coupons, { useCoins: use, usePoints: use }),
    };
  }

  /** "I placed this order": the order of the shown stack. */
  placedOrder(ref: { channel: string; stackId: number; order: number }, sender: SenderLike): OrderResult {
    const s = this.sessionForPanel(ref.channel, sender);
    const order = this.shownStack(s, ref.stackId).result.orders[ref.order];
    if (!order) throw new CheckoutRefusal(message("checkout_noSuchOrder"));
    return order;
  }
}
