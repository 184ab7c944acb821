// The Findings page's Benford section (audit build): one group's leading-digit distribution charted
// against Benford's law — all amounts, one employer or one staff user, chosen in the URL
// (?benford=all | employer:ID | user:ID, with benford_population and benford_test) — its MAD and
// conformity, and the list of every group tested. A group below the test's minimum count has no
// distribution in marts.benford_digits: the section says so rather than chart noise.
import type {
  BenfordChartData,
  BenfordIndex,
  BenfordLevel,
  BenfordResult,
  BenfordTestName,
} from "../../pipelines/publish/page-data/benford.ts";
import { benfordChart } from "./benford-chart.js";
import { benfordShard } from "./benford-files.js";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { integer, numberLocale, percent } from "./format.js";
import { dataTable } from "./table.js";
import { fetchShard, param, setParams } from "./url.js";

const TESTS: BenfordTestName[] = ["first_digit", "first_two"];
const POPULATIONS = ["payments", "adjustments"];

interface Choice {
  level: BenfordLevel;
  id: string;
  population: string;
  test: BenfordTestName;
}

/** "all", "employer:ID" or "user:ID" (staff) as the URL writes it. */
const groupParam = (level: BenfordLevel, id: string) => (level === "all" ? "all" : `${level === "staff" ? "user" : "employer"}:${id}`);

function chosen(): Choice {
  const [kind, ...rest] = (param("benford") ?? "all").split(":");
  const id = rest.join(":");
  const level: BenfordLevel = kind === "employer" && id ? "employer" : kind === "user" && id ? "staff" : "all";
  const population = POPULATIONS.includes(param("benford_population") ?? "") ? param("benford_population")! : "payments";
  const test = (TESTS as string[]).includes(param("benford_test") ?? "") ? (param("benford_test") as BenfordTestName) : "first_digit";
  return { level, id: level === "all" ? "" : id, population, test };
}

const groupName = (ctx: Ctx, level: BenfordLevel, id: string) =>
  level === "all" ? ctx.w("benford.all") : `${ctx.w(level === "staff" ? "benford.level.user" : "benford.level.employer")} ${id}`;

/** A MAD or a band, to four places in the page's digits. */
const fixed4 = (ctx: Ctx) =>
  new Intl.NumberFormat(numberLocale(ctx.lang, ctx.digits), { minimumFractionDigits: 4, maximumFractionDigits: 4 });

function verdict(ctx: Ctx, r: BenfordResult, index: BenfordIndex): HTMLElement {
  const f = fixed4(ctx);
  const b = index.bands[r.test];
  const bands = (["close", "acceptable", "marginal"] as const).map((k) => `${ctx.w(`conformity.${k}`)} ≤ ${f.format(b[k])}`).join(" · ");
  return h(
    "p",
    { "data-benford-verdict": r.conformity, "data-mad": r.mad, "data-amounts": r.amounts },
    `${ctx.w("benford.mad")} ${f.format(r.mad)}: `,
    h(
      "span",
      { class: `pill ${r.conformity === "nonconformity" ? "high" : r.conformity === "marginal" ? "medium" : "pass"}` },
      ctx.w(`conformity.${r.conformity}`),
    ),
    ` (${bands}) · ${ctx.w("benford.amounts")}: ${integer(r.amounts, ctx.lang, ctx.digits)}`,
  );
}

function belowMinimum(ctx: Ctx, c: Choice, index: BenfordIndex): HTMLElement {
  const min = integer(index.min_count[c.test], ctx.lang, ctx.digits);
  const who = `${groupName(ctx, c.level, c.id)} — ${ctx.w(`benford.population.${c.population}`)}`;
  const test = ctx.w(`benford.test.${c.test}`);
  const text =
    ctx.lang === "ar"
      ? `${who}: أقل من ${min} مبلغ، وهو أقل عدد يحتاجه اختبار «${test}»؛ لذا لم تُختبر المجموعة ولا يُرسم توزيعها.`
      : `${who}: fewer than ${min} amounts, the least the ${test.toLowerCase()} test needs, so the group is not tested and not charted.`;
  return h("p", { class: "card hint", "data-benford-below": `${c.level}:${c.id || c.population}` }, text);
}

function digitTable(ctx: Ctx, d: BenfordChartData): HTMLElement {
  return h(
    "details",
    {},
    h("summary", {}, ctx.w("benford.digits")),
    dataTable({
      lang: ctx.lang,
      csv: `benford-${d.level}-${d.group_id}-${d.population}-${d.test}`,
      columns: [
        { key: "digit", label: ctx.w("digit"), numeric: true, show: (r) => integer(r.digit, ctx.lang, ctx.digits) },
        { key: "hits", label: ctx.w("benford.amounts"), numeric: true, show: (r) => integer(r.hits, ctx.lang, ctx.digits) },
        {
          key: "observed",
          label: ctx.w("benford.observed"),
          numeric: true,
          show: (r) => percent(r.observed.toFixed(6), ctx.lang, ctx.digits),
        },
        {
          key: "expected",
          label: ctx.w("benford.expected"),
          numeric: true,
          show: (r) => percent(r.expected.toFixed(6), ctx.lang, ctx.digits),
        },
      ],
      rows: d.digits,
      limit: 10,
    }),
  );
}

