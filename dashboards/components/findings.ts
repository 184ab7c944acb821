// The Findings page: what the detectors raise, counted by rule, severity and status, what is new since
// the last run, the trend by month and — audit build — the list with its filters in the URL (and a CSV
// of the filtered rows), each finding opening its detail. The management build shows counts only.
import type { Count, FindingRow, FindingsSummary } from "../../pipelines/publish/export/findings-types.ts";
import { benfordSection } from "./benford.js";
import { linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { renderFindingDetail } from "./findings-detail.js";
import { integer } from "./format.js";
import { ruleLabel, severityLabel, statusLabel } from "./findings-labels.js";
import { nameOf } from "./links.js";
import { allRows, fetchPage } from "./paged.js";
import { NOUNS, plural } from "./plural.js";
import { dataTable } from "./table.js";
import { param, setParams } from "./url.js";

const FILTERS = ["rule", "severity", "status", "employer", "user"] as const;
type Filter = (typeof FILTERS)[number];

function countTable(ctx: Ctx, name: string, rows: Count[], label: (key: string) => string, filter?: Filter): HTMLElement {
  return dataTable({
    lang: ctx.lang,
    csv: `findings-by-${name}`,
    columns: [
      {
        key: "key",
        label: ctx.w(name),
        show: (r) =>
          filter && ctx.audit
            ? h("a", { href: `?${new URLSearchParams({ [filter]: r.key })}#list`, "data-filter": filter }, label(r.key))
            : label(r.key),
      },
      { key: "n", label: ctx.w("count"), numeric: true, show: (r) => integer(r.n, ctx.lang, ctx.digits) },
    ],
    rows,
    rowAttrs: (r) => ({ "data-count": `${name}:${r.key}` }),
  });
}

function summary(ctx: Ctx, d: FindingsSummary): HTMLElement {
  const fresh = d.new_since_last;
  return section(
    "summary",
    ctx.w("findings.summary"),
    h(
      "p",
      { class: "lead" },
      figure(plural(d.total, NOUNS.finding, ctx.lang, ctx.digits), d.total, { "data-figure": "findings-total" }),
      fresh ? " · " : "",
      fresh ? figure(`${integer(fresh.n, ctx.lang, ctx.digits)} ${ctx.w("findings.new")}`, fresh.n, { "data-figure": "findings-new" }) : "",
    ),
    h(
      "div",
      { class: "grid-figures" },
      h(
        "div",
        { class: "card" },
        h("h3", {}, ctx.w("findings.by_severity")),
        countTable(ctx, "severity", d.by_severity, (k) => severityLabel(ctx, k), "severity"),
      ),
      d.by_status
        ? h(
            "div",
            { class: "card" },
            h("h3", {}, ctx.w("findings.by_status")),
            countTable(ctx, "status", d.by_status, (k) => statusLabel(ctx, k), "status"),
          )
        : "",
      h(
        "div",
        { class: "card wide" },
        h("h3", {}, ctx.w("findings.by_rule")),
        countTable(ctx, "rule", d.by_rule, (k) => ruleLabel(ctx, k), "rule"),
      ),
    ),
    ctx.audit ? "" : h("p", { class: "note" }, ctx.w("findings.management")),
  );
}

function trend(ctx: Ctx, d: FindingsSummary): HTMLElement | string {
  if (!d.by_month?.length) return "";
  const label = ctx.w("findings.trend");
  return section(
    "trend",
    label,
    linesOverTime(
      ctx,
      d.by_month.map((m) => ({ period: m.month, series: ctx.w("page.findings"), value: String(m.n) })),
      { label, height: 200 },
    ),
  );
}

const matches = (r: FindingRow, f: Partial<Record<Filter, string>>) =>
  (!f.rule || r.rule === f.rule) &&
  (!f.severity || (r.severity ?? "none") === f.severity) &&
  (!f.status || r.status === f.status) &&
  (!f.employer || r.employer_id === f.employer) &&
  (!f.user || (r.users ?? []).includes(f.user));

function select(ctx: Ctx, name: Filter, options: string[], label: (k: string) => string, onChange: () => void): HTMLSelectElement {
  const el = h(
    "select",
    { name, "data-filter-select": name, onchange: onChange },
    h("option", { value: "" }, `${ctx.w(name)}: ${ctx.w("all")}`),
    options.map((o) => h("option", { value: o, selected: param(name) === o }, label(o))),
  );
  return el;
}

async function list(ctx: Ctx, d: FindingsSummary, detail: HTMLElement): Promise<HTMLElement> {
  const holder = h("div", { class: "findings-list" });
  const first = d.list ? await fetchPage<FindingRow>(d.list.base) : null;
  const rows = first && d.list ? await allRows(d.list.base, first) : [];
  const unique = (f: (r: FindingRow) => string | null) => [...new Set(rows.map(f).filter((v): v is string => !!v))].sort();
  const refresh = () => {
    const f: Partial<Record<Filter, string>> = {};
    for (const [name, el] of Object.entries(selects)) f[name as Filter] = el.value || undefined;
    f.employer = employer.value.trim() || undefined;
    setParams({ ...f });
    draw(f);
  };
  const selects = {
    rule: select(
      ctx,
      "rule",
      unique((r) => r.rule),
      (k) => ruleLabel(ctx, k),
      refresh,
    ),
    severity: select(
      ctx,
      "severity",
      unique((r) => r.severity ?? "none"),
      (k) => severityLabel(ctx, k),
      refresh,
    ),
    status: select(
      ctx,
      "status",
      unique((r) => r.status),
      (k) => statusLabel(ctx, k),
      refresh,
    ),
    // the staff users findings name (the Staff page links here with ?user=)
    user: select(ctx, "user", [...new Set(rows.flatMap((r) => r.users ?? []))].sort(), (k) => k, refresh),
  };
  const employer = h("input", {
    type: "search",
    name: "employer",
    placeholder: ctx.w("employer_id"),
    value: param("employer") ?? "",
    onchange: refresh,
  }) as HTMLInputElement;
  const tableHolder = h("div");
  const open = (r: FindingRow) => {
    setParams({ id: r.key });
    void renderFindingDetail(ctx, r.key, detail);
  };
  const draw = (f: Partial<Record<Filter, string>>) => {
    const shown = rows.filter((r) => matches(r, f));
    tableHolder.replaceChildren(
      h("p", { "data-figure": "findings-shown", "data-value": shown.length }, plural(shown.length, NOUNS.finding, ctx.lang, ctx.digits)),
      dataTable({
        lang: ctx.lang,
        csv: "findings",
        limit: 50,
        columns: [
          {
            key: "anomaly_id",
            label: ctx.w("anomaly_id"),
            show: (r) =>
              h(
                "a",
                {
                  href: `?id=${r.key}#detail`,
                  "data-finding": r.key,
                  onclick: (e: Event) => {
                    e.preventDefault();
                    open(r);
                  },
                },
                r.anomaly_id,
              ),
          },
          { key: "rule", label: ctx.w("rule"), show: (r) => ruleLabel(ctx, r.rule) },
          { key: "severity", label: ctx.w("severity"), show: (r) => severityLabel(ctx, r.severity) },
          { key: "status", label: ctx.w("status"), show: (r) => statusLabel(ctx, r.status) },
          { key: "employer_id", label: ctx.w("employer"), show: (r) => nameOf(ctx, r) ?? r.employer_id ?? "—" },
          { key: "period", label: ctx.w("period") },
          { key: "seen_state", label: ctx.w("seen_state"), show: (r) => ctx.w(`seen.${r.seen_state}`) },
          { key: "is_new", label: ctx.w("is_new"), show: (r) => (r.is_new ? "●" : "") },
        ],
        rows: shown,
        highlight: (r) => r.key === param("id"),
        rowAttrs: (r) => ({ "data-row-finding": r.key }),
      }),
    );
  };
  const initial = Object.fromEntries(FILTERS.map((k) => [k, param(k) ?? undefined])) as Partial<Record<Filter, string>>;
  draw(initial);
  holder.append(h("div", { class: "filters" }, Object.values(selects), employer), tableHolder);
  return holder;
}

export async function renderFindings(ctx: Ctx, d: FindingsSummary): Promise<HTMLElement> {
  const root = h(
    "div",
    { class: "tahseel-page", "data-page": "findings" },
    h("h1", {}, ctx.w("page.findings")),
    summary(ctx, d),
    trend(ctx, d),
  );
  if (ctx.audit && d.list) {
    const detail = h("div", { "data-finding-detail": "" }, h("p", { class: "hint" }, ctx.w("findings.pick")));
    root.append(section("list", ctx.w("findings.list"), await list(ctx, d, detail)), section("detail", ctx.w("findings.detail"), detail));
    if (d.benford) root.append(benfordSection(ctx, d.benford));
    const id = param("id");
    if (id) await renderFindingDetail(ctx, id, detail);
  }
  return root;
}
