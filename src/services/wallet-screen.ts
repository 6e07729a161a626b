/**
 * The wallet's first screen as a picture (src/services/screen-picture.ts), made
 * from what the database holds rather than taken from a drawn screen: the
 * background draws it after a write made where no popup could take one (a
 * coupon captured from a page, an import in the options page), so that the
 * expiry reminder's page can show it at once (src/background/wallet-picture.ts).
 *
 * It is the popup's own screen (PopupApp, PopupTabs, WalletTab, CouponList,
 * CouponItem) as the popup's picture keeps it: no ids, no test ids, the
 * balances and the expired and used coupons left out, four coupons at most. A
 * unit test holds the two equal for any wallet (wallet-screen.test.tsx), so a
 * change to the live screen that is not made here fails there. What each row
 * says is decided once, here, for both (couponRowState, couponExpiryLine).
 */
import type { Coupon, CouponKind } from "../../optimizer/schema";
import { COUPON_KINDS } from "../../optimizer/schema";
import { isExpired, isExpiringSoon, isNotStarted, type WalletCoupon } from "../wallet/coupons";
import { couponFace, couponMinimum, KIND_LABELS, type Say, sourceLabel } from "./coupon-labels";
import { dateTimeLabel, timeLeftLabel } from "./format";
import { t } from "./i18n";
import type { ScreenNode } from "./screen-picture";

/** What a coupon row shows of a coupon. */
export type RowCoupon = WalletCoupon &
  Pick<Coupon, "minSpend"> &
  Partial<Pick<Coupon, "off" | "percent" | "maxOff" | "currency" | "code">> & {
    expiresMs: number;
    storeName?: string;
    source?: string;
    usedAt?: string;
  };

/** What a row marks at `now`: its class and chips follow. */
export function couponRowState(c: RowCoupon, now: number) {
  return {
    soon: isExpiringSoon(c, now),
    expired: c.status === "active" && isExpired(c, now),
    notStarted: c.status === "active" && isNotStarted(c, now),
  };
}

export const couponRowClass = ({ soon, expired }: ReturnType<typeof couponRowState>, c: RowCoupon) =>
  `coupon ${soon ? "coupon-soon" : ""} ${expired ? "coupon-expired" : ""} ${c.status === "used" ? "coupon-used" : ""}`;

/** The row's last line, from its state at `now` (couponRowState): when it was used, expired, or expires (with the time left when soon). */
export function couponExpiryLine(
  c: RowCoupon,
  { soon, expired }: ReturnType<typeof couponRowState>,
  { locale, timeZone, now }: { locale: string; timeZone: string; now: number },
  say: Say = t,
): string {
  if (c.status === "used") return say("usedOn", dateTimeLabel(c.usedAt ?? c.expiresAt, locale, timeZone));
  if (expired) return say("expiredOn", dateTimeLabel(c.expiresAt, locale, timeZone));
  if (soon)
    return say(
      "expiresSoonAt",
      dateTimeLabel(c.expiresAt, locale, timeZone),
      timeLeftLabel(now, c.expiresMs, locale),
    );
  return say("expiresOn", dateTimeLabel(c.expiresAt, locale, timeZone));
}

/** What the first screen shows, read from the database and `storage.local`. */
export interface WalletScreenData {
  /** The programs as the popup lists them (listPrograms), and the one it shows. */
  programs: readonly { id: string; name: string }[];
  programId: string;
  /** The shown program's reward currency and time zone (programTimeZone). */
  currency: string;
  timeZone: string;
  couponCount: number;
  /** Store ids for the store filter, as getWalletSummary gives them. */
  stores: readonly string[];
  /** Whether there is an import that "Undo last import" would take back. */
  undoable: boolean;
  /** The usable list's first coupons, at `now`, and how many it holds. */
  usable: readonly RowCoupon[];
  usableTotal: number;
  /** Expired or used coupons (not drawn: they only tell "no coupons match" from a list). */
  others: number;
}

/** Coupons kept per list in a picture: more than a popup's screenful, far fewer than a page. */
export const PICTURE_ITEMS = 4;

type Child = ScreenNode | false | undefined;
const el = (tag: string, attributes: Record<string, string>, ...children: Child[]): ScreenNode => [
  tag,
  attributes,
  ...children.filter((c): c is ScreenNode => c !== false && c !== undefined && c !== ""),
];
const button = (cls: string, label: string, named?: string): ScreenNode =>
  el(
    "button",
    named === undefined
      ? { type: "button", class: cls }
      : { type: "button", class: cls, "aria-label": named },
    label,
  );

/**
 * SelectField as drawn: a labelled select whose options carry their value unless it is their
 * text, and the chosen one marked (the picture keeps a select's value so).
 */
function selectField(
  label: string,
  choices: readonly { value: string; label: string }[],
  chosen: string,
  cls = "",
): ScreenNode {
  return el(
    "div",
    { class: `field ${cls}` },
    el("label", {}, label),
    el(
      "select",
      {},
      ...choices.map((c) =>
        el(
          "option",
          {
            ...(c.value === c.label ? {} : { value: c.value }),
            ...(c.value === chosen ? { selected: "" } : {}),
          },
          c.label,
        ),
      ),
    ),
  );
}

