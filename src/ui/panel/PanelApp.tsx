/**
 * The in-page panel: the stack for the page's cart, or why there is none.
 * Everything it shows comes from the background over its port; it never sees
 * the shop's page. A status other than "loading" clears the stack, so an
 * unreadable or emptied cart never leaves a stale total behind.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  type CheckoutPreferences,
  defaultCheckoutPreferences,
  loadCheckoutPreferences,
  saveCheckoutPreferences,
  watchCheckoutPreferences,
} from "../../checkout/preferences";
import { send } from "../../messaging/bus";
import type { PAGE_KINDS, PanelStatus, PanelUpdate, StackUpdate } from "../../messaging/checkout";
import { t } from "../i18n";
import { money } from "../shared/format";
import { useDocumentLanguage } from "../shared/language";
import { CartStatus } from "./CartStatus";
import { connectPanel } from "./connection";
import { Hints } from "./Hints";
import { OrderCard } from "./OrderCard";
import { PreferencesForm } from "./PreferencesForm";
import { localiseReason } from "./reasons";
import { TaxCard } from "./TaxCard";
import { TotalCard } from "./TotalCard";
import { stackView } from "./view";

interface Notice {
  ok: boolean;
  text: string;
}

export interface PanelAppProps {
  channel: string;
  locale: string;
  /** Injected by tests; the browser port otherwise. */
  connect?: typeof connectPanel;
}

type PageKind = (typeof PAGE_KINDS)[number];

const errorText = (error: unknown) => localiseReason(error instanceof Error ? error.message : String(error));

type Shown =
  | { stack: StackUpdate; status: "stack" | "loading"; reason: string; page: PageKind }
  | { stack: undefined; status: PanelStatus | "connecting"; reason: string; page: PageKind };

export function PanelApp({ channel, locale, connect = connectPanel }: PanelAppProps) {
  const [shown, setShown] = useState<Shown>({
    stack: undefined,
    status: "connecting",
    reason: "",
    page: "cart",
  });
  const [preferences, setPreferences] = useState<CheckoutPreferences>(defaultCheckoutPreferences);
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const rendered = useRef<HTMLElement>(null);
  useDocumentLanguage();

  useEffect(() => {
    const connection = connect(channel, (update: PanelUpdate) => {
      if (update.type === "stack") {
        setShown({ stack: update, status: "stack", reason: "", page: update.page });
        return;
      }
      setNotice(undefined);
      setShown((before) =>
        // Only a page that is busy changing its cart may keep the old stack on screen, dimmed.
        update.status === "loading" && before.stack
          ? { stack: before.stack, status: "loading", reason: update.reason, page: update.page }
          : { stack: undefined, status: update.status, reason: update.reason, page: update.page },
      );
    });
    return () => connection.close();
  }, [channel, connect]);

  useEffect(() => {
    loadCheckoutPreferences().then(setPreferences, () => undefined);
    return watchCheckoutPreferences(setPreferences);
  }, []);

  const stack = shown.stack;
  const updating = stack !== undefined && shown.status === "loading";
  const view = useMemo(() => (stack ? stackView(stack, locale) : undefined), [stack, locale]);

  // A polite announcement of the new total once the stack settles (a split refinement announces once).
  useEffect(() => {
    if (!view || stack?.refining) return;
    const text = t("panel_announceTotal", money(view.total, view.currency, locale));
    const timer = setTimeout(() => setAnnouncement(text), 300);
    return () => clearTimeout(timer);
  }, [view, stack?.refining, locale]);

  // When the stack reached the DOM (absolute ms, comparable across frames), for the benchmark.
  useLayoutEffect(() => {
    const main = rendered.current;
    if (!stack || !main) return;
    main.dataset.renderedAt = String(performance.timeOrigin + performance.now());
    main.dataset.stackId = String(stack.stackId);
    main.dataset.refining = String(stack.refining);
  }, [stack]);

  const changePreferences = (patch: Partial<CheckoutPreferences>) => {
    setPreferences((p) => ({ ...p, ...patch }));
    saveCheckoutPreferences(patch).catch((error) =>
      setNotice({ ok: false, text: t("panel_preferencesFailed", errorText(error)) }),
    );
  };

  const act = async (run: () => Promise<Notice>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      setNotice(await run());
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const apply = (s: StackUpdate) =>
    act(async () => {
      const result = await send("checkout/apply", { channel, stackId: s.stackId });
      return result.ok
        ? { ok: true, text: t("panel_applied") }
        : {
            ok: false,
            text: t("panel_applyFailed", [localiseReason(result.reason), ...result.missing].join("; ")),
          };
    });

  const placed = (s: StackUpdate, order: number) =>
    act(async () => {
      try {
        await send("checkout/placed", { channel, stackId: s.stackId, order });
        return { ok: true, text: t("panel_placedDone") };
      } catch (error) {
        return { ok: false, text: t("panel_placedFailed", errorText(error)) };
      }
    });

  const checkout = shown.page === "checkout";
  return (
    <main class="panel" ref={rendered} aria-busy={updating}>
      <header class="panel-head">
        <span class="brand">Stackwise</span>
        <h1>{t(checkout ? "panel_headingCheckout" : "panel_heading")}</h1>
      </header>

      {!stack && <CartStatus status={shown.status} reason={shown.reason} checkout={checkout} />}

      {stack && view && (
        <div class={updating ? "stack stack-stale" : "stack"}>
          <TotalCard view={view} locale={locale} refining={stack.refining} updating={updating} />
          <TaxCard stack={stack} locale={locale} />
          {checkout && (
            <section class="apply-bar">
              <p class="muted">{t("panel_checkoutNote")}</p>
              {stack.canApply && (
                <button
                  type="button"
                  class="btn btn-primary btn-block"
                  disabled={busy || updating}
                  onClick={() => apply(stack)}
                >
                  {t("panel_apply")}
                </button>
              )}
            </section>
          )}
          {notice && (
            <p
              class={`notice ${notice.ok ? "notice-ok" : "notice-problem"}`}
              role="status"
              data-testid="panel-notice"
            >
              {notice.text}
            </p>
          )}
          {view.orders.map((order, n) => (
            <OrderCard
              key={n}
              order={order}
              index={n}
              count={view.orders.length}
              currency={view.currency}
              locale={locale}
              busy={busy || updating}
              onPlaced={stack.refining ? undefined : () => placed(stack, n)}
            />
          ))}
          <Hints hints={view.hints} />
        </div>
      )}

      <PreferencesForm preferences={preferences} onChange={changePreferences} showSplit={!checkout} />

      {stack && stack.notes.length > 0 && (
        <details class="notes">
          <summary>{t("panel_notesHeading")}</summary>
          <ul>
            {stack.notes.map((note) => (
              <li key={note}>{localiseReason(note)}</li>
            ))}
          </ul>
        </details>
      )}
      <footer class="panel-foot muted">{t("panel_localOnly")}</footer>
      <p class="sr-only" aria-live="polite" data-testid="panel-announcement">
        {announcement}
      </p>
    </main>
  );
}
