import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../../services/i18n";
import {
  type CouponPages,
  type CouponTotals,
  type ListPage,
  readCouponPages,
  readCouponTotals,
  withTotals,
} from "../../../storage/firstScreen";
import type { StoredCoupon } from "../../../storage/schemas";
import { COUPON_PAGE_SIZE, couponPage, type CouponSection as Section } from "../../../storage/wallet";
import type { CouponFilter } from "../../../wallet/coupons";
import { useDb, useReportError } from "../../shared/app";
import { useServices } from "../../shared/services";
import { CouponItem } from "./CouponItem";
import { CouponSection } from "./CouponSection";
import type { FirstScreenRead } from "./firstScreen";

const SECTIONS: readonly { section: Section; title: "sectionUsable" | "sectionExpired" | "sectionUsed" }[] = [
  { section: "active", title: "sectionUsable" },
  { section: "expired", title: "sectionExpired" },
  { section: "used", title: "sectionUsed" },
];

/** The first pages as drawn: their coupons, the instant they were read at, and whether unfiltered. */
export interface PagesShown {
  coupons: StoredCoupon[];
  readAt: number;
  unfiltered: boolean;
  /** The `version` the pages were read for (read after it). */
  version: unknown;
}

interface Props {
  filter: CouponFilter;
  /** A new value whenever the wallet was read again (an edit, an import): the pages are read again too. */
  version: unknown;
  /** Coupons in the wallet, all filters aside (0: "no coupons yet"). */
  couponCount: number;
  timeZone: string;
  currency: string;
  onEdit: (coupon: StoredCoupon) => void;
  onChanged: () => void;
  /** The first pages, read while the popup loaded (firstScreen.ts), for the first render. */
  first?: FirstScreenRead;
  /** After the first pages are drawn, and after each read of them again (not after "Show more"). */
  onPagesShown?: (shown: PagesShown) => void;
}

/** After the browser has painted the next frame (or at once where there are no frames, as in tests). */
export function afterNextFrame(run: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(run));
  else setTimeout(run);
}

const lengthsOf = (pages: CouponPages | undefined): Record<Section, number> => ({
  active: pages?.active.coupons.length ?? 0,
  expired: pages?.expired.coupons.length ?? 0,
  used: pages?.used.coupons.length ?? 0,
});

/**
 * The wallet's three lists, usable, expired and used, a page at a time. The database
 * sorts and filters (couponPage): a wallet of thousands reads a screenful, and "Show
 * more" reads the next page. After a change, as many coupons as were shown are read again.
 */
