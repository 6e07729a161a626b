import { useState } from "preact/hooks";
import { t, tn } from "../../services/i18n";
import { backupFileName, exportStoreJson, type ImportSummary } from "../../storage/backup";
import { useWriteContext } from "../actions/announce";
import { importStore } from "../actions/backup";
import { useAction, useDb } from "../shared/app";
import { ErrorBanner } from "../shared/ErrorBanner";
import { Card, RadioGroup } from "../shared/fields";
import { useServices } from "../shared/services";

function summaryText(s: ImportSummary): string {
  const parts = [tn("importedCoupons", s.coupons, s.coupons), tn("importedPoints", s.points, s.points)];
  if (s.coins) parts.push(t("importedCoins"));
  if (s.kind === "backup")
    parts.push(tn("importedLinks", s.links, s.links), tn("importedReferrals", s.referrals, s.referrals));
  return t("importDone", parts.join(", "));
}

/** Moves the wallet in and out as a JSON file; a refused file changes nothing and says why. */
export function BackupCard({ timeZone }: { timeZone: string }) {
  const db = useDb();
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [mode, setMode] = useState<"merge" | "replace">("merge");
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; error: unknown }>();

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    if (file === undefined) return;
    setResult(undefined);
    try {
      const summary = await importStore(writer, await file.text(), { mode });
      setResult({ ok: true, text: summaryText(summary) });
    } catch (error) {
      setResult({ ok: false, error });
    }
  };

  const exportFile = () =>
    run(async () => {
      const json = await exportStoreJson(db, { now: services.now() });
      const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = backupFileName(services.now(), timeZone);
      document.body.append(a);
      a.click();
      a.remove();
      // Revoked later: the download reads the URL after this click returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });

  return (
    <Card title={t("backupTitle")} testId="backup-card">
      <p class="card-intro">{t("backupIntro")}</p>
      <RadioGroup
        legend={t("importModeLegend")}
        name="import-mode"
        value={mode}
        onValue={(v) => setMode(v as "merge" | "replace")}
        choices={[
          { value: "merge", label: t("importModeMerge") },
          { value: "replace", label: t("importModeReplace") },
        ]}
      />
      <div class="button-row">
        <label class="btn file-button">
          <input
            type="file"
            accept="application/json,.json"
            class="file-input"
            onChange={(e) => importFile(e.currentTarget)}
            data-testid="import-wallet"
          />
          {t("importWallet")}
        </label>
        <button type="button" class="btn" disabled={busy} onClick={exportFile} data-testid="export-wallet">
          {t("exportWallet")}
        </button>
      </div>
      {result?.ok === true && (
        <p class="banner banner-ok" role="status" data-testid="import-result">
          {result.text}
        </p>
      )}
      {result?.ok === false && <ErrorBanner error={result.error} testId="import-error" />}
    </Card>
  );
}
