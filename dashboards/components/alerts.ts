// The Alerts view (audit build): the alerts raised from the warehouse counted by state and by rule,
// then the list — message in the page's language, when raised, its state and who set it, and a link
// to what it is about — with its filters in the URL and a CSV of the filtered rows.
import type { AlertCount, AlertRow, AlertsData } from "../../pipelines/publish/page-data/alerts.ts";
import { ALERT_NOUN, alertMessage, alertRuleLabel, alertSeverityLabel, alertStateLabel, alertTarget } from "./alerts-labels.js";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { integer, riyadhTime } from "./format.js";
import { allRows, fetchPage } from "./paged.js";
import { plural } from "./plural.js";
import { dataTable } from "./table.js";
import { param, setParams } from "./url.js";

export const ALERT_STATES = ["new", "acknowledged", "closed"] as const;
const SEVERITIES = ["critical", "high", "medium", "low"];
const FILTERS = ["state", "rule", "severity", "employer"] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Partial<Record<Filter, string>>;

/** Alerts of a state, `open` being new or acknowledged. */
export const inState = (state: string | undefined, wanted: string | undefined) =>
  !wanted || state === wanted || (wanted === "open" && state !== "closed");

export const sumWhere = (counts: AlertCount[], keep: (c: AlertCount) => boolean) => counts.filter(keep).reduce((a, c) => a + c.n, 0);

/** Per rule, how many alerts are in each state. */
function byRule(counts: AlertCount[]): { kind: string; new: number; acknowledged: number; closed: number; total: number }[] {
  const kinds = [...new Set(counts.map((c) => c.kind))].sort();
  return kinds.map((kind) => {
    const n = (state: string) => sumWhere(counts, (c) => c.kind === kind && c.state === state);
    return { kind, new: n("new"), acknowledged: n("acknowledged"), closed: n("closed"), total: sumWhere(counts, (c) => c.kind === kind) };
  });
}

function summary(ctx: Ctx, d: AlertsData): HTMLElement {
  const filterLink = (text: string, params: Filters) =>
    ctx.audit ? h("a", { href: `?${new URLSearchParams(params as Record<string, string>)}#list`, "data-filter": "1" }, text) : text;
  const count = (n: number, params: Filters) => filterLink(integer(n, ctx.lang, ctx.digits), params);
  const open = sumWhere(d.counts, (c) => c.state !== "closed");
  return section(
    "summary",
    ctx.w("alerts.summary"),
    h(
      "p",
      { class: "lead" },
      figure(plural(d.total, ALERT_NOUN, ctx.lang, ctx.digits), d.total, { "data-figure": "alerts-total" }),
      " · ",
      `${ctx.w("alerts.open")}: `,
      figure(integer(open, ctx.lang, ctx.digits), open, { "data-figure": "alerts-open" }),
    ),
    h(
      "ul",
      { class: "state-counts" },
      ALERT_STATES.map((s) => {
        const n = sumWhere(d.counts, (c) => c.state === s);
        return h("li", { "data-count": `state:${s}`, "data-value": n }, `${alertStateLabel(ctx, s)}: `, count(n, { state: s }));
      }),
    ),
    d.total === 0
      ? h("p", { class: "hint" }, ctx.w("alerts.none"))
      : dataTable({
          lang: ctx.lang,
          csv: "alerts-by-rule",
          columns: [
            { key: "kind", label: ctx.w("rule"), show: (r) => filterLink(alertRuleLabel(ctx, r.kind), { rule: r.kind }) },
            ...ALERT_STATES.map((s) => ({
              key: s,
              label: alertStateLabel(ctx, s),
              numeric: true,
              show: (r: ReturnType<typeof byRule>[number]) => count(r[s], { rule: r.kind, state: s }),
            })),
            { key: "total", label: ctx.w("total"), numeric: true, show: (r) => integer(r.total, ctx.lang, ctx.digits) },
          ],
          rows: byRule(d.counts),
          rowAttrs: (r) => ({ "data-count": `rule:${r.kind}` }),
        }),
    ctx.audit ? "" : h("p", { class: "note" }, ctx.w("alerts.management")),
  );
}

const matches = (r: AlertRow, f: Filters) =>
  inState(r.state, f.state) &&
  (!f.rule || r.kind === f.rule) &&
  (!f.severity || r.severity === f.severity) &&
  (!f.employer || r.employer_id === f.employer);

