import { t } from "../../services/i18n";
import { AppFrame, DatabaseGate } from "../shared/app";
import { ServicesContext, type UiServices } from "../shared/services";
import { BackupCard } from "./BackupCard";
import { PreferencesCard } from "./PreferencesCard";
import { ProgramsCard } from "./ProgramsCard";
import { ScanCard } from "./ScanCard";
import { TaxDestinationCard } from "./TaxDestinationCard";

/** The options page: preferences, program settings with the time zone, and import/export. */
export function OptionsApp({ services }: { services: UiServices }) {
  return (
    <ServicesContext.Provider value={services}>
      <div class="options">
        <header class="app-header">
          <h1 class="brand">
            <span class="brand-mark" aria-hidden="true" />
            {t("optionsTitle")}
          </h1>
        </header>
        <main class="options-main">
          <p class="privacy-note">{t("privacyNote")}</p>
          <AppFrame>
            <PreferencesCard />
            <TaxDestinationCard locale={services.locale} />
            <ScanCard />
            <DatabaseGate>
              <ProgramsCard />
              <BackupCard timeZone={services.timeZone} />
            </DatabaseGate>
          </AppFrame>
        </main>
      </div>
    </ServicesContext.Provider>
  );
}
