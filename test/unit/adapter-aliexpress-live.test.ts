/**
 * The AliExpress cart as the live site served it in 2026
 * (shared/spec/aliexpress-cart.md, "Seen on the live site in 2026"), on pages
 * saved from the demo shop (test/fixtures/pages/capture.ts): the US host, a
 * cart in pages, unavailable lines without `itemView`, the page's summary,
 * the legacy shape, odd ids; and hostile variants of each.
 */
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { aliexpress } from "../../src/adapters/aliexpress";
import { captureCartPage } from "../../src/adapters/aliexpress-capture";
import type { CartRead, PageInput } from "../../src/adapters/types";
import { checkAgainstPage } from "../../src/background/checkout/page-check";
import { message } from "../../src/core/message";
import { savedPage } from "../fixtures/pages/saved";
import { expectedCart, expectedUnavailable, loadScenario } from "../fixtures/shop/scenarios";
import { inEnglish } from "./support/english";

const US_CART = "https://www.aliexpress.us/p/shoppingcart/index.html";

type Nodes = Record<string, Record<string, unknown>>;

const page = (name: string, options: { state?: boolean } = {}): PageInput & { document: Document } => {
  const { html, state } = savedPage(name);
  return {
    url: US_CART,
    document: new JSDOM(html, { url: US_CART }).window.document,
    ...(options.state === false ? {} : { pageState: state }),
  };
};

const nodesOf = (p: PageInput): Nodes => {
  if (!p.pageState?.ok) throw new Error("no page state");
  return p.pageState.data as Nodes;
};

const okRead = (read: CartRead) => {
  if (!read.ok) throw new Error(`expected a cart, got ${read.status}: ${inEnglish(read.reason)}`);
  return read;
};

const fieldsOf = (node: Record<string, unknown> | undefined) => node?.fields as Record<string, unknown>;

/** The node whose droplet line has this cart id. */
const lineNode = (nodes: Nodes, cartId: number) => {
  const found = Object.values(nodes).find(
    (n) => (fieldsOf(n)?.itemView as { cartId?: number } | undefined)?.cartId === cartId,
  );
  if (!found) throw new Error(`no line ${cartId}`);
  return found;
};

const paginationNode = (nodes: Nodes) => {
  const found = Object.values(nodes).find((n) => Object.hasOwn(n, "hasMore"));
  if (!found) throw new Error("no pagination node");
  return found;
};

const summaryFields = (nodes: Nodes) => {
  const found = Object.values(nodes).find((n) => fieldsOf(n)?.payCurrencyCode !== undefined);
  if (!found) throw new Error("no summary node");
  return fieldsOf(found) as {
    payCurrencyCode: string;
    summaryTabVO: { priceBlockList: { summaryLines: { content: { content: string } }[] }[] };
    totalSummaryLines: unknown[];
  };
};

const paged = loadScenario("paged");

