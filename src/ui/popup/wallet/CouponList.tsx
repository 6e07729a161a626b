import { useEffect, useRef, useState } from "preact/hooks";
import type { StoredCoupon } from "../../../storage/schemas";
import { type CouponPage, couponPage, type CouponSection as Section } from "../../../storage/wallet";
import type { CouponFilter } from "../../../wallet/coupons";
import { t } from "../../i18n";
import { useDb, useReportError } from "../../shared/app";
import { useServices } from "../../shared/services";
import { CouponItem } from "./CouponItem";
import { CouponSection } from "./CouponSection";

/** Coupons per page: a popup's screenful and a little more, so the first screen is whole at once. */
export const COUPON_PAGE_SIZE = 30;

const SECTIONS: readonly { section: Section; title: "sectionUsable" | "sectionExpired" | "sectionUsed" }[] = [
  { section: "active", title: "sectionUsable" },
  { section: "expired", title: "sectionExpired" },
  { section: "used", title: "sectionUsed" },
];

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
}

type Pages = Record<Section, CouponPage>;

/**
 * The wallet's three lists, usable, expired and used, a page at a time. The database
 * sorts and filters (couponPage): a wallet of thousands reads a screenful, and "Show
 * more" reads the next page. After a change, as many coupons as were shown are read again.
 */
export function CouponList({ filter, version, couponCount, timeZone, currency, onEdit, onChanged }: Props) {
  const db = useDb();
  const services = useServices();
  const report = useReportError();
  const [pages, setPages] = useState<Pages | undefined>(undefined);
  const shown = useRef<Record<Section, number>>({ active: 0, expired: 0, used: 0 });
  const latest = useRef(0);

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
    const ticket = ++latest.current;
    const lengths = shown.current;
    void Promise.all(
      SECTIONS.map(({ section }) => read(section, 0, Math.max(COUPON_PAGE_SIZE, lengths[section]))),
    ).then(
      ([active, expired, used]) => {
        if (ticket !== latest.current || !active || !expired || !used) return;
        shown.current = {
          active: active.coupons.length,
          expired: expired.coupons.length,
          used: used.coupons.length,
        };
        setPages({ active, expired, used });
      },
      (error: unknown) => {
        if (ticket === latest.current) report(error);
      },
    );
  }, [db, version, filterKey]);

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
  const matching = pages.active.total + pages.expired.total + pages.used.total;
  return (
    <>
      {couponCount === 0 ? (
        <p class="empty" data-testid="no-coupons">
          {t("noCoupons")}
        </p>
      ) : matching === 0 ? (
        <p class="empty">{t("noCouponsMatch")}</p>
      ) : null}
      {SECTIONS.map(({ section, title }) => {
        const page = pages[section];
        const left = page.total - page.coupons.length;
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
