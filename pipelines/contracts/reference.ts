// The extract reference page, rendered from the contracts themselves (docs/extract-contracts.md).
import { ENTITIES, columnsOf, keyColumns, type EntityContract } from "./index.ts";

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

function entitySection(entity: EntityContract): string {
  const keys = keyColumns(entity);
  const rows = columnsOf(entity).map((c) => {
    const rules = [
      c.key ? "key" : "",
      c.nullable ? "nullable" : "required",
      c.control ? "control total" : "",
      c.references ? `→ ${c.references.entity}.${c.references.column}` : "",
      ...c.rules.map((r) => `${r.message} (\`${r.code}\`)`),
    ].filter(Boolean);
    return `| \`${c.name}\` | ${c.kind} | \`${c.duckdbType}\` | ${cell(rules.join("; "))} | ${cell(c.doc)} |`;
  });
  const rowRules = entity.rowRules.map((r) => `- \`${r.code}\`: ${r.message}`);
  return [
    `## ${entity.name} (${entity.kind})`,
    "",
    entity.doc,
    "",
    `Key: ${keys.map((k) => `\`${k}\``).join(" + ")}. ${
      entity.kind === "snapshot"
        ? "A later row for a known key is a new version (history kept in `_valid_from` / `_valid_to`)."
        : "Rows are immutable: a known key is skipped when identical, quarantined (`conflicting_key`) otherwise."
    }`,
    "",
    "| column | kind | DuckDB type | rules | meaning |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...(rowRules.length ? ["", "Rules across columns:", "", ...rowRules] : []),
    "",
  ].join("\n");
}

export function renderExtractReference(): string {
  return [
    "# Extract contracts",
    "",
    "Generated from `pipelines/contracts/` by `npm run docs:extracts`; do not edit by hand (a test fails when it is stale).",
    `Files of a delivery are applied in this order: ${ENTITIES.map((e) => `\`${e.name}\``).join(", ")}.`,
    "",
    "Every row that breaks a rule goes to `audit.quarantine` with its file, physical line, raw text, every reason and the",
    "rule codes below (plus `required:<column>`, `unknown_reference:<column>`, `conflicting_key`, `broken_quoting`,",
    "`wrong_field_count`, `record_too_long`, `not_utf8`).",
    "",
    ...ENTITIES.map((e) => entitySection(e as EntityContract)),
  ].join("\n");
}
