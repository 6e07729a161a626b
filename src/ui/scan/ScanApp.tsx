/**
 * The scan panel, in a frame on coupon, product and coin pages: what the page
 * offers, for the shopper to confirm. It never sees the shop's page; the
 * background sends the list over its port, and "Add" and "Set my coins" name
 * the list they were clicked on, so nothing but what was shown is saved.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { message } from "../../core/message";
import type { ScanFinding, ScanUpdate } from "../../messaging/scan";
import { send } from "../../services/bus";
import { couponFace, couponMinimum, kindLabel } from "../../services/coupon-labels";
import { dateLabel, money, numberLabel } from "../../services/format";
import { say, sayFailure, t, tn } from "../../services/i18n";
import { useDocumentLanguage } from "../shared/language";
import { connectScan } from "./connection";

export interface ScanAppProps {
  channel: string;
  locale: string;
  /** Injected by tests; the browser port otherwise. */
  connect?: typeof connectScan;
  /** Injected by tests; the message bus otherwise. */
  request?: typeof send;
}

interface Notice {
  ok: boolean;
  text: string;
}

/** "US$3.00 off · over US$20.00 · expires …" for one found coupon. */
function couponLine(f: ScanFinding, locale: string, timeZone: string): string {
  const c = f.coupon;
  const parts = [
    couponFace(c, locale),
    couponMinimum(c, locale),
    t("scan_expires", dateLabel(c.expiresAt, locale, timeZone)),
  ];
  return parts.join(" · ");
}

function CouponDetails({ f }: { f: ScanFinding }) {
  const c = f.coupon;
  const extra = [kindLabel(c.kind)];
  if (c.storeName !== undefined || c.storeId !== undefined)
    extra.push(t("scan_store", c.storeName ?? c.storeId ?? ""));
  if (c.code !== undefined) extra.push(t("scan_code", c.code));
  if (f.known) extra.push(t("scan_known"));
  if (f.from === "text") extra.push(t("scan_fromText"));
  return (
    <>
      <span class="muted scan-meta">{extra.join(" · ")}</span>
      {f.unread.length > 0 && (
        <span class="muted scan-meta">{t("scan_unreadWords", f.unread.join(", "))}</span>
      )}
    </>
  );
}

