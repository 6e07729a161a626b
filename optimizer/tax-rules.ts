/**
 * Import-tax rules per destination, as data (issue 13). Every figure comes from
 * ../shared/notes/import-tax-evidence.md, whose section is named in `source`; what no
 * source says is in `notes`, which the result repeats so the panel can say it.
 * Amounts are in the rule's currency, major units; rates are percentages. A rule
 * applies from `from` (00:00 UTC) until the day before `until`; the checkout's `now`
 * picks it. Checked by `TaxRulesFileSchema` when the optimizer loads it.
 */

import type { TaxLineSchema, TaxRulesFileSchema } from "./tax-schema";
import type { z } from "./zod";

type TaxLineInput = z.input<typeof TaxLineSchema>;

const BR_II: TaxLineInput = {
  kind: "tiered",
  name: "import tax",
  // 20% up to US$50; above, 60% less US$20 (the same as 20% of the first 50 and 60% of the rest).
  tiers: [
    { upTo: 50, rate: 20, deduct: 0 },
    { rate: 60, deduct: 20 },
  ],
  base: ["goods", "shipping"],
};

const BR_NOTES = [
  "Brazil: whether AliExpress coupons and platform discounts reduce the taxed value rests on one 2023 report (evidence 1c).",
  "Brazil: AliExpress's own rounding and USD conversion are not published; each tax line is rounded half up to the cent per package.",
  "Brazil: above US$3,000 a package leaves the simplified regime; the 60% schedule is still applied.",
];

/** Standard VAT rates of the member states (European Commission VAT rates table, 2025). */
const EU_VAT: Record<string, number> = {
  AT: 20,
  BE: 21,
  BG: 20,
  CY: 19,
  CZ: 21,
  DE: 19,
  DK: 25,
  EE: 24,
  ES: 21,
  FI: 25.5,
  FR: 20,
  GR: 24,
  HR: 25,
  HU: 27,
  IE: 23,
  IT: 22,
  LT: 21,
  LU: 17,
  LV: 21,
  MT: 18,
  NL: 21,
  PL: 23,
  PT: 23,
  RO: 21,
  SE: 25,
  SI: 22,
  SK: 23,
};
const EU_COUNTRIES = Object.keys(EU_VAT);
const EU_SOURCE_VAT =
  "IOSS VAT at checkout for consignments of goods up to EUR 150, on price plus delivery (evidence 3a: zoll.de, AliExpress EU VAT FAQ); member state rates from the European Commission's VAT rates table (2025), not re-checked for 2026";
const EU_NOTES = [
  "EU: above EUR 150 of goods a package's VAT is collected at import instead of at checkout and customs duty is not modelled.",
  "EU: national parcel fees (Italy, France, Romania) are not modelled.",
];

