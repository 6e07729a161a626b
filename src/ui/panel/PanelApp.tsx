/**
 * The in-page panel: the stack for the page's cart, or why there is none.
 * Everything it shows comes from the background over its port; it never sees
 * the shop's page. A status other than "loading" clears the stack, so an
 * unreadable or emptied cart never leaves a stale total behind.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { message, messageOf } from "../../core/message";
import type { PAGE_KINDS, PanelStatus, PanelUpdate, StackUpdate } from "../../messaging/checkout";
import { send } from "../../services/bus";
import {
  type CheckoutPreferences,
  defaultCheckoutPreferences,
  loadCheckoutPreferences,
  saveCheckoutPreferences,
  watchCheckoutPreferences,
} from "../../services/checkout-preferences";
import { money } from "../../services/format";
import { type Message, say, sayFailure, t } from "../../services/i18n";
import { useDocumentLanguage } from "../shared/language";
import { CartStatus } from "./CartStatus";
import { connectPanel } from "./connection";
import { Hints } from "./Hints";
import { OrderCard } from "./OrderCard";
import { type ApplyStatus, PageCheckCard } from "./PageCheck";
import { IncompleteNotice, MismatchNotice, UnavailableLines } from "./PageNotices";
import { PreferencesForm } from "./PreferencesForm";
import { pageCheck } from "./page-check";
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

/** Why something failed, as a Message: a refusal's or storage error's own words, else the error's text. */
const failure = (error: unknown): Message | string =>
  messageOf(error) ?? (error instanceof Error ? error.message : String(error));

type StatusUpdate = Extract<PanelUpdate, { type: "status" }>;

type Shown =
  | { stack: StackUpdate; status: "stack" | "loading"; reason?: Message | undefined; page: PageKind }
  | {
      stack: undefined;
      status: PanelStatus | "connecting";
      reason?: Message | undefined;
      page: PageKind;
      /** What the page says beside a status: lines not checked out, more lines not loaded. */
      extras?: Pick<StatusUpdate, "incomplete" | "unavailable">;
    };

export function PanelApp({ channel, locale, connect = connectPanel }: PanelAppProps) {
  const [shown, setShown] = useState<Shown>({
    stack: undefined,
    status: "connecting",
    page: "cart",
  });
  const [preferences, setPreferences] = useState<CheckoutPreferences>(defaultCheckoutPreferences);
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  /** The page's answer to Apply, with the stack it was for: a newer stack keeps it until the next Apply. */
  const [applyStatus, setApplyStatus] = useState<ApplyStatus>();
  const [announcement, setAnnouncement] = useState("");
  const rendered = useRef<HTMLElement>(null);
  useDocumentLanguage();

  useEffect(() => {
    const connection = connect(channel, (update: PanelUpdate) => {
      if (update.type === "stack") {
        setShown({ stack: update, status: "stack", page: update.page });
        return;
      }
      setNotice(undefined);
      setShown((before) =>
        // Only a page that is busy changing its cart may keep the old stack on screen, dimmed.
        update.status === "loading" && before.stack
          ? { stack: before.stack, status: "loading", reason: update.reason, page: update.page }
          : {
              stack: undefined,
              status: update.status,
              reason: update.reason,
              page: update.page,
              extras: { incomplete: update.incomplete, unavailable: update.unavailable },
            },
      );
    });
    return () => connection.close();
  }, [channel, connect]);

  // The first load must not undo what came after it: a choice made (or saved elsewhere)
  // while the stored preferences were still being read is newer than what that read returns.
  const preferencesTouched = useRef(false);
  useEffect(() => {
    loadCheckoutPreferences().then(
      (stored) => {
        if (!preferencesTouched.current) setPreferences(stored);
      },
      () => undefined,
    );
    return watchCheckoutPreferences((stored) => {
      preferencesTouched.current = true;
      setPreferences(stored);
    });
  }, []);

  const stack = shown.stack;
  const updating = stack !== undefined && shown.status === "loading";
  const view = useMemo(() => (stack ? stackView(stack, locale) : undefined), [stack, locale]);
  const check = useMemo(() => (stack ? pageCheck(stack, locale) : undefined), [stack, locale]);

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
    if (stack.checkout) main.dataset.pageUpdate = String(stack.checkout.update);
  }, [stack]);

  const changePreferences = (patch: Partial<CheckoutPreferences>) => {
    preferencesTouched.current = true;
    setPreferences((p) => ({ ...p, ...patch }));
    saveCheckoutPreferences(patch).catch((error) =>
      setNotice({ ok: false, text: t("panel_preferencesFailed", sayFailure(error)) }),
    );
  };

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

  // Apply types the stack's promo code into the page and reports the page's own answer.
  const apply = async (s: StackUpdate) => {
    setBusy(true);
    setNotice(undefined);
    setApplyStatus(undefined);
    try {
      setApplyStatus(await send("checkout/apply", { channel, stackId: s.stackId }));
    } catch (error) {
      setApplyStatus({ state: "failed", message: message("panel_applyFailed", failure(error)) });
    } finally {
      setBusy(false);
    }
  };

  const placed = (s: StackUpdate, order: number) =>
    act(async () => {
      try {
        await send("checkout/placed", { channel, stackId: s.stackId, order });
        return { ok: true, text: t("panel_placedDone") };
      } catch (error) {
        return { ok: false, text: t("panel_placedFailed", sayFailure(error)) };
      }
    });

  const checkout = shown.page === "checkout";
  return (
    <main class="panel" ref={rendered} aria-busy={updating}>
      <header class="panel-head">
        <span class="brand">Stackwise</span>
        <h1>{t(checkout ? "panel_headingCheckout" : "panel_heading")}</h1>
      </header>

      {!stack && (
        <>
          <CartStatus
            status={shown.status}
            reason={shown.reason}
            checkout={checkout}
            incomplete={shown.extras?.incomplete !== undefined}
          />
          <IncompleteNotice why={shown.extras?.incomplete} />
          <UnavailableLines lines={shown.extras?.unavailable} />
        </>
      )}

      {stack && view && (
        <div class={updating ? "stack stack-stale" : "stack"}>
          <IncompleteNotice why={stack.incomplete} />
          <MismatchNotice stack={stack} locale={locale} />
          <TotalCard
            view={view}
            locale={locale}
            refining={stack.refining}
            updating={updating}
            partial={stack.incomplete !== undefined}
          />
          <TaxCard stack={stack} locale={locale} />
          {checkout && <p class="muted">{t("panel_checkoutNote")}</p>}
          {check && (
            <PageCheckCard
              check={check}
              locale={locale}
              canApply={stack.canApply}
              busy={busy || updating}
              onApply={() => apply(stack)}
              status={applyStatus}
            />
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
          <UnavailableLines lines={stack.unavailable} />
          <Hints hints={view.hints} />
        </div>
      )}

      <PreferencesForm preferences={preferences} onChange={changePreferences} showSplit={!checkout} />

      {stack && stack.notes.length > 0 && (
        <details class="notes">
          <summary>{t("panel_notesHeading")}</summary>
          <ul>
            {stack.notes
              .map((note) => say(note))
              .map((note) => (
                <li key={note}>{note}</li>
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
