import { useState } from "preact/hooks";
import { t } from "../../services/i18n";
import { loadPreferences, type Preferences } from "../../services/wallet-preferences";
import { savePreferences } from "../actions/preferences";
import { useLoad, useReportError } from "../shared/app";
import { Card, CheckboxField } from "../shared/fields";
import { useServices } from "../shared/services";

/** Copy-on-open and expiry notifications: the two behaviours a user may want off or on. */
export function PreferencesCard() {
  const services = useServices();
  const report = useReportError();
  const prefs = useLoad(() => loadPreferences(), []);
  const [notice, setNotice] = useState("");

  if (prefs.data === undefined) return null;
  const save = async (patch: Partial<Preferences>) => {
    try {
      await savePreferences(services, patch);
      prefs.reload();
    } catch (e) {
      report(e);
    }
  };

  return (
    <Card title={t("preferencesTitle")} testId="preferences-card">
      <CheckboxField
        label={t("copyOnOpenLabel")}
        hint={t("copyOnOpenHint")}
        checked={prefs.data.copyOnOpen}
        onChecked={(copyOnOpen) => save({ copyOnOpen })}
        testId="pref-copy-on-open"
      />
      <CheckboxField
        label={t("notifyLabel")}
        hint={t("notifyHint")}
        checked={prefs.data.notifyBeforeExpiry}
        onChecked={(on) => {
          setNotice("");
          if (!on) {
            void save({ notifyBeforeExpiry: false });
            services.removePermission("notifications").catch(() => undefined);
            return;
          }
          // The permission prompt must open inside this click, before anything is awaited.
          services.requestPermission("notifications").then(
            (granted) => {
              if (granted) void save({ notifyBeforeExpiry: true });
              else {
                setNotice(t("notifyDenied"));
                prefs.reload();
              }
            },
            (e: unknown) => report(e),
          );
        }}
        testId="pref-notify"
      />
      {notice !== "" && (
        <p class="field-warning" role="status">
          {notice}
        </p>
      )}
    </Card>
  );
}