export const TAX_RULES = {
  version: 1,
  rules: [
    {
      id: "BR-2024-08",
      countries: ["BR"],
      from: "2024-08-01",
      until: "2025-04-01",
      currency: "USD",
      discountsReduceBase: true,
      source:
        "Remessa Conforme: Portaria MF 1.086/2024 (II 20% / 60% less US$20 per remessa, goods + freight), Convênio ICMS 81/2023 (17% gross-up) — evidence 1a, 1b",
      confidence: "high",
      notes: BR_NOTES,
      lines: [BR_II, { kind: "grossUp", name: "ICMS", rate: 17, base: ["goods", "shipping", "import tax"] }],
    },
    {
      id: "BR-2025-04",
      countries: ["BR"],
      from: "2025-04-01",
      currency: "USD",
      discountsReduceBase: true,
      source:
        "Portaria MF 1.086/2024 (II) and Comsefaz decision of 6 Dec 2024 (ICMS 20% in AC, AL, BA, CE, MG, PB, PI, RN, RR, SE from 1 Apr 2025; 17% elsewhere) — evidence 1a, 1b",
      confidence: "medium",
      notes: [
        ...BR_NOTES,
        "Brazil: the list of 20% ICMS states is disputed (some sources name AP or TO); no official 2026 list was found. Prefer the ICMS line the checkout shows.",
      ],
      lines: [
        BR_II,
        {
          kind: "grossUp",
          name: "ICMS",
          rate: {
            default: 17,
            byRegion: { AC: 20, AL: 20, BA: 20, CE: 20, MG: 20, PB: 20, PI: 20, RN: 20, RR: 20, SE: 20 },
          },
          base: ["goods", "shipping", "import tax"],
        },
      ],
    },
    {
      id: "EU-2021-07",
      countries: EU_COUNTRIES,
      from: "2021-07-01",
      until: "2026-07-01",
      currency: "EUR",
      discountsReduceBase: true,
      source: EU_SOURCE_VAT,
      confidence: "medium",
      notes: EU_NOTES,
      lines: [
        {
          kind: "percent",
          name: "VAT",
          rate: { byCountry: EU_VAT },
          base: ["goods", "shipping"],
          when: { goodsAtMost: 150 },
        },
      ],
    },
    {
      id: "EU-2026-07",
      countries: EU_COUNTRIES,
      from: "2026-07-01",
      until: "2028-07-01",
      currency: "EUR",
      discountsReduceBase: true,
      source: `EUR 3 customs duty per distinct tariff line in consignments up to EUR 150: Council Regulation (EU) 2026/382, applies 1 Jul 2026 to 1 Jul 2028, VAT charged on the duty per the Commission guidance as summarised by Glopal (evidence 3b); ${EU_SOURCE_VAT}`,
      confidence: "medium",
      notes: [
        ...EU_NOTES,
        "EU: tariff lines are not known, so each distinct product counts as one line of the EUR 3 duty (an upper bound).",
        "EU: how AliExpress shows the EUR 3 duty, and whether it adds VAT on it, is not confirmed.",
      ],
      lines: [
        { kind: "perProduct", name: "duty", amount: 3, when: { goodsAtMost: 150 } },
        {
          kind: "percent",
          name: "VAT",
          rate: { byCountry: EU_VAT },
          base: ["goods", "shipping", "duty"],
          when: { goodsAtMost: 150 },
        },
      ],
    },
    {
      id: "EU-2028-07",
      countries: EU_COUNTRIES,
      from: "2028-07-01",
      currency: "EUR",
      discountsReduceBase: true,
      source: `The EUR 3 duty ends on 1 Jul 2028 unless extended (evidence 3b); ${EU_SOURCE_VAT}`,
      confidence: "low",
      notes: [...EU_NOTES, "EU: the EUR 3 duty may be extended past 1 Jul 2028; no source says yet."],
      lines: [
        {
          kind: "percent",
          name: "VAT",
          rate: { byCountry: EU_VAT },
          base: ["goods", "shipping"],
          when: { goodsAtMost: 150 },
        },
      ],
    },
    {
      id: "GB-2021-01",
      countries: ["GB"],
      from: "2021-01-01",
      currency: "GBP",
      discountsReduceBase: true,
      source:
        "HMRC: VAT accounted for at the point of sale on consignments not exceeding GBP 135, no duty (evidence 5, UK)",
      confidence: "high",
      notes: [
        "UK: above GBP 135 of goods, import VAT and duty are charged at the border and are not modelled.",
      ],
      lines: [
        { kind: "percent", name: "VAT", rate: 20, base: ["goods", "shipping"], when: { goodsAtMost: 135 } },
      ],
    },
    {
      id: "CL-2025-10",
      countries: ["CL"],
      from: "2025-10-25",
      currency: "USD",
      discountsReduceBase: true,
      source:
        "Ley 21.713: IVA 19% on the total including shipping, collected by registered platforms, up to US$500 (evidence 5, Chile: eldinamo.cl, dedecon.cl)",
      confidence: "medium",
      notes: ["Chile: above US$500 the 6% tariff and IVA are charged at customs and are not modelled."],
      lines: [
        { kind: "percent", name: "VAT", rate: 19, base: ["goods", "shipping"], when: { valueAtMost: 500 } },
      ],
    },
    {
      id: "MX-2025-08",
      countries: ["MX"],
      from: "2025-08-15",
      currency: "USD",
      discountsReduceBase: true,
      source:
        'RGCE rule 3.7.35: courier "tasa global" 33.5% up to US$117 from non-FTA countries, 19% above (evidence 5, Mexico: notidex.com)',
      confidence: "medium",
      notes: [
        "Mexico: the 19% rate above US$117 has conditions (air waybill, no non-tariff restrictions) assumed met; combining orders pays, not splitting.",
      ],
      lines: [
        {
          kind: "tiered",
          name: "import tax",
          tiers: [
            { upTo: 117, rate: 33.5, deduct: 0 },
            { rate: 19, deduct: 0 },
          ],
          base: ["goods", "shipping"],
        },
      ],
    },
    {
      id: "AU-2018-07",
      countries: ["AU"],
      from: "2018-07-01",
      currency: "AUD",
      discountsReduceBase: true,
      source:
        "ATO: GST 10% at the point of sale on low-value goods (customs value up to A$1,000, transport excluded), on all amounts paid including transport (evidence 5, Australia)",
      confidence: "high",
      notes: [
        "Australia: above A$1,000 of goods, GST and duty are charged at the border and are not modelled.",
      ],
      lines: [
        { kind: "percent", name: "VAT", rate: 10, base: ["goods", "shipping"], when: { goodsAtMost: 1000 } },
      ],
    },
    {
      id: "US-2025-08",
      countries: ["US"],
      from: "2025-08-29",
      currency: "USD",
      discountsReduceBase: true,
      source:
        "EO 14324: de minimis suspended for all countries from 29 Aug 2025; no value threshold remains (evidence 4)",
      confidence: "high",
      notes: [
        "US: no value threshold remains, so splitting cannot lower duty; the duty itself (its rate after 24 Jul 2026 is not known) is not modelled.",
      ],
      lines: [],
    },
  ],
} satisfies z.input<typeof TaxRulesFileSchema>;