export function benfordSection(ctx: Ctx, index: BenfordIndex): HTMLElement {
  const shards = new Map<string, Promise<BenfordChartData[] | null>>();
  const body = h("div", { "data-benford-body": "" });
  const c = chosen();
  const level = h(
    "select",
    { name: "benford_level", onchange: () => void apply() },
    (["all", "employer", "staff"] as const).map((l) =>
      h("option", { value: l, selected: c.level === l }, ctx.w(`benford.level.${l === "staff" ? "user" : l}`)),
    ),
  ) as HTMLSelectElement;
  const id = h("input", {
    type: "search",
    name: "benford_id",
    placeholder: ctx.w("benford.id"),
    value: c.id,
    onchange: () => void apply(),
  });
  const pick = (name: string, values: string[], current: string, word: (v: string) => string) =>
    h(
      "select",
      { name, onchange: () => void apply() },
      values.map((v) => h("option", { value: v, selected: v === current }, word(v))),
    ) as HTMLSelectElement;
  const population = pick("benford_population", POPULATIONS, c.population, (v) => ctx.w(`benford.population.${v}`));
  const test = pick("benford_test", TESTS, c.test, (v) => ctx.w(`benford.test.${v}`));
  const apply = async () => {
    const l = level.value as BenfordLevel;
    const groupId = (id as HTMLInputElement).value.trim();
    setParams({
      benford: l !== "all" && !groupId ? "all" : groupParam(l, groupId),
      benford_population: population.value,
      benford_test: test.value,
    });
    await draw();
  };
  const draw = async () => {
    const now = chosen();
    const groupId = now.level === "all" ? now.population : now.id;
    const result = index.tested.find(
      (r) => r.level === now.level && r.group_id === groupId && r.population === now.population && r.test === now.test,
    );
    if (!result) {
      body.replaceChildren(belowMinimum(ctx, now, index));
      return;
    }
    const file = benfordShard(now.level, groupId);
    if (!shards.has(file)) shards.set(file, fetchShard<BenfordChartData[]>(file));
    const data = (await shards.get(file))?.find((t) => t.population === now.population && t.test === now.test);
    if (!data) {
      body.replaceChildren(belowMinimum(ctx, now, index));
      return;
    }
    body.replaceChildren(
      h(
        "h3",
        {},
        `${groupName(ctx, now.level, now.id)} — ${ctx.w(`benford.population.${now.population}`)} — ${ctx.w(`benford.test.${now.test}`)}`,
      ),
      verdict(ctx, result, index),
      benfordChart(ctx, data, index.bands[now.test].marginal),
      digitTable(ctx, data),
    );
  };
  void draw();
  const open = (r: BenfordResult) => {
    level.value = r.level;
    (id as HTMLInputElement).value = r.level === "all" ? "" : r.group_id;
    population.value = r.population;
    test.value = r.test;
    void apply();
  };
  const tested = dataTable({
    lang: ctx.lang,
    csv: "benford-groups-tested",
    limit: 12,
    columns: [
      {
        key: "group_id",
        label: ctx.w("benford.group"),
        show: (r) =>
          h(
            "a",
            {
              href: `?${new URLSearchParams({
                benford: groupParam(r.level, r.group_id),
                benford_population: r.population,
                benford_test: r.test,
              })}#benford`,
              "data-benford-link": `${r.level}:${r.group_id}`,
              onclick: (e: Event) => {
                e.preventDefault();
                open(r);
              },
            },
            groupName(ctx, r.level, r.level === "all" ? "" : r.group_id),
          ),
      },
      { key: "population", label: ctx.w("benford.population"), show: (r) => ctx.w(`benford.population.${r.population}`) },
      { key: "test", label: ctx.w("benford.test"), show: (r) => ctx.w(`benford.test.${r.test}`) },
      { key: "amounts", label: ctx.w("benford.amounts"), numeric: true, show: (r) => integer(r.amounts, ctx.lang, ctx.digits) },
      { key: "mad", label: ctx.w("benford.mad"), numeric: true, show: (r) => fixed4(ctx).format(r.mad) },
      { key: "conformity", label: ctx.w("status"), show: (r) => ctx.w(`conformity.${r.conformity}`) },
    ],
    rows: index.tested,
  });
  return section(
    "benford",
    ctx.w("findings.benford"),
    h("p", { class: "hint" }, ctx.w("benford.explain")),
    h("div", { class: "filters" }, level, id, population, test),
    body,
    h("div", { class: "card wide" }, h("h3", {}, ctx.w("benford.tested")), index.tested.length ? tested : h("p", { class: "hint" }, "—")),
  );
}
