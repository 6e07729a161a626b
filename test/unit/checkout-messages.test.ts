/**
 * The checkout half's messages: requests through the bus (validated both
 * ways, an unknown name refused with a reason, foreign senders ignored) and
 * the port messages' schemas.
 */
import { describe, expect, it, vi } from "vitest";
import type { Browser } from "wxt/browser";
import { optimize } from "../../optimizer";
import english from "../../public/_locales/en/messages.json";
import { CheckoutRefusal } from "../../src/background/checkout/sessions";
import { decodeKeys, fitMessage, isMessageKey, MessageSchema, message, plural } from "../../src/core/message";
import {
  CartPortMessageSchema,
  PanelHelloSchema,
  PanelUpdateSchema,
  type StackUpdate,
} from "../../src/messaging/checkout";
import { dispatch, type Handlers } from "../../src/services/bus";
import { catalogueKeysDefine } from "../../wxt.config";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { inEnglish } from "./support/english";

const OWN = "own-extension-id";
const CHANNEL = "0123456789abcdef0123456789abcdef";
// Only the fields the checks read; a whole Tab is not needed.
const panel = {
  id: OWN,
  url: `chrome-extension://${OWN}/panel.html#${CHANNEL}`,
  tab: { id: 1 },
} as unknown as Browser.runtime.MessageSender;
const envelope = (name: string, payload: unknown) => ({ stackwise: 1, name, payload });

const handlers = (): Handlers => ({
  "checkout/apply": vi.fn(async () => ({
    state: "applied" as const,
    message: message("panel_applyApplied", "STACK5"),
    code: "STACK5",
  })),
  "checkout/placed": vi.fn(async () => ({ usedCouponIds: ["P"], coinsBalance: 21, pointsBalances: [] })),
});

describe("requests through the bus", () => {
  it("answers valid requests with validated answers", async () => {
    const h = handlers();
    expect(
      await dispatch(h, envelope("checkout/apply", { channel: CHANNEL, stackId: 4 }), panel, OWN),
    ).toEqual({
      ok: true,
      value: { state: "applied", message: message("panel_applyApplied", "STACK5"), code: "STACK5" },
    });
    expect(h["checkout/apply"]).toHaveBeenCalledWith({ channel: CHANNEL, stackId: 4 }, panel);
    expect(
      await dispatch(h, envelope("checkout/placed", { channel: CHANNEL, stackId: 4, order: 1 }), panel, OWN),
    ).toEqual({ ok: true, value: { usedCouponIds: ["P"], coinsBalance: 21, pointsBalances: [] } });
  });

  it("refuses a malformed request with the reason, without calling the handler", async () => {
    const h = handlers();
    const bad = [
      { channel: "not-a-channel", stackId: 1 },
      { channel: CHANNEL, stackId: -1 },
      { channel: CHANNEL },
      null,
    ];
    for (const payload of bad) {
      const answer = await dispatch(h, envelope("checkout/apply", payload), panel, OWN);
      expect(answer).toMatchObject({
        ok: false,
        error: { key: "bus_invalid", subs: ["checkout/apply", expect.any(String)] },
      });
    }
    const order = await dispatch(
      h,
      envelope("checkout/placed", { channel: CHANNEL, stackId: 1, order: 1.5 }),
      panel,
      OWN,
    );
    expect(order).toMatchObject({ ok: false });
    expect(h["checkout/apply"]).not.toHaveBeenCalled();
    expect(h["checkout/placed"]).not.toHaveBeenCalled();
  });

  it("refuses an unknown message by name", async () => {
    expect(await dispatch(handlers(), envelope("checkout/steal-wallet", {}), panel, OWN)).toEqual({
      ok: false,
      error: message("bus_unknown", "checkout/steal-wallet"),
    });
  });

  it("ignores anything from another extension or a web page, and anything not in an envelope", async () => {
    const h = handlers();
    const request = envelope("checkout/apply", { channel: CHANNEL, stackId: 1 });
    expect(await dispatch(h, request, { ...panel, id: "another-extension" }, OWN)).toBeUndefined();
    expect(await dispatch(h, request, { url: "https://www.aliexpress.com/" }, OWN)).toBeUndefined();
    expect(await dispatch(h, { name: "checkout/apply" }, panel, OWN)).toBeUndefined();
    expect(h["checkout/apply"]).not.toHaveBeenCalled();
  });

  it("turns a refusal into an error answer, and never passes on an answer outside the table", async () => {
    const refusing: Handlers = {
      "checkout/apply": async () => {
        throw new CheckoutRefusal(message("checkout_stackStale"));
      },
      // @ts-expect-error: an answer that does not fit the table, as a bug would produce.
      "checkout/placed": async () => ({ usedCouponIds: "P" }),
    };
    expect(
      await dispatch(refusing, envelope("checkout/apply", { channel: CHANNEL, stackId: 1 }), panel, OWN),
    ).toEqual({ ok: false, error: message("checkout_stackStale") });
    expect(
      await dispatch(
        refusing,
        envelope("checkout/placed", { channel: CHANNEL, stackId: 1, order: 0 }),
        panel,
        OWN,
      ),
    ).toMatchObject({ ok: false });
  });

  it("answers a failure that is no refusal (a bug) with its text as a technical detail", async () => {
    const failing: Handlers = {
      "checkout/apply": async () => {
        throw new TypeError("x is undefined");
      },
    };
    const answer = await dispatch(
      failing,
      envelope("checkout/apply", { channel: CHANNEL, stackId: 1 }),
      panel,
      OWN,
    );
    expect(answer).toEqual({ ok: false, error: message("bus_failed", "x is undefined") });
  });

  it("refuses an answer whose sentence has a key no catalogue has, and says which key", async () => {
    const slipping: Handlers = {
      // @ts-expect-error: a key no catalogue has, as a typo in an untyped path would produce.
      "checkout/apply": async () => ({ state: "failed", message: { key: "panel_applyFailled", subs: [] } }),
    };
    const answer = await dispatch(
      slipping,
      envelope("checkout/apply", { channel: CHANNEL, stackId: 1 }),
      panel,
      OWN,
    );
    expect(answer).toMatchObject({ ok: false, error: { key: "bus_invalid" } });
    const error = answer?.ok === false ? answer.error : message("appName");
    expect(inEnglish(error)).toMatch(
      /^checkout\/apply was refused: .*unknown message key "panel_applyFailled"/s,
    );
  });
});

