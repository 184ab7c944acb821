// The report's findings section, aggregates only in every edition (no id, no employer, no name): the
// active findings by rule and severity, those about the report month against those about the month
// before, the rule that moved most, and how the auditors' dispositions have gone (confirmed and false
// positive shares). Read from the findings register; a warehouse whose register was never folded
// reads marts.anomalies, every finding open.
import type { DuckDBConnection } from "@duckdb/node-api";
import { integer, month, percent, type Digits } from "../../../dashboards/components/format.ts";
import { code, t, type Lang } from "../../../dashboards/components/i18n.ts";
import { NOUNS, plural } from "../../../dashboards/components/plural.ts";
import { queryRows } from "../../lib/duckdb.ts";
import { hasTable } from "../export/tables.ts";
import { previousPeriod } from "../stamp.ts";
import { esc } from "./svg.ts";
import { num, para, table } from "./table.ts";

export interface ReportFindings {
  period: string;
  total: number;
  /** Per rule: its severity, active findings, those about the month and about the month before. */
  by_rule: { rule: string; severity: string; n: number; this_month: number; last_month: number }[];
  by_severity: { severity: string; n: number }[];
  /** Active findings by disposition status. */
  by_status: Record<string, number>;
}

const SEVERITIES = ["critical", "high", "medium", "low"];

export async function readReportFindings(c: DuckDBConnection, period: string): Promise<ReportFindings> {
  const empty: ReportFindings = { period, total: 0, by_rule: [], by_severity: [], by_status: {} };
  const source = (await hasTable(c, "audit", "findings"))
    ? "(SELECT rule, severity, period, status FROM audit.findings WHERE seen_state = 'active')"
    : (await hasTable(c, "marts", "anomalies"))
      ? "(SELECT rule, severity, period, 'open' AS status FROM marts.anomalies)"
      : null;
  if (!source) return empty;
  const rows = await queryRows<{ rule: string; severity: string; status: string; n: number; this_month: number; last_month: number }>(
    c,
    `SELECT rule, coalesce(severity, 'none') AS severity, status, count(*)::INTEGER AS n,
            count(*) FILTER (WHERE period = $period)::INTEGER AS this_month,
            count(*) FILTER (WHERE period = $previous)::INTEGER AS last_month
     FROM ${source} GROUP BY ALL ORDER BY rule`,
    { period, previous: previousPeriod(period) },
  );
  const rules = new Map<string, ReportFindings["by_rule"][number]>();
  const severities = new Map<string, number>();
  const statuses: Record<string, number> = {};
  for (const r of rows) {
    const rule = rules.get(r.rule) ?? { rule: r.rule, severity: r.severity, n: 0, this_month: 0, last_month: 0 };
    rule.n += r.n;
    rule.this_month += r.this_month;
    rule.last_month += r.last_month;
    rules.set(r.rule, rule);
    severities.set(r.severity, (severities.get(r.severity) ?? 0) + r.n);
    statuses[r.status] = (statuses[r.status] ?? 0) + r.n;
  }
  const rank = (s: string) => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
  return {
    period,
    total: rows.reduce((a, r) => a + r.n, 0),
    by_rule: [...rules.values()].sort((a, b) => rank(a.severity) - rank(b.severity) || b.n - a.n || a.rule.localeCompare(b.rule)),
    by_severity: [...severities].map(([severity, n]) => ({ severity, n })).sort((a, b) => rank(a.severity) - rank(b.severity)),
    by_status: statuses,
  };
}

/** The rule whose count about the month changed most on the month before (null when none changed). */
export function mostMoved(f: ReportFindings): ReportFindings["by_rule"][number] | null {
  const moved = f.by_rule
    .filter((r) => r.this_month !== r.last_month)
    .sort((a, b) => Math.abs(b.this_month - b.last_month) - Math.abs(a.this_month - a.last_month) || a.rule.localeCompare(b.rule));
  return moved[0] ?? null;
}

const ruleName = (lang: Lang, rule: string) => (t(lang, `rule.${rule}`) === `rule.${rule}` ? rule : t(lang, `rule.${rule}`));