describe("the US site's cart in two pages", () => {
  it("before scrolling: the first page's lines, marked incomplete, with its unavailable line", () => {
    const read = okRead(aliexpress.readCart(page("paged-page1")));
    expect(read.source).toBe("page-state");
    expect(read.cart).toEqual(expectedCart(paged, paged.pageSize));
    expect(read.incomplete).toBe("more-lines");
    expect(read.unavailable).toEqual(expectedUnavailable(paged, paged.pageSize));
    // The summary covers every ticked line, loaded or not: it is read, and not held against a part.
    expect(read.pageSummary?.selectedCount).toBe(expectedCart(paged).items.filter((i) => i.selected).length);
    expect(checkAgainstPage(read.cart, read.pageSummary, read.incomplete)).toBeUndefined();
  });

  it("after scrolling: every line, complete, and the summary agrees", () => {
    const read = okRead(aliexpress.readCart(page("paged-complete")));
    expect(read.cart).toEqual(expectedCart(paged));
    expect(read.incomplete).toBeUndefined();
    expect(read.unavailable).toEqual(expectedUnavailable(paged));
    expect(read.pageSummary).toEqual({
      currency: "USD",
      selectedCount: 6,
      subtotal: { text: "US $126.41", cents: 12641 },
    });
    expect(checkAgainstPage(read.cart, read.pageSummary, read.incomplete)).toBeUndefined();
    // The reason's markup is gone; ids stay as the site sent them (US item ids are global ids plus 2^51).
    expect(read.unavailable?.[1]).toMatchObject({ reason: "Sold out", itemId: "3256804492586482" });
    expect(read.lines[0]?.itemId).toBe(String(1005006123456789 + 2 ** 51));
  });

  it("finds the pagination node by shape, whatever its key", () => {
    const p = page("paged-page1");
    const nodes = nodesOf(p);
    const [key] = Object.entries(nodes).find(([, n]) => Object.hasOwn(n, "hasMore")) ?? [];
    expect(key).toMatch(/^app_cart_pagination_container_page/);
    const node = nodes[key as string];
    delete nodes[key as string];
    nodes.zz_9f3a = node as Record<string, unknown>;
    expect(okRead(aliexpress.readCart(p)).incomplete).toBe("more-lines");
  });

  it.each([
    ["the text 'false'", "false"],
    ["a number", 1],
    ["null", null],
    ["an object", { value: false }],
  ])("a pagination flag that is %s counts as not fully loaded, and says so", (_what, value) => {
    const p = page("paged-complete");
    paginationNode(nodesOf(p)).hasMore = value;
    const read = okRead(aliexpress.readCart(p));
    expect(read.incomplete).toBe("more-lines");
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/"more items" flag is .*neither yes nor no/);
  });

  it("reads hasMore false as complete, and a flag under fields too", () => {
    const p = page("paged-page1");
    const node = paginationNode(nodesOf(p));
    node.hasMore = false;
    expect(okRead(aliexpress.readCart(p)).incomplete).toBeUndefined();
    delete node.hasMore;
    (node.fields as Record<string, unknown>).hasMore = true;
    expect(okRead(aliexpress.readCart(p)).incomplete).toBe("more-lines");
  });

  it("from the rows alone: the header's count tells a part from the whole", () => {
    const first = okRead(aliexpress.readCart(page("paged-page1", { state: false })));
    expect(first.source).toBe("dom");
    expect(first.incomplete).toBe("rows-only");
    const whole = okRead(aliexpress.readCart(page("paged-complete", { state: false })));
    expect(whole.incomplete).toBeUndefined();
    expect(whole.cart.items).toHaveLength(expectedCart(paged).items.length);
    expect(whole.unavailable?.map((u) => u.reason)).toEqual([
      "This item can't be shipped to your address",
      "Sold out",
    ]);
  });

  it("from the rows alone: without a count the page shows, rows it cannot see are rows it does not know", () => {
    const p = page("paged-complete", { state: false });
    p.document.querySelector(".cart-header-title")?.replaceChildren("Cart");
    expect(captureCartPage(p.document).count).toBeNull();
    expect(okRead(aliexpress.readCart(p)).incomplete).toBe("rows-only");
    // A virtualised list: rows scrolled away are not in the document, and the count says so.
    const q = page("paged-complete", { state: false });
    q.document.querySelector(".cart-product")?.remove();
    expect(okRead(aliexpress.readCart(q)).incomplete).toBe("rows-only");
  });

  it("an incomplete read and a complete one have different signatures", () => {
    const a = okRead(aliexpress.readCart(page("paged-complete")));
    const p = page("paged-complete");
    paginationNode(nodesOf(p)).hasMore = true;
    const b = okRead(aliexpress.readCart(p));
    expect(a.cart).toEqual(b.cart);
    expect(a.signature).not.toBe(b.signature);
  });
});

describe("unavailable lines without itemView", () => {
  it("are listed with the page's reason and never counted or refused", () => {
    const read = okRead(aliexpress.readCart(page("paged-complete")));
    const ids = read.cart.items.map((i) => i.id);
    for (const u of read.unavailable ?? []) expect(ids).not.toContain(u.cartId);
    expect(read.unavailable).toHaveLength(2);
  });

  it("a cart of unavailable lines only is empty, and names them", () => {
    const p = page("paged-complete");
    const nodes = nodesOf(p);
    for (const [key, n] of Object.entries(nodes)) if (fieldsOf(n)?.itemView) delete nodes[key];
    paginationNode(nodes).hasMore = false;
    const read = aliexpress.readCart({ ...p, document: undefined, dom: undefined });
    expect(read).toMatchObject({
      ok: false,
      status: "empty",
      reason: message("adapter_onlyUnavailable"),
    });
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/Silicone watch strap 22 mm/);
  });

  it("a first page of unavailable lines only is empty so far, with more to load, and names them", () => {
    const p = page("paged-page1");
    const nodes = nodesOf(p);
    for (const [key, n] of Object.entries(nodes)) if (fieldsOf(n)?.itemView) delete nodes[key];
    const read = aliexpress.readCart({ ...p, document: undefined });
    expect(read).toMatchObject({
      ok: false,
      status: "empty",
      incomplete: "more-lines",
      unavailable: [{ title: "Magnetic cable organiser" }],
    });
  });

  it("rows in view that are all unavailable: empty among those seen, never a figure", () => {
    const p = page("paged-page1", { state: false });
    for (const row of p.document.querySelectorAll(".cart-product:not(.cart-product-invalid)")) row.remove();
    const read = aliexpress.readCart(p);
    expect(read).toMatchObject({ ok: false, status: "empty", incomplete: "rows-only" });
    expect(read.ok ? [] : read.unavailable?.map((u) => u.reason)).toEqual([
      "This item can't be shipped to your address",
    ]);
  });

  it("a line without a reason is listed with an empty one", () => {
    const p = page("paged-complete");
    const node = Object.values(nodesOf(p)).find((n) => fieldsOf(n)?.invalidText !== undefined);
    const fields = node?.fields as Record<string, unknown>;
    delete fields.invalidText;
    const read = okRead(aliexpress.readCart(p));
    expect(read.unavailable?.some((u) => u.reason === "")).toBe(true);
  });
});