export function CouponList({
  filter,
  version,
  couponCount,
  timeZone,
  currency,
  onEdit,
  onChanged,
  first,
  onPagesShown,
}: Props) {
  const db = useDb();
  const services = useServices();
  const report = useReportError();
  // The first screen read while the popup loaded (no filter, as the list opens): shown at once
  // when it is there, else awaited by the first read instead of reading again. For the first
  // list only: one shown again (after a form) reads the wallet as it is by then.
  const [prefetched] = useState(() => {
    if (JSON.stringify(filter) !== "{}" || first === undefined || first.listed) return undefined;
    first.listed = true;
    return first;
  });
  const [pages, setPages] = useState<CouponPages | undefined>(prefetched?.value?.pages);
  const shown = useRef<Record<Section, number>>(lengthsOf(prefetched?.value?.pages));
  const latest = useRef(0);
  const onMount = useRef<"shown" | Promise<CouponPages> | undefined>(
    prefetched?.value !== undefined ? "shown" : prefetched?.promise.then((f) => f.pages),
  );
  // Opening with the first screen in hand, the usable coupons come first and the expired and
  // used ones (below them, out of sight) after the first frame: a screenful is what the popup
  // owes at once, not ninety coupons' markup.
  const [belowShown, setBelowShown] = useState(onMount.current !== "shown");
  // The read whose pages are about to be drawn, told once they are (not a "Show more").
  const drawing = useRef<{ version: unknown; unfiltered: boolean } | undefined>(undefined);
  // The list's first read draws its pages before their totals, which a big wallet takes far
  // longer to count (couponPageCoupons), and counts them only then, so that the count holds
  // up none of the first screen's reads; later reads (a change, a filter) keep what is shown
  // until both are in, so that no number blinks.
  const opening = useRef(true);

  const read = async (section: Section, offset: number, limit: number) =>
    couponPage(db, { section, ...filter, now: services.now(), offset, limit });

  const filterKey = JSON.stringify(filter);
  const lastFilter = useRef(filterKey);
  useEffect(() => {
    // A new filter starts each list from its first page; a change to the wallet keeps what was shown.
    if (lastFilter.current !== filterKey) {
      lastFilter.current = filterKey;
      shown.current = { active: 0, expired: 0, used: 0 };
    }
    const mounting = onMount.current;
    onMount.current = undefined;
    const first = opening.current;
    opening.current = false;
    const ticket = ++latest.current;
    const told = { version, unfiltered: filterKey === "{}" };
    const count = (totals: Promise<CouponTotals>) =>
      totals.then(
        (counted) => {
          if (ticket !== latest.current) return;
          drawing.current = told;
          setPages((current) => (current === undefined ? current : withTotals(current, counted)));
        },
        (error: unknown) => {
          if (ticket === latest.current) report(error);
        },
      );
    // Already on screen: reading it again would only race a "Show more" clicked meanwhile.
    if (mounting === "shown") {
      afterNextFrame(() => setBelowShown(true));
      if (pages !== undefined) void count(readCouponTotals(db, pages.readAt, filter));
      return;
    }
    const fresh = () => readCouponPages(db, services.now(), filter, shown.current, { counted: !first });
    // A first read that failed is tried again here, where a second failure is reported.
    void (mounting?.catch(fresh) ?? fresh()).then(
      (next) => {
        if (ticket !== latest.current) return;
        shown.current = lengthsOf(next);
        setPages(next);
        if (first) void count(readCouponTotals(db, next.readAt, filter));
        else drawing.current = told;
      },
      (error: unknown) => {
        if (ticket === latest.current) report(error);
      },
    );
  }, [db, version, filterKey]);

  useEffect(() => {
    const read = drawing.current;
    if (pages === undefined || read === undefined) return;
    drawing.current = undefined;
    onPagesShown?.({
      coupons: SECTIONS.flatMap(({ section }) => pages[section].coupons),
      readAt: pages.readAt,
      ...read,
    });
  }, [pages]);

  const more = async (section: Section) => {
    if (pages === undefined) return;
    const ticket = latest.current;
    try {
      const next = await read(section, pages[section].coupons.length, COUPON_PAGE_SIZE);
      if (ticket !== latest.current) return;
      setPages((current) => {
        if (current === undefined) return current;
        const coupons = [...current[section].coupons, ...next.coupons];
        shown.current = { ...shown.current, [section]: coupons.length };
        return { ...current, [section]: { coupons, total: next.total } };
      });
    } catch (error) {
      report(error);
    }
  };

  if (pages === undefined)
    return (
      <p class="loading" aria-busy="true">
        {t("loading")}
      </p>
    );
  // A first page that holds none means a section that holds none.
  const matching = SECTIONS.some(({ section }) => pages[section].coupons.length > 0);
  return (
    <>
      {couponCount === 0 ? (
        <p class="empty" data-testid="no-coupons">
          {t("noCoupons")}
        </p>
      ) : !matching ? (
        <p class="empty">{t("noCouponsMatch")}</p>
      ) : null}
      {SECTIONS.filter(({ section }) => belowShown || section === "active").map(({ section, title }) => {
        const page: ListPage = pages[section];
        if (page.coupons.length === 0) return null;
        const left = page.total === undefined ? 0 : page.total - page.coupons.length;
        return (
          <CouponSection
            key={section}
            title={t(title)}
            count={page.total}
            testId={`coupons-${section}`}
            muted={section !== "active"}
          >
            {page.coupons.map((c) => (
              <CouponItem
                key={c.id}
                coupon={c}
                timeZone={timeZone}
                defaultCurrency={currency}
                onEdit={onEdit}
                onChanged={onChanged}
              />
            ))}
            {left > 0 && (
              <li class="coupon-more">
                <button
                  type="button"
                  class="btn btn-small btn-quiet btn-block"
                  onClick={() => void more(section)}
                  data-testid="more-coupons"
                >
                  {t("showMoreCoupons", String(Math.min(left, COUPON_PAGE_SIZE)), String(left))}
                </button>
              </li>
            )}
          </CouponSection>
        );
      })}
    </>
  );
}
