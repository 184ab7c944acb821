// Which detectors answer for which planted pattern (pipelines/generate/anomalies.ts PATTERNS), and
// how a finding is matched to a planted case. The matching rule, one per pattern:
//   ids         the finding's entity_id is one of the case's ids (a payment, adjustment, invoice or
//               wage key the generator names);
//   wage        same employer, contributor and period (a wage the generator changed for a person);
//   contributor same contributor (the person is the anomaly, wherever they are engaged);
//   employer    same employer (the firm or its staff's dealings with it are the anomaly);
//   gap         same engagement and period (marts.coverage_gaps, not a detector).
// A finding that matches no case of its own pattern is a false positive for that pattern.
import type { Pattern } from "../generate/anomalies.ts";

export type MatchBy = "ids" | "wage" | "contributor" | "employer" | "gap";

export interface PatternScoring {
  rules: string[];
  match: MatchBy;
}

export const PATTERN_SCORING: Record<Pattern, PatternScoring> = {
  pension_wage_inflation: { rules: ["pension_wage_inflation"], match: "wage" },
  under_declaration: { rules: ["under_declaration"], match: "wage" },
  firm_wide_drop: { rules: ["firm_wide_drop"], match: "employer" },
  fake_saudization: { rules: ["fake_saudization"], match: "employer" },
  sister_company_shuffle: { rules: ["sister_company_shuffle"], match: "contributor" },
  ghost_multi_employer: { rules: ["ghost_multi_employer"], match: "contributor" },
  implausible_age: { rules: ["implausible_age"], match: "contributor" },
  self_approved_adjustment: { rules: ["self_approved_adjustment"], match: "ids" },
  split_credits: { rules: ["split_credits"], match: "ids" },
  fee_waiver_concentration: { rules: ["fee_waiver_concentration"], match: "employer" },
  backdated_wage_change: { rules: ["backdated_wage_change"], match: "ids" },
  after_hours_wage_change: { rules: ["after_hours_wage_change"], match: "ids" },
  manual_posting_unreviewed: { rules: ["manual_posting_unreviewed"], match: "ids" },
  duplicate_payment: { rules: ["duplicate_payment"], match: "ids" },
  payment_reversal: { rules: ["payment_reversal"], match: "ids" },
  wrong_employer_payment: { rules: ["wrong_employer_payment"], match: "ids" },
  wage_times_ten: { rules: ["wage_times_ten"], match: "wage" },
  basic_housing_swapped: { rules: ["basic_housing_swapped"], match: "wage" },
  invoice_mismatch: { rules: ["invoice_mismatch"], match: "ids" },
  coverage_gap: { rules: ["marts.coverage_gaps"], match: "gap" },
};

/** SQL condition: finding `f` matches planted case `k` (k.id_list is the case's ids as a list). */
export const MATCH_SQL: Record<MatchBy, string> = {
  ids: "list_contains(k.id_list, f.entity_id)",
  wage: "f.employer_id = k.employer_id AND f.contributor_id = k.contributor_id AND f.period = k.period",
  contributor: "f.contributor_id = k.contributor_id",
  employer: "f.employer_id = k.employer_id",
  gap: "f.entity_id = k.id_list[1] AND f.period = k.period",
};
