// Contribution and billing rules as configuration (rules.md): schema, loading, and the contribution oracle.
export { BRANCHES, rulesSchema, rateRowSchema, type Branch, type Rules, type RateRow } from "./schema.ts";
export { parseRules, loadRules, defaultRules, DEFAULT_RULES_FILE } from "./load.ts";
export {
  compileRules,
  expectedContribution,
  branchAmounts,
  daysCovered,
  daysInPeriod,
  isNewRegime,
  type CompiledRules,
  type BranchRates,
  type BranchAmounts,
  type ContributionInput,
  type Insured,
} from "./contribution.ts";
export { parseSar, tryParseSar, formatSar, divHalfUp, rateToPpm, applyRate, type Halalas } from "./money.ts";