describe("the page's own summary", () => {
  it("agrees on a hydrated cart, and its disagreement is found beyond rounding", () => {
    const good = okRead(aliexpress.readCart(page("paged-complete")));
    expect(checkAgainstPage(good.cart, good.pageSummary, undefined)).toBeUndefined();
    const bad = okRead(aliexpress.readCart(page("basic-mismatch")));
    const ours = bad.cart.items.filter((i) => i.selected).reduce((t, i) => t + i.unitPrice * i.quantity, 0);
    expect(checkAgainstPage(bad.cart, bad.pageSummary, bad.incomplete)).toEqual({
      kind: "subtotal",
      page: "US $102.93",
      pageCents: ours + 500,
      ours,
    });
  });

  it("lets rounding pass: a cent per ticked line", () => {
    const read = okRead(aliexpress.readCart(page("paged-complete")));
    const summary = { ...read.pageSummary, subtotal: { text: "US $126.45", cents: 12645 } };
    expect(checkAgainstPage(read.cart, summary, undefined)).toBeUndefined();
    const off = { ...read.pageSummary, subtotal: { text: "US $126.48", cents: 12648 } };
    expect(checkAgainstPage(read.cart, off, undefined)).toMatchObject({ kind: "subtotal" });
  });

  it("a count of ticked lines other than the lines read is a mismatch", () => {
    const read = okRead(aliexpress.readCart(page("paged-complete")));
    expect(checkAgainstPage(read.cart, { ...read.pageSummary, selectedCount: 9 }, undefined)).toEqual({
      kind: "count",
      page: 9,
      ours: 6,
    });
  });

  it("a summary in another currency: the lines keep theirs, and the difference is reported", () => {
    const p = page("paged-complete");
    const fields = summaryFields(nodesOf(p));
    fields.payCurrencyCode = "SEK";
    for (const row of fields.summaryTabVO.priceBlockList[0]?.summaryLines ?? [])
      row.content.content = "1 366,66kr";
    fields.totalSummaryLines = [];
    const read = okRead(aliexpress.readCart(p));
    expect(read.cart.currency).toBe("USD");
    expect(read.pageSummary).toMatchObject({
      currency: "SEK",
      subtotal: { text: "1 366,66kr", cents: 136666 },
    });
    expect(checkAgainstPage(read.cart, read.pageSummary, read.incomplete)).toEqual({
      kind: "currency",
      page: "SEK",
      ours: "USD",
    });
  });

  it("the pay currency reads prices written without one", () => {
    const p = page("paged-complete");
    const nodes = nodesOf(p);
    for (const n of Object.values(nodes)) {
      const views = fieldsOf(n)?.priceViews as Record<string, unknown>[] | undefined;
      for (const v of views ?? []) {
        delete v.currency;
        delete v.value;
      }
    }
    const read = okRead(aliexpress.readCart({ ...p, document: undefined }));
    expect(read.cart.currency).toBe("USD");
    expect(read.cart).toEqual(expectedCart(paged));
  });

  it("a summary it cannot read is said, never guessed", () => {
    const p = page("paged-complete");
    const fields = summaryFields(nodesOf(p));
    for (const row of fields.summaryTabVO.priceBlockList[0]?.summaryLines ?? []) row.content.content = "—";
    fields.totalSummaryLines = [];
    const read = okRead(aliexpress.readCart(p));
    expect(read.pageSummary?.subtotal).toEqual({ text: "—" });
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/summary subtotal "—" could not be read/);
    expect(checkAgainstPage(read.cart, read.pageSummary, undefined)).toBeUndefined();
  });

  it("is found by shape, and a garbage pay currency is left out with a note", () => {
    const p = page("paged-complete");
    const nodes = nodesOf(p);
    const [key, node] = Object.entries(nodes).find(([, n]) => fieldsOf(n)?.payCurrencyCode) ?? [];
    delete nodes[key as string];
    nodes.q81 = node as Record<string, unknown>;
    (fieldsOf(node) as Record<string, unknown>).payCurrencyCode = 42;
    const read = okRead(aliexpress.readCart(p));
    expect(read.pageSummary?.subtotal?.cents).toBe(12641);
    expect(read.notes.map(inEnglish).join(" ")).toMatch(/currency Stackwise does not know/);
  });
});