export function ScanApp({ channel, locale, connect = connectScan, request = send }: ScanAppProps) {
  const [update, setUpdate] = useState<ScanUpdate>();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  useDocumentLanguage();

  useEffect(() => {
    const connection = connect(channel, (next) => {
      // The notice stays: the list that follows an "Add" is that add's own result.
      setUpdate(next);
      // A new list: every coupon not already in the wallet starts ticked.
      if (next.type === "coupons") setPicked(new Set(next.found.flatMap((f, i) => (f.known ? [] : [i]))));
    });
    return () => connection.close();
  }, [channel, connect]);

  const order = useMemo(() => {
    if (update?.type !== "coupons") return [];
    // Soonest expiry first, as the wallet lists them.
    return update.found
      .map((f, i) => ({ f, i }))
      .sort((a, b) => Date.parse(a.f.coupon.expiresAt) - Date.parse(b.f.coupon.expiresAt) || a.i - b.i);
  }, [update]);

  const act = async (run: () => Promise<Notice>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      setNotice(await run());
    } catch (error) {
      setNotice({ ok: false, text: sayFailure(error) });
    } finally {
      setBusy(false);
    }
  };

  const heading =
    update?.type === "coins" || update?.kind === "coins"
      ? t("scan_headingCoins")
      : update?.kind === "product"
        ? t("scan_headingProduct")
        : t("scan_headingCoupons");

  const count = picked.size;
  return (
    <main class="panel scan" aria-busy={busy}>
      <header class="panel-head">
        <span class="brand">Stackwise</span>
        <h1>{heading}</h1>
      </header>

      {update === undefined || (update.type === "waiting" && update.reason === "") ? (
        <p class="status" role="status">
          {t("scan_reading")}
        </p>
      ) : update.type === "waiting" ? (
        <p class="status" role="status" data-testid="scan-nothing">
          {update.kind === "coins" ? t("scan_noCoins") : t("scan_nothing")}
        </p>
      ) : null}

      {update?.type === "coupons" && (
        <section aria-labelledby="scan-found">
          {update.found.length > 0 && (
            <>
              <ul class="scan-list" id="scan-found" data-testid="scan-found">
                {order.map(({ f, i }) => {
                  const line = couponLine(f, locale, update.timeZone);
                  return (
                    <li key={i} class="scan-item" data-testid="scan-coupon" data-known={f.known}>
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={picked.has(i)}
                          disabled={busy || f.known}
                          aria-label={t("scan_pick", line)}
                          onChange={(e) => {
                            const next = new Set(picked);
                            if ((e.target as HTMLInputElement).checked) next.add(i);
                            else next.delete(i);
                            setPicked(next);
                          }}
                        />
                        <span>{line}</span>
                      </label>
                      <CouponDetails f={f} />
                    </li>
                  );
                })}
              </ul>
              <button
                type="button"
                class="btn btn-primary btn-block"
                data-testid="scan-add"
                disabled={busy || count === 0}
                onClick={() =>
                  act(async () => {
                    const result = await request("scan/add", {
                      channel,
                      scanId: update.scanId,
                      picks: [...picked],
                    });
                    // The badge and any open wallet count the new coupons.
                    request("wallet/changed", { reason: "import" }).catch(() => undefined);
                    return {
                      ok: true,
                      text: t("scan_added", String(result.added), String(result.alreadyThere)),
                    };
                  })
                }
              >
                {tn("scan_add", count, String(count))}
              </button>
            </>
          )}
          {update.toCollect.length > 0 && (
            <section class="scan-collect" data-testid="scan-collect">
              <h2>{t("scan_collectFirst")}</h2>
              <p class="muted">{t("scan_collectFirstHint")}</p>
              <ul class="scan-list">
                {update.toCollect.map((f, i) => (
                  <li key={i} class="scan-item" data-testid="scan-collect-coupon">
                    <span>{couponLine(f, locale, update.timeZone)}</span>
                    <CouponDetails f={f} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {update.unreadable.length > 0 && (
            <details class="notes" data-testid="scan-unreadable">
              <summary>{t("scan_unreadable")}</summary>
              <ul>
                {update.unreadable.map((u, i) => (
                  <li key={i}>{say(message("scan_unreadableLine", u.text, u.why))}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}

      {update?.type === "coins" && (
        <section class="scan-coins" data-testid="scan-coins">
          <p data-testid="scan-coins-balance">
            {tn("scan_coinsBalance", update.balance, numberLabel(update.balance, locale))}
          </p>
          {update.rate === "page" && update.worth ? (
            <p class="muted">
              {t(
                "scan_coinsWorth",
                money(update.worth.cents, update.worth.currency, locale),
                `${new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(update.worth.cents / update.balance / 100)} ${update.worth.currency}`,
                money(update.centsPerCoin, update.worth.currency, locale),
              )}
            </p>
          ) : (
            <p class="muted">
              {update.rate === "wallet"
                ? t("scan_coinsRateWallet", numberLabel(update.centsPerCoin / 100, locale))
                : t("scan_coinsRateDefault")}
            </p>
          )}
          {update.current !== undefined && (
            <p class="muted">
              {tn("scan_coinsCurrent", update.current, numberLabel(update.current, locale))}
            </p>
          )}
          <button
            type="button"
            class="btn btn-primary btn-block"
            data-testid="scan-coins-confirm"
            disabled={busy}
            onClick={() =>
              act(async () => {
                const saved = await request("scan/coins", { channel, scanId: update.scanId });
                request("wallet/changed", { reason: "coupons" }).catch(() => undefined);
                return {
                  ok: true,
                  text: tn("scan_coinsSaved", saved.balance, numberLabel(saved.balance, locale)),
                };
              })
            }
          >
            {t("scan_coinsConfirm", numberLabel(update.balance, locale))}
          </button>
        </section>
      )}

      {notice && (
        <p
          class={`notice ${notice.ok ? "notice-ok" : "notice-problem"}`}
          role="status"
          data-testid="scan-notice"
        >
          {notice.text}
        </p>
      )}
      <footer class="panel-foot muted">{t("scan_private")}</footer>
    </main>
  );
}