function select(ctx: Ctx, name: Filter, options: string[], label: (k: string) => string, onChange: () => void): HTMLSelectElement {
  return h(
    "select",
    { name, "data-filter-select": name, onchange: onChange },
    h("option", { value: "" }, `${ctx.w(name === "state" ? "status" : name)}: ${ctx.w("all")}`),
    options.map((o) => h("option", { value: o, selected: param(name) === o }, label(o))),
  );
}

const moment = (ctx: Ctx, iso: string) => h("span", { class: "num" }, riyadhTime(iso, ctx.lang, ctx.digits));

function table(ctx: Ctx, rows: AlertRow[]): HTMLElement {
  return dataTable({
    lang: ctx.lang,
    csv: "alerts",
    limit: 50,
    columns: [
      { key: "raised_at", label: ctx.w("alerts.raised_at"), show: (r) => moment(ctx, r.raised_at) },
      {
        key: "severity",
        label: ctx.w("severity"),
        show: (r) => h("span", { class: `pill ${r.severity}` }, alertSeverityLabel(ctx, r.severity)),
      },
      { key: "kind", label: ctx.w("rule"), show: (r) => alertRuleLabel(ctx, r.kind) },
      {
        key: ctx.lang === "ar" ? "message_ar" : "message_en",
        label: ctx.w("alerts.message"),
        value: (r) => (ctx.lang === "ar" ? (r.message_ar ?? r.message_en) : r.message_en),
        show: (r) => h("span", { class: "alert-message" }, alertMessage(ctx, r)),
      },
      { key: "ref", label: ctx.w("alerts.about"), show: (r) => alertTarget(ctx, r) },
      { key: "state", label: ctx.w("status"), show: (r) => alertStateLabel(ctx, r.state) },
      { key: "state_by", label: ctx.w("alerts.state_by"), show: (r) => (r.state === "new" ? "—" : r.state_by) },
      { key: "state_at", label: ctx.w("alerts.state_at"), show: (r) => (r.state === "new" ? "—" : moment(ctx, r.state_at)) },
      { key: "alert_key", label: ctx.w("alerts.key"), show: (r) => h("code", { class: "alert-key" }, `${r.alert_key} #${r.occurrence}`) },
    ],
    rows,
    rowAttrs: (r) => ({ "data-alert": `${r.alert_key}#${r.occurrence}`, "data-state": r.state }),
  });
}

async function list(ctx: Ctx, d: AlertsData): Promise<HTMLElement> {
  const first = d.list ? await fetchPage<AlertRow>(d.list.base) : null;
  const rows = first && d.list ? await allRows(d.list.base, first) : [];
  const present = (f: (r: AlertRow) => string) => [...new Set(rows.map(f))];
  const refresh = () => {
    const f: Filters = {};
    for (const [name, el] of Object.entries(selects)) f[name as Filter] = el.value || undefined;
    f.employer = employer.value.trim() || undefined;
    setParams({ ...f });
    draw(f);
  };
  const selects = {
    state: select(ctx, "state", ["open", ...ALERT_STATES], (s) => alertStateLabel(ctx, s), refresh),
    rule: select(ctx, "rule", present((r) => r.kind).sort(), (k) => alertRuleLabel(ctx, k), refresh),
    severity: select(
      ctx,
      "severity",
      SEVERITIES.filter((s) => rows.some((r) => r.severity === s)),
      (s) => alertSeverityLabel(ctx, s),
      refresh,
    ),
  };
  const employer = h("input", {
    type: "search",
    name: "employer",
    placeholder: ctx.w("employer_id"),
    value: param("employer") ?? "",
    onchange: refresh,
  }) as HTMLInputElement;
  const holder = h("div");
  const draw = (f: Filters) => {
    const shown = rows.filter((r) => matches(r, f));
    holder.replaceChildren(
      h("p", { "data-figure": "alerts-shown", "data-value": shown.length }, plural(shown.length, ALERT_NOUN, ctx.lang, ctx.digits)),
      table(ctx, shown),
    );
  };
  draw(Object.fromEntries(FILTERS.map((k) => [k, param(k) ?? undefined])) as Filters);
  return h("div", { class: "alerts-list" }, h("div", { class: "filters" }, Object.values(selects), employer), holder);
}

export async function renderAlerts(ctx: Ctx, d: AlertsData): Promise<HTMLElement> {
  const root = h("div", { class: "tahseel-page", "data-page": "alerts" }, h("h1", {}, ctx.w("page.alerts")), summary(ctx, d));
  if (ctx.audit && d.list) root.append(section("list", ctx.w("alerts.list"), await list(ctx, d)));
  return root;
}
