// An auditor's disposition of a finding; `exempt` = never raise it again. Import-free, so the CLI's
// --help can name the statuses without loading the register.
export const FINDING_STATUSES = ["open", "confirmed", "false_positive", "resolved", "exempt"] as const;
