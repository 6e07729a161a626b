/**
 * Where the page ships to, from the site's settings cookie `aep_usuc_f`
 * (`site=bra&c_tp=BRL&region=BR&b_locale=pt_BR&province=…&city=…`, evidence
 * aliexpress-evidence.md §5): `region` is the ship-to country the cart request sends as
 * `shipToCountry`. `province` and `city` are the codes the cart request sends as
 * `_state` and `_city`; no source shows their format, so a province is only passed on
 * as text, never read as a Brazilian state. The checkout's address block
 * (`pl-address`) is not read: no source shows a country in it.
 */

/** ISO 3166-1 alpha-2, all 249 assigned codes. */
const ISO_COUNTRIES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
    "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
    "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
    "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
    "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

export const isCountryCode = (code: string): boolean => ISO_COUNTRIES.has(code);

export type ShipTo =
  /** No cookie, or one without `region`: the page says nothing. */
  | { kind: "none" }
  /** `region` is there but is not two letters. */
  | { kind: "malformed"; text: string }
  /** Two letters that are no ISO 3166-1 country. */
  | { kind: "unknown"; code: string }
  | { kind: "country"; country: string; province: string | null };

/** One field of the cookie's `k=v&k=v` text, or null. */
function field(cookie: string, name: string): string | null {
  for (const pair of cookie.split("&")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return null;
}

/** Reads the ship-to country from the cookie's value (already URL-decoded). */
export function readShipTo(cookie: string | null | undefined): ShipTo {
  if (!cookie) return { kind: "none" };
  const region = field(cookie, "region");
  if (region === null || region === "") return { kind: "none" };
  const text = region.trim().slice(0, 40);
  if (!/^[A-Za-z]{2}$/.test(text)) return { kind: "malformed", text };
  const code = text.toUpperCase();
  if (!isCountryCode(code)) return { kind: "unknown", code };
  const province = field(cookie, "province");
  return { kind: "country", country: code, province: province ? province.slice(0, 40) : null };
}