describe("the one Message schema", () => {
  it("knows exactly the catalogue's keys, from the list the build gives every page", () => {
    const coded = JSON.parse(catalogueKeysDefine().__CATALOGUE_KEYS__ ?? '""') as string;
    expect([...decodeKeys(coded)].sort()).toEqual(Object.keys(english).sort());
    expect(coded.length).toBeLessThan(JSON.stringify(Object.keys(english)).length * 0.7);
    expect(isMessageKey("panel_applyFailed")).toBe(true);
    expect(isMessageKey("panel_applyFailled")).toBe(false);
  });

  it("takes a catalogue key with text and nested messages as substitutions", () => {
    const m = message("panel_applyFailed", message("adapter_technical", "row 2: no quantity"));
    expect(MessageSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(MessageSchema.parse({ ...plural("coinsBalance", 1, "1"), subs: ["1"] })).toMatchObject({
      count: 1,
    });
  });

  it("takes a long page text or detail once cut to fit, so it cannot void a panel update", () => {
    const long = message(
      "adapter_twoReasons",
      message("adapter_technical", "x".repeat(5000)),
      "y".repeat(3000),
    );
    const status = { type: "status", page: "cart", status: "unreadable", notes: [] } as const;
    expect(PanelUpdateSchema.safeParse({ ...status, reason: long }).success).toBe(false);
    const fitted = fitMessage(long);
    expect(PanelUpdateSchema.safeParse({ ...status, reason: fitted }).success).toBe(true);
    expect(inEnglish(fitted)).toMatch(/^technical detail: x{2000}; y{2000}$/);
  });

  it("refuses an unknown key at any depth, naming it, and anything else that is not a Message", () => {
    const nested = message("panel_applyFailed", { key: "adapter_nope", subs: [] } as never);
    const refused = MessageSchema.safeParse(nested);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toContain('unknown message key "adapter_nope"');
    for (const bad of ["the page did not answer", { key: "appName" }, { key: "appName", subs: [42] }, null])
      expect(MessageSchema.safeParse(bad).success).toBe(false);
    expect(
      PanelUpdateSchema.safeParse({
        type: "status",
        page: "cart",
        status: "unreadable",
        reason: "x",
        notes: [],
      }).success,
    ).toBe(false);
  });
});

describe("port messages", () => {
  it("the content script's: hello, read and same, nothing else", () => {
    const good = [
      { type: "hello", channel: CHANNEL },
      { type: "read", seq: 1, state: null, dom: { anything: true } },
      { type: "read", seq: 2, state: '{"ok":false,"reason":"absent"}', dom: null },
      { type: "same", seq: 2 },
    ];
    for (const m of good) expect(CartPortMessageSchema.safeParse(m).success).toBe(true);
    const bad = [
      { type: "hello", channel: "0123" },
      { type: "hello" },
      { type: "read", seq: 1.5, state: null, dom: null },
      { type: "read", seq: 1, state: 42, dom: null },
      { type: "read", seq: 1, state: "x".repeat(8_000_001), dom: null },
      { type: "same" },
      { type: "apply", choices: {} },
      "hello",
    ];
    for (const m of bad)
      expect(CartPortMessageSchema.safeParse(m).success, JSON.stringify(m).slice(0, 60)).toBe(false);
  });

  it("the panel's hello names a channel", () => {
    expect(PanelHelloSchema.safeParse({ type: "hello", channel: CHANNEL }).success).toBe(true);
    expect(PanelHelloSchema.safeParse({ type: "hello", channel: `${CHANNEL}0` }).success).toBe(false);
  });

  it("the panel's updates: a real stack passes, a doctored one does not", () => {
    const scenario = loadScenario("basic");
    const cart = expectedCart(scenario);
    const result = optimize({ now: scenario.now, cart, wallet: scenario.wallet, options: { maxOrders: 2 } });
    const update: StackUpdate = {
      type: "stack",
      stackId: 1,
      page: "cart",
      canApply: false,
      cart,
      result,
      coupons: scenario.wallet.coupons,
      preferences: { useCoinsAndPoints: true, maxOrders: 2 },
      refining: false,
      notes: [],
    };
    expect(PanelUpdateSchema.parse(JSON.parse(JSON.stringify(update)))).toEqual(update);
    const fractional = { ...update, result: { ...result, total: result.total + 0.5 } };
    expect(PanelUpdateSchema.safeParse(fractional).success).toBe(false);
    expect(PanelUpdateSchema.safeParse({ ...update, preferences: { maxOrders: 9 } }).success).toBe(false);
    expect(
      PanelUpdateSchema.safeParse({
        type: "status",
        page: "cart",
        status: "unreadable",
        reason: message("adapter_cartEmpty"),
        notes: [message("adapter_readFromRows")],
      }).success,
    ).toBe(true);
    expect(
      PanelUpdateSchema.safeParse({ type: "status", page: "cart", status: "fine", reason: "", notes: [] })
        .success,
    ).toBe(false);
  });
});
