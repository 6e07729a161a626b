/**
 * Integer money. Every amount is a whole number of cents; percentages become
 * basis points once, so no floating-point value ever touches an amount.
 */

/** A percentage with at most two decimals as integer basis points (12.5% -> 1250). */
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/**
 * `floor(base * bp / 10000)` exactly. Inputs are bounded by the schema
 * (base <= 9e11, bp <= 10000), so the product stays below 2^53.
 */
export const floorPercent = (base: number, bp: number): number => Math.floor((base * bp) / 10000);

/** An amount rule: fixed `off`, or basis points of a base capped by `maxOff`. */
export interface AmountRule {
  off: number;
  /** 0 when the rule is a fixed amount. */
  bp: number;
  /** Infinity when there is no cap. */
  maxOff: number;
}

/** What a fixed or percent rule takes off `base`, never more than `base`. */
export const ruleAmount = (rule: AmountRule, base: number): number => {
  if (base <= 0) return 0;
  const raw = rule.bp === 0 ? rule.off : Math.min(floorPercent(base, rule.bp), rule.maxOff);
  return Math.min(raw, base);
};
