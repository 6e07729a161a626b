import { useEffect, useRef, useState } from "preact/hooks";
import type { ProgramSettings } from "../../../referral/settings";
import type { CapWarning } from "../../../referral/tracker";
import { t } from "../../../services/i18n";
import { refreshLinkMirror } from "../../../storage/linkMirror";
import type { ReferralLinkView } from "../../../storage/links";
import { useWriteContext } from "../../actions/announce";
import { savePreferences } from "../../actions/preferences";
import { useDb } from "../../shared/app";
import { Card } from "../../shared/fields";
import { lazyComponent } from "../../shared/lazy";
import { useServices } from "../../shared/services";
import { CapWarningBanner } from "../tracker/CapWarningBanner";
import { type CopyState, CopyStatus } from "./CopyStatus";
import { ShareMessage } from "./ShareMessage";

// The QR encoder loads when a QR code is first asked for.
const QrCode = lazyComponent(() => import("./QrCode").then((m) => m.QrCode));

interface Props {
  settings: ProgramSettings;
  link: ReferralLinkView | undefined;
  warning: CapWarning | undefined;
  /** Copy the link as soon as it is known (the popup was just opened and the setting is on). */
  autoCopy: boolean;
  onAutoCopyDone: () => void;
  /**
   * The popup just opened on this card: its main button takes the focus. Not when the
   * user comes back to the tab with the keyboard, whose focus must stay on the tab.
   */
  opening: boolean;
  onChanged: () => void;
}

/** The card the popup opens on: the default link and the one button that copies it. */
export function ReferralCard({
  settings,
  link,
  warning,
  autoCopy,
  onAutoCopyDone,
  opening,
  onChanged,
}: Props) {
  const services = useServices();
  const writer = useWriteContext();
  const db = useDb();
  const [status, setStatus] = useState<CopyState>({ kind: "idle" });
  const [showQr, setShowQr] = useState(false);
  const copyButton = useRef<HTMLButtonElement>(null);
  const usable = link?.allowed === true;

  const copyLink = async (auto: boolean) => {
    if (!usable) return;
    try {
      await services.writeClipboard(link.value);
      setStatus({ kind: "link", text: link.value, auto });
    } catch {
      // Opening copies only when the browser lets a freshly opened popup write; the button always can.
      setStatus(auto ? { kind: "idle" } : { kind: "failed" });
    }
  };

  const copyMessage = async (message: string) => {
    try {
      await services.writeClipboard(message);
      setStatus({ kind: "message" });
    } catch {
      setStatus({ kind: "failed" });
    }
  };

  // Only the link known when the popup opened is copied: a link saved a moment later is not.
  // The popup's first script usually copied it already, from the copy in storage.local; the
  // database decides whether that was right. When it was not (an older copy, none yet), the
  // link is copied now and the stored copy is rewritten for the next opening.
  useEffect(() => {
    if (opening) copyButton.current?.focus();
    if (!autoCopy) return;
    onAutoCopyDone();
    const expected = usable ? link.value : undefined;
    void (services.earlyCopy?.() ?? Promise.resolve({ kind: "unknown" as const })).then((early) => {
      if (early.kind === "copied" && early.text === expected) {
        setStatus({ kind: "link", text: early.text, auto: true });
        return;
      }
      const agreed =
        (early.kind === "failed" && early.text === expected) ||
        (early.kind === "none" && expected === undefined);
      if (agreed) return;
      if (early.kind !== "skipped") void refreshLinkMirror(db);
      if (usable) void copyLink(true);
    });
  }, []);

  return (
    <Card title={t("referralCardTitle", settings.name)} testId="referral-card" class="referral-card">
      {link === undefined ? (
        <p class="empty" data-testid="no-link">
          {t("noLinkYet")}
        </p>
      ) : (
        <div class="link-box">
          <span class="link-label">
            {link.label || t(link.kind === "code" ? "defaultCode" : "defaultLink")}
          </span>
          <code class="link-value" data-testid="default-link" title={link.value}>
            {link.value}
          </code>
          {!link.allowed && (
            <p class="field-error" role="alert" data-testid="link-not-allowed">
              {t("linkNoLongerAllowed")}
            </p>
          )}
        </div>
      )}
      <button
        ref={copyButton}
        type="button"
        class="btn btn-primary btn-block"
        disabled={!usable}
        onClick={() => copyLink(false)}
        data-testid="copy-link"
      >
        {t("copyReferralLink")}
      </button>
      <CopyStatus
        state={status}
        onStopAutoCopy={() => {
          void savePreferences(writer, { copyOnOpen: false }).then(() => setStatus({ kind: "idle" }));
        }}
      />
      {usable && (
        <>
          <ShareMessage settings={settings} link={link.value} onCopy={copyMessage} onSaved={onChanged} />
          <button
            type="button"
            class="btn btn-quiet btn-block"
            aria-expanded={showQr}
            onClick={() => setShowQr(!showQr)}
            data-testid="toggle-qr"
          >
            {showQr ? t("hideQr") : t("showQr")}
          </button>
          {showQr && <QrCode text={link.value} />}
        </>
      )}
      {warning !== undefined && <CapWarningBanner warning={warning} />}
    </Card>
  );
}
