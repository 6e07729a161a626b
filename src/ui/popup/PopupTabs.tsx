import { useEffect, useRef, useState } from "preact/hooks";
import { programTimeZone } from "../../referral/settings";
import { type MessageKey, t } from "../../services/i18n";
import { loadPreferences } from "../../services/wallet-preferences";
import { listPrograms } from "../../storage/programs";
import { useWriteContext } from "../actions/announce";
import { savePreferences } from "../actions/preferences";
import { Pending, useDb, useLoad } from "../shared/app";
import { lazyComponent } from "../shared/lazy";
import { useServices } from "../shared/services";
import { ProgramPicker } from "./ProgramPicker";
import { ReferralTab } from "./referral/ReferralTab";

// The popup opens on the referral card: the other tabs load their code when first shown.
const WalletTab = lazyComponent(() => import("./wallet/WalletTab").then((m) => m.WalletTab));
const TrackerTab = lazyComponent(() => import("./tracker/TrackerTab").then((m) => m.TrackerTab));

export const TABS = ["referral", "wallet", "tracker"] as const;
export type Tab = (typeof TABS)[number];

/** The tab a popup URL asks for (`popup.html#wallet`, as an expiry notification opens it); the referral card otherwise. */
export function tabFromHash(hash: string): Tab {
  const name = hash.replace(/^#/, "");
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : "referral";
}
const TAB_LABELS: Record<Tab, MessageKey> = {
  referral: "tabReferral",
  wallet: "tabWallet",
  tracker: "tabTracker",
};

/** The popup's three tabs, keyboard-operable as the ARIA tabs pattern describes. */
export function PopupTabs({ initialTab = "referral" }: { initialTab?: Tab }) {
  const db = useDb();
  const services = useServices();
  const writer = useWriteContext();
  const [tab, setTab] = useState<Tab>(initialTab);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  // Copy on open happens once per opening, not each time the referral tab is shown again,
  // and not at all when the popup was opened for another tab (a notification's click).
  const autoCopyPending = useRef(initialTab === "referral");
  // The referral card takes the focus when the popup opens, not when the user tabs back to it.
  const opening = useRef(true);
  // Opened on the wallet (an expiry reminder) or the tracker: fetch that tab's code while the
  // database opens, rather than after.
  const preloaded = useRef(false);
  if (!preloaded.current) {
    preloaded.current = true;
    if (initialTab === "wallet") WalletTab.preload();
    if (initialTab === "tracker") TrackerTab.preload();
  }
  // The other tabs' code loads once the popup has nothing else to do, so that a click on a
  // tab draws it without first fetching and parsing its code (bench/popup.bench.ts measures
  // the wallet's first screen from that click). Never before the copy and the first card.
  useEffect(() => {
    const rest = () => {
      WalletTab.preload();
      TrackerTab.preload();
    };
    // Both taken now: the cleanup must cancel with what scheduled, whatever the globals hold by then.
    const { requestIdleCallback: whenIdle, cancelIdleCallback: cancelIdle } = globalThis;
    if (typeof whenIdle === "function" && typeof cancelIdle === "function") {
      const id = whenIdle(rest);
      return () => cancelIdle(id);
    }
    const id = setTimeout(rest, 0);
    return () => clearTimeout(id);
  }, []);
  const loaded = useLoad(async () => {
    const [preferences, programs] = await Promise.all([loadPreferences(), listPrograms(db)]);
    return { preferences, programs };
  }, [db]);

  if (loaded.error !== undefined || loaded.data === undefined)
    return <Pending error={loaded.error} onRetry={loaded.reload} />;
  const { preferences, programs } = loaded.data;
  const settings = programs.find((p) => p.id === preferences.activeProgramId) ?? programs[0];
  if (settings === undefined) return null;
  const zone = programTimeZone(settings, services.timeZone);

  const select = (next: Tab, focus = false) => {
    opening.current = false;
    setTab(next);
    if (focus) tabRefs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to =
      e.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : e.key === "ArrowLeft"
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === "Home"
            ? TABS[0]
            : e.key === "End"
              ? TABS[TABS.length - 1]
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    select(to, true);
  };

  return (
    <>
      <ProgramPicker
        programs={programs}
        value={settings.id}
        onChange={async (id) => {
          await savePreferences(writer, { activeProgramId: id });
          loaded.reload();
        }}
      />
      <div class="tabs" role="tablist" aria-label={t("tabsLabel")} onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            class="tab"
            onClick={() => select(name)}
            data-testid={`tab-${name}`}
          >
            {t(TAB_LABELS[name])}
          </button>
        ))}
      </div>
      <div
        class="tab-panel"
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        data-testid={`panel-${tab}`}
      >
        {tab === "referral" && (
          <ReferralTab
            settings={settings}
            autoCopy={autoCopyPending.current && preferences.copyOnOpen}
            onAutoCopyDone={() => {
              autoCopyPending.current = false;
            }}
            opening={opening.current}
            onSettingsChanged={loaded.reload}
          />
        )}
        {tab === "wallet" && <WalletTab currency={settings.reward.currency} timeZone={zone} />}
        {tab === "tracker" && <TrackerTab programId={settings.id} timeZone={zone} />}
      </div>
    </>
  );
}
