// Usage texts that both the command registry (for --help, without loading the command) and the command
// itself (in its error messages) print. Kept free of heavy imports so --help stays instant.
import { FINDING_STATUSES } from "../../findings/statuses.ts";

export const FINDINGS_USAGE = [
  "tahseel findings list [--rule R] [--status S] [--employer E] [--db FILE] [--json]",
  "       tahseel findings show ID [--db FILE] [--json]",
  "       tahseel findings dispose ID --status S --by NAME [--note TEXT] [--db FILE]",
  "       tahseel findings export FILE [--db FILE]",
  "       tahseel findings import FILE [--db FILE]",
  `  statuses: ${FINDING_STATUSES.join(", ")}; the dispositions file is CSV: anomaly_id,status,by,at,note`,
].join("\n");

export const SAMPLE_USAGE =
  "tahseel sample --population invoices|payments --method random|stratified|mus --size N --seed S [--strata COLUMN]\n" +
  "               [--out FILE] [--db FILE] [--json]\n" +
  "  the selection is kept in audit.samples and audit.sample_items, and written as CSV to --out\n" +
  "  (default: samples/<run id>.csv beside the warehouse)";

export const ALERTS_USAGE = [
  "tahseel alerts list [--state new|acknowledged|closed] [--db FILE] [--json]",
  "       tahseel alerts ack KEY [--by NAME] [--note TEXT] [--db FILE] [--json]",
  "       tahseel alerts close KEY [--by NAME] [--note TEXT] [--db FILE] [--json]",
  "  KEY is the alert's key as listed (e.g. arrears_critical:100000001); ack and close change its latest occurrence",
].join("\n");