describe("the legacy shape", () => {
  const legacy = loadScenario("legacy");

  it("reads product_item_component lines in cents and store_title_component stores", () => {
    const read = okRead(aliexpress.readCart(page("legacy-hydrated")));
    expect(read.source).toBe("page-state");
    expect(read.cart).toEqual(expectedCart(legacy));
    expect(read.unavailable).toEqual(expectedUnavailable(legacy));
    expect(read.notes.map(inEnglish)).toContain("Shipping of Cable World is unknown: counted as free.");
    expect(read.pageSummary).toEqual({
      currency: "USD",
      subtotal: { text: "37.48 USD", cents: 3748 },
      selectedCount: 2,
    });
    expect(checkAgainstPage(read.cart, read.pageSummary, read.incomplete)).toBeUndefined();
  });

  it("reads a state that holds both shapes", () => {
    const droplet = page("paged-complete");
    const old = page("legacy-hydrated");
    const nodes = nodesOf(droplet);
    for (const [key, n] of Object.entries(nodesOf(old)))
      if (n.tag === "product_item_component" || n.tag === "store_title_component") nodes[`legacy-${key}`] = n;
    const read = okRead(aliexpress.readCart({ ...droplet, document: undefined }));
    expect(read.cart.items).toHaveLength(
      expectedCart(paged).items.length + expectedCart(legacy).items.length,
    );
  });

  it("refuses a line that is half droplet, half legacy, naming it", () => {
    const p = page("paged-complete");
    const fields = fieldsOf(lineNode(nodesOf(p), 20000000202));
    fields.prices = { children: { retailPrice: { amount: { cent: 1899, currencyCode: "USD" } } } };
    delete fields.priceViews;
    const read = aliexpress.readCart({ ...p, document: undefined });
    expect(read).toMatchObject({ ok: false, status: "unreadable" });
    expect(read.ok ? "" : inEnglish(read.reason)).toMatch(/cart line .* mixes the page's two layouts/);
  });
});

describe("ids as the site sends them", () => {
  it.each([
    ["a cart id written as text", "cartId", "20000000202", /cartId is text/],
    ["an item id beyond 2^53", "itemId", 2 ** 53 + 2, /itemId is 9007199254740994, beyond 2\^53/],
    ["a sku id sent as a number", "skuId", 12000037933, /skuId is a number/],
    ["an item id that is not a number", "itemId", "n/a", /itemId is "n\/a"/],
    ["a missing cart id", "cartId", undefined, /cartId is missing/],
  ])("%s is reported in About this read, not refused", (_what, field, value, note) => {
    const p = page("paged-complete");
    const itemView = fieldsOf(lineNode(nodesOf(p), 20000000202)).itemView as Record<string, unknown>;
    if (value === undefined) delete itemView[field];
    else itemView[field] = value;
    const read = okRead(aliexpress.readCart(p));
    expect(read.cart.items).toHaveLength(expectedCart(paged).items.length);
    expect(read.notes.map(inEnglish).find((n) => n.startsWith('"65 W GaN wall charger"'))).toMatch(note);
  });
});

describe("a cart of 5,000 lines", () => {
  it("is read whole from page state, every line counted once", () => {
    const p = page("paged-complete");
    const nodes = nodesOf(p);
    const template = lineNode(nodes, 20000000201);
    for (const [key, n] of Object.entries(nodes)) if (fieldsOf(n)?.itemView) delete nodes[key];
    paginationNode(nodes).hasMore = false;
    for (let i = 0; i < 5000; i++) {
      const copy = structuredClone(template);
      const itemView = fieldsOf(copy).itemView as Record<string, unknown>;
      itemView.cartId = 40000000000 + i;
      itemView.itemId = 1005000000000000 + i;
      nodes[`n${i}`] = copy;
    }
    const read = okRead(aliexpress.readCart({ ...p, document: undefined }));
    expect(read.cart.items).toHaveLength(5000);
    expect(new Set(read.cart.items.map((i) => i.id)).size).toBe(5000);
    // The summary speaks of six ticked lines: 5,000 ticked lines contradict it.
    expect(checkAgainstPage(read.cart, read.pageSummary, read.incomplete)).toEqual({
      kind: "count",
      page: 6,
      ours: 5000,
    });
  });
});