/** The store filter's "no store" choice (CouponFilters.tsx). */
const NO_STORE = "\u0000none";

function couponRow(c: RowCoupon, d: WalletScreenData, locale: string, now: number, say: Say): ScreenNode {
  const state = couponRowState(c, now);
  const face = couponFace(c, locale, d.currency, say);
  return el(
    "li",
    { class: couponRowClass(state, c) },
    el(
      "div",
      { class: "coupon-main" },
      el("p", { class: "coupon-face" }, face),
      el("p", { class: "coupon-min" }, couponMinimum(c, locale, d.currency, say)),
      el(
        "p",
        { class: "coupon-chips" },
        el("span", { class: "chip" }, say(KIND_LABELS[c.kind])),
        c.storeId !== undefined &&
          el("span", { class: "chip chip-outline" }, say("storeChip", c.storeName ?? c.storeId)),
        c.code !== undefined && el("code", { class: "chip chip-code" }, c.code),
        state.soon && el("span", { class: "chip chip-warning" }, say("expiringSoonChip")),
        state.notStarted && el("span", { class: "chip chip-outline" }, say("notStartedChip")),
        c.source !== undefined &&
          c.source !== "manual" &&
          el("span", { class: "chip chip-outline" }, sourceLabel(c.source)),
      ),
      el(
        "p",
        { class: "coupon-expiry" },
        couponExpiryLine(c, state, { locale, timeZone: d.timeZone, now }, say),
      ),
    ),
    el(
      "div",
      { class: "coupon-actions button-row" },
      button("btn btn-small", say("edit"), say("editCouponNamed", face)),
      button(
        "btn btn-small btn-quiet",
        c.status === "used" ? say("markUnused") : say("markUsed"),
        say(c.status === "used" ? "markUnusedNamed" : "markUsedNamed", face),
      ),
      button("btn btn-small btn-quiet btn-danger-text", say("delete"), say("deleteNamed", face)),
    ),
  );
}

/** The popup opened on its wallet, as its picture keeps it (walletPicture in src/ui/popup/wallet/picture.ts). */
export function walletScreen(
  d: WalletScreenData,
  { locale, now }: { locale: string; now: number },
  say: Say = t,
): ScreenNode {
  const usable = d.usable.slice(0, PICTURE_ITEMS);
  const kinds = (COUPON_KINDS as readonly CouponKind[]).map((k) => ({
    value: k,
    label: say(KIND_LABELS[k]),
  }));
  return el(
    "div",
    { class: "popup" },
    el(
      "header",
      { class: "app-header" },
      el(
        "h1",
        { class: "brand" },
        el("span", { class: "brand-mark", "aria-hidden": "true" }),
        say("appName"),
      ),
      button("btn btn-small btn-quiet", say("openSettings")),
    ),
    el(
      "main",
      { class: "popup-main" },
      d.programs.length >= 2 &&
        selectField(
          say("programLabel"),
          d.programs.map((p) => ({ value: p.id, label: p.name })),
          d.programId,
          "program-picker",
        ),
      el(
        "div",
        { class: "tabs", role: "tablist", "aria-label": say("tabsLabel") },
        ...(["tabReferral", "tabWallet", "tabTracker"] as const).map((label) =>
          el(
            "button",
            { type: "button", role: "tab", "aria-selected": String(label === "tabWallet"), class: "tab" },
            say(label),
          ),
        ),
      ),
      el(
        "div",
        { class: "tab-panel", role: "tabpanel" },
        el(
          "section",
          { class: "card " },
          el(
            "header",
            { class: "card-header" },
            el("h2", {}, say("couponsCardTitle")),
            el(
              "div",
              { class: "card-actions" },
              button("btn btn-small", say("pasteCoupons")),
              button("btn btn-small btn-primary", say("addCoupon")),
            ),
          ),
          d.undoable &&
            el("div", { class: "import-bar" }, button("btn btn-small btn-quiet", say("undoImport"))),
          d.couponCount > 0 &&
            el(
              "div",
              { class: "filters" },
              selectField(
                say("filterKind"),
                [{ value: "all", label: say("filterAllKinds") }, ...kinds],
                "all",
              ),
              selectField(
                say("filterStore"),
                [
                  { value: "", label: say("filterAllStores") },
                  { value: NO_STORE, label: say("filterNoStore") },
                  ...d.stores.map((s) => ({ value: s, label: s })),
                ],
                "",
              ),
            ),
          d.couponCount === 0
            ? el("p", { class: "empty" }, say("noCoupons"))
            : d.usable.length === 0 && d.others === 0 && el("p", { class: "empty" }, say("noCouponsMatch")),
          usable.length > 0 &&
            el(
              "section",
              { class: "coupon-section " },
              el("h3", {}, say("sectionUsable"), " ", el("span", { class: "count" }, String(d.usableTotal))),
              el("ul", { class: "coupon-list" }, ...usable.map((c) => couponRow(c, d, locale, now, say))),
            ),
        ),
      ),
    ),
  );
}
