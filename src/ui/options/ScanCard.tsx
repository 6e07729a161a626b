import { t } from "../../services/i18n";
import {
  loadScanPreferences,
  type ScanPreferences,
  saveScanPreferences,
} from "../../services/scan-preferences";
import { useLoad, useReportError } from "../shared/app";
import { Card, CheckboxField } from "../shared/fields";

/** Page scanning, one switch per kind of page (src/adapters/scan-pages.ts): the content script reads them. */
export function ScanCard() {
  const report = useReportError();
  const prefs = useLoad(() => loadScanPreferences(), []);
  if (prefs.data === undefined) return null;
  const save = async (patch: Partial<ScanPreferences>) => {
    try {
      await saveScanPreferences(patch);
      prefs.reload();
    } catch (e) {
      report(e);
    }
  };
  return (
    <Card title={t("scan_settingsTitle")} testId="scan-card">
      <p class="muted">{t("scan_settingsHint")}</p>
      <CheckboxField
        label={t("scan_settingCoupons")}
        checked={prefs.data.coupons}
        onChecked={(coupons) => save({ coupons })}
        testId="scan-pref-coupons"
      />
      <CheckboxField
        label={t("scan_settingProduct")}
        checked={prefs.data.product}
        onChecked={(product) => save({ product })}
        testId="scan-pref-product"
      />
      <CheckboxField
        label={t("scan_settingCoins")}
        hint={t("scan_settingReload")}
        checked={prefs.data.coins}
        onChecked={(coins) => save({ coins })}
        testId="scan-pref-coins"
      />
    </Card>
  );
}
