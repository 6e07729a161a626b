import type { ProgramSettings } from "../../../referral/settings";
import { t } from "../../../services/i18n";
import type { ReferralLinkView } from "../../../storage/links";
import { Card } from "../../shared/fields";
import { AddLinkForm } from "./AddLinkForm";
import { LinkItem } from "./LinkItem";

/** Every saved link of the program, and the form that adds one. */
export function LinksCard({
  settings,
  links,
  onChanged,
}: {
  settings: ProgramSettings;
  links: readonly ReferralLinkView[];
  onChanged: () => void;
}) {
  return (
    <Card title={links.length === 0 ? t("addFirstLinkTitle") : t("linksCardTitle")} testId="links-card">
      {links.length > 0 && (
        <ul class="link-list" data-testid="link-list">
          {links.map((l) => (
            <LinkItem key={l.id} link={l} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <AddLinkForm settings={settings} onSaved={onChanged} />
    </Card>
  );
}