/** The commentary: what the detectors hold, the month against the one before, the dispositions. */
export function findingsSentences(f: ReportFindings, lang: Lang, dg: Digits): string[] {
  const n = (x: number) => plural(x, NOUNS.finding, lang, dg);
  const bySeverity = f.by_severity
    .map((s) => `${integer(s.n, lang, dg)} ${lang === "en" ? code(lang, s.severity).toLowerCase() : code(lang, s.severity)}`)
    .join(lang === "ar" ? "، " : ", ");
  const [m, prev] = [month(f.period, lang, dg), month(previousPeriod(f.period), lang, dg)];
  const thisMonth = f.by_rule.reduce((a, r) => a + r.this_month, 0);
  const lastMonth = f.by_rule.reduce((a, r) => a + r.last_month, 0);
  const moved = mostMoved(f);
  const disposed = Object.entries(f.by_status)
    .filter(([s]) => s !== "open")
    .reduce((a, [, x]) => a + x, 0);
  const share = (s: string) => percent(String((f.by_status[s] ?? 0) / disposed), lang, dg);
  const open = f.by_status.open ?? 0;
  const moves = (open: string, close: string) =>
    moved
      ? `${open}${ruleName(lang, moved.rule)}${close} ${integer(moved.last_month, lang, dg)} ` +
        `${lang === "ar" ? "إلى" : "to"} ${integer(moved.this_month, lang, dg)}.`
      : "";
  if (lang === "ar")
    return [
      f.total ? `يضم سجل الملاحظات ${n(f.total)} ما زالت أدوات الرصد ترصدها: ${bySeverity}.` : "لا توجد ملاحظات رقابية قائمة.",
      `الملاحظات عن ${m}: ${integer(thisMonth, lang, dg)} مقابل ${integer(lastMonth, lang, dg)} عن ${prev}` +
        (moved ? `؛ وأكثر القواعد تغيرًا ${moves("«", "» من")}` : "، دون تغير في أي قاعدة."),
      disposed
        ? `عالج المدققون ${n(disposed)}: ${share("confirmed")} منها مؤكدة و${share("false_positive")} إنذار كاذب؛ ` +
          `وما زال مفتوحًا: ${integer(open, lang, dg)}.`
        : "لم يعالج المدققون أي ملاحظة بعد؛ الملاحظات القائمة كلها مفتوحة.",
    ];
  return [
    f.total ? `The findings register holds ${n(f.total)} the detectors still raise: ${bySeverity}.` : "The detectors raise no finding.",
    `Findings about ${m}: ${integer(thisMonth, lang, dg)}, against ${integer(lastMonth, lang, dg)} about ${prev}` +
      (moved ? `; ${moves("", " moved most, from")}` : "; no rule changed."),
    disposed
      ? `Auditors have disposed of ${n(disposed)}: ${share("confirmed")} confirmed and ${share("false_positive")} false positives; ` +
        `still open: ${integer(open, lang, dg)}.`
      : "Auditors have disposed of no finding yet: every active finding is open.",
  ];
}

export function findingsPage(f: ReportFindings, lang: Lang, dg: Digits): string {
  const rows = f.by_rule.map((r) => [
    esc(ruleName(lang, r.rule)),
    esc(code(lang, r.severity)),
    num(integer(r.n, lang, dg)),
    num(integer(r.this_month, lang, dg)),
    num(integer(r.last_month, lang, dg)),
  ]);
  const head = [
    esc(t(lang, "rule")),
    esc(t(lang, "severity")),
    num(esc(t(lang, "report.findings.active"))),
    num(esc(month(f.period, lang, dg))),
    num(esc(month(previousPeriod(f.period), lang, dg))),
  ];
  return (
    `<section class="page" data-section="report.findings" data-total="${f.total}"><h2>${esc(t(lang, "report.findings"))}</h2>` +
    findingsSentences(f, lang, dg)
      .map((s) => para(s))
      .join("") +
    (rows.length ? table(head, rows, { cls: "findings" }) : "") +
    para(t(lang, "report.findings.explain"), "note") +
    `</section>`
  );
}
