// Kept for in-flight branches, to be removed: the money core lives in src/core/money.
export {
  type MoneyContext,
  type MoneyRefusal,
  type MoneyResult,
  majorToCents,
  minorDigits,
  parsePriceText as parseMoney,
} from "../core/money";
