// The Benford chart's data (audit build only): marts.benford_digits as an index of the groups tested
// and one shard per group with its distributions, and the minimum counts and Nigrini's bands as the
// build used them (staging.rule_settings), so the page can say why a group is not tested.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import { benfordShard } from "../../../dashboards/components/benford-files.ts";
import type { BenfordChartData, BenfordIndex, BenfordLevel, BenfordResult, BenfordTestName } from "../page-data/benford.ts";
import { hasTable } from "./tables.ts";

type DigitRow = BenfordResult & { digit: number; hits: number; observed: number; expected: number };

async function settings(c: DuckDBConnection): Promise<Pick<BenfordIndex, "min_count" | "bands">> {
  const rows = await queryRows<{ param_name: string; value: string }>(
    c,
    "SELECT param_name, value FROM staging.rule_settings WHERE param_name LIKE 'detectors\\_benford\\_%' ESCAPE '\\'",
  );
  const v = (name: string) => Number(rows.find((r) => r.param_name === `detectors_benford_${name}`)?.value ?? Number.NaN);
  const bands = (t: BenfordTestName) => ({ close: v(`${t}_close`), acceptable: v(`${t}_acceptable`), marginal: v(`${t}_marginal`) });
  return {
    min_count: { first_digit: v("min_count_first_digit"), first_two: v("min_count_first_two") },
    bands: { first_digit: bands("first_digit"), first_two: bands("first_two") },
  };
}

export async function exportBenford(c: DuckDBConnection, shards: DataFiles): Promise<BenfordIndex | null> {
  if (!(await hasTable(c, "marts", "benford_digits"))) return null;
  const rows = await queryRows<DigitRow & Record<string, unknown>>(
    c,
    `SELECT test, population, level, group_id, amounts, CAST(mad AS DOUBLE) AS mad, conformity, digit, hits,
            CAST(observed AS DOUBLE) AS observed, CAST(expected AS DOUBLE) AS expected
     FROM marts.benford_digits ORDER BY level, group_id, population, test, digit`,
  );
  const groups = new Map<string, BenfordChartData[]>();
  for (const r of rows) {
    const file = benfordShard(r.level as BenfordLevel, r.group_id);
    const tests = groups.get(file) ?? [];
    groups.set(file, tests);
    let t = tests.find((x) => x.test === r.test && x.population === r.population);
    if (!t) {
      const { digit: _d, hits: _h, observed: _o, expected: _e, ...result } = r;
      t = { ...result, digits: [] };
      tests.push(t);
    }
    t.digits.push({ digit: r.digit, hits: r.hits, observed: r.observed, expected: r.expected });
  }
  for (const [file, tests] of groups) shards.write(file, tests);
  const index: BenfordIndex = {
    ...(await settings(c)),
    tested: [...groups.values()].flatMap((tests) => tests.map(({ digits: _, ...result }) => result)),
  };
  shards.write("benford/index.json", index);
  return index;
}
