// `tahseel findings` as the auditors run it (a child process): list, show with the evidence as a table
// and the delivered rows behind it, export and import; every bad input refused with exit code 2, the
// place and what to change, and nothing changed.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findingsCommand } from "../pipelines/cli/commands/findings.ts";
import type { FindingDetail } from "../pipelines/findings/query.ts";
import { query } from "./helpers/warehouse.ts";
import { context, P1, P2, place, runCli, type Place } from "./findings-support.ts";

let p: Place;
beforeAll(async () => {
  p = await place();
  await p.build();
  await findingsCommand.run({ db: p.db, status: "confirmed", by: "auditor.a", note: "checked", json: true }, ["dispose", P2], context);
}, 60_000);
afterAll(() => rmSync(p.dir, { recursive: true, force: true }));

const journal = () => join(p.dir, "warehouse.dispositions.csv");
/** Everything a refused command must leave as it was. */
const state = async () => ({
  findings: await query(p.db, "SELECT anomaly_id, status FROM audit.findings ORDER BY anomaly_id"),
  history: await query(p.db, "SELECT * EXCLUDE (recorded_at) FROM audit.finding_dispositions ORDER BY disposed_at"),
  journal: existsSync(journal()) ? readFileSync(journal(), "utf8") : null,
});

test("list filters the register and prints JSON with --json", async () => {
  const all = await runCli(["findings", "list", "--db", p.db, "--json"]);
  expect(all.code).toBe(0);
  const rows = JSON.parse(all.stdout) as { anomaly_id: string; severity: string; status: string; evidence: unknown }[];
  expect(rows.map((r) => [r.anomaly_id, r.severity, r.status])).toEqual([
    [P1, "critical", "open"],
    [P2, "high", "confirmed"],
  ]);
  expect(rows[0]!.evidence).toMatchObject({ amount: 60000, threshold: 10000 });
  const confirmed = await findingsCommand.run({ db: p.db, status: "confirmed", json: true }, ["list"], context);
  expect((confirmed.result as { anomaly_id: string }[]).map((r) => r.anomaly_id)).toEqual([P2]);
  const other = await findingsCommand.run({ db: p.db, employer: "100000002", json: true }, ["list"], context);
  expect(other.result).toEqual([]);
});

test("show prints the evidence as a table, the disposition history and the delivered row (delivery, file, line)", async () => {
  const shown = await runCli(["findings", "show", P2, "--db", p.db]);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(/^evidence\nfield\s+value\n-+\s+-+\namount\s+12000\n/m);
  expect(shown.stdout).toMatch(/^threshold\s+10000$/m);
  expect(shown.stdout).not.toContain('{"');
  expect(shown.stdout).toMatch(/confirmed\s+open\s+auditor\.a\s+checked/);
  expect(shown.stdout).toMatch(/payment\s+P2\s+d1\s+payments_20261111\.csv\s+3/);
  const detail = (await findingsCommand.run({ db: p.db, json: true }, ["show", P2], context)).result as FindingDetail;
  expect(detail.sources).toEqual([
    { entity: "payment", entity_id: "P2", delivery_id: "d1", file_name: "payments_20261111.csv", line: 3, load_id: expect.any(Number) },
  ]);
  const raw = await query(p.db, `SELECT payment_id, amount FROM raw.payments WHERE _load_id = ${detail.sources[0]!.load_id} AND _line = 3`);
  expect(raw).toEqual([{ payment_id: "P2", amount: "12000.00" }]);
});

test("a dispose of an unknown id or with an unknown status is refused, and nothing changes", async () => {
  const before = await state();
  const unknown = await runCli(["findings", "dispose", "no-such-id", "--status", "confirmed", "--by", "x", "--db", p.db]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("no finding no-such-id");
  expect(unknown.stderr).toContain("tahseel findings list");
  const status = await runCli(["findings", "dispose", P1, "--status", "closed", "--by", "x", "--db", p.db]);
  expect(status.code).toBe(2);
  expect(status.stderr).toContain("--status closed is not a status; use one of open, confirmed, false_positive, resolved, exempt");
  expect(await state()).toEqual(before);
});

test("a malformed dispositions file is refused whole, naming the line and column, and nothing changes", async () => {
  const before = await state();
  const good = (i: number) => `${i % 2 ? P1 : P2},resolved,auditor.b,2026-11-26T0${i}:00:00+03:00,batch ${i}`;
  const bad = join(p.dir, "bad.csv");
  // line 7 (the header is line 1) has a status that does not exist; every other line is good
  writeFileSync(
    bad,
    ["anomaly_id,status,by,at,note", ...[1, 2, 3, 4, 5].map(good), `${P1},done,auditor.b,2026-11-26T07:00:00+03:00,`].join("\n"),
  );
  const refused = await runCli(["findings", "import", bad, "--db", p.db]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`${bad} line 7, column 2 (status): "done" is not a status; use one of open, confirmed`);
  expect(refused.stderr).toContain("nothing was applied");
  expect(await state()).toEqual(before);

  writeFileSync(
    bad,
    `anomaly_id,status,by,at,note\n${good(1)}\nno-such-id,confirmed,auditor.b,2026-11-26T08:00:00+03:00,"a, quoted note"\n`,
  );
  const unknown = await runCli(["findings", "import", bad, "--db", p.db]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain(`${bad} line 3, column 1 (anomaly_id): no finding no-such-id`);
  expect(await state()).toEqual(before);
});

test("export then import: an edited file applies in time order, and importing it again changes nothing", async () => {
  const file = join(p.dir, "dispositions.csv");
  const exported = await runCli(["findings", "export", file, "--db", p.db]);
  expect(exported.code).toBe(0);
  const text = readFileSync(file, "utf8");
  expect(text).toMatch(
    /^anomaly_id,status,by,at,note\nbig_payment\|payment\|P2,confirmed,auditor\.a,2026-11-25T06:00:\d\d\.000Z,checked\n$/,
  );
  writeFileSync(file, `${text}${P1},false_positive,auditor.c,2026-12-01T09:00:00+03:00,"paid twice, refunded"\n`);
  const imported = await findingsCommand.run({ db: p.db, json: true }, ["import", file], context);
  expect(imported.result).toEqual({ file, rows: 2, applied: 1 });
  const again = await findingsCommand.run({ db: p.db, json: true }, ["import", file], context);
  expect(again.result).toEqual({ file, rows: 2, applied: 0 });
  expect(await query(p.db, `SELECT status, previous_status, note FROM audit.finding_dispositions WHERE anomaly_id = '${P1}'`)).toEqual([
    { status: "false_positive", previous_status: "open", note: "paid twice, refunded" },
  ]);
  expect((await state()).findings).toEqual([
    { anomaly_id: P1, status: "false_positive" },
    { anomaly_id: P2, status: "confirmed" },
  ]);
  expect((await state()).journal).toContain('"paid twice, refunded"');
});
