// Row rules: valid rows load typed; each kind of broken row lands in quarantine with its line, raw text and rule.
import { describe, expect, it } from "vitest";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { employer, nationalId, wage } from "./helpers/rows.ts";
import { ingest, loadsOf, query, quarantineOf, workspace } from "./helpers/warehouse.ts";
import { C1, C2, registration } from "./helpers/registration.ts";

describe("valid rows", () => {
  it("load with their types, lineage and reconciled counts", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      {
        name: "wages_20261101.csv",
        entity: "wages",
        text: csv("wages", [wage("2026-10", "100000001", C1), wage("2026-10", "100000002", C2, { basic_wage: "45000.5" })]),
      },
    ]);
    const summary = await ingest(ws.inbox, ws.db);
    expect(summary.files.map((f) => f.status)).toEqual(["loaded", "loaded", "loaded"]);
    const wages = await query(
      ws.db,
      "SELECT employer_id, basic_wage, declared_at, _line, typeof(basic_wage) AS t FROM raw.wages ORDER BY _line",
    );
    expect(wages).toEqual([
      {
        employer_id: "100000001",
        basic_wage: "4000.00",
        declared_at: "2026-10-20T07:00:00.000Z",
        _line: 2,
        t: "DECIMAL(18,2)",
      },
      {
        employer_id: "100000002",
        basic_wage: "45000.50",
        declared_at: "2026-10-20T07:00:00.000Z",
        _line: 3,
        t: "DECIMAL(18,2)",
      },
    ]);
    for (const l of await loadsOf(ws.db)) expect(l.loaded + l.skipped + l.quarantined).toBe(l.rows);
  });

  it("keep their physical line through a BOM, CRLF line ends and blank lines", async () => {
    const ws = workspace();
    const [header, first, second] = csv("wages", [wage("2026-10", "100000001", C1), wage("2026-10", "100000002", C2)])
      .trimEnd()
      .split("\n");
    const text = `\uFEFF${header}\r\n\r\n${first}\r\n\r\n\r\n${second}\r\n\r\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      { name: "wages_20261101.csv", entity: "wages", text, manifest: { rows: 2 } },
    ]);
    await ingest(ws.inbox, ws.db);
    expect(await query(ws.db, "SELECT employer_id, _line FROM raw.wages ORDER BY _line")).toEqual([
      { employer_id: "100000001", _line: 3 },
      { employer_id: "100000002", _line: 6 },
    ]);
  });
});

describe("the lines of a file that is not laid out plainly", () => {
  const [header, first, second] = csv("wages", [wage("2026-10", "100000001", C1), wage("2026-10", "100000002", C2)])
    .trimEnd()
    .split("\n");
  const tooMany = `2026-07,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,portal,extra`;
  const spanning = `2026-03,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,"line one\nline two"`;
  const quoting = `2026-05,100000001,"${C1}"x,100.00,0.00,2026-10-20T10:00:00+03:00,portal`;
  const load = async (text: string, rows: number) => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      { name: "wages_20261101.csv", entity: "wages", text, manifest: { rows } },
    ]);
    const summary = await ingest(ws.inbox, ws.db);
    const lines = async (sql: string) => (await query<{ line: number }>(ws.db, sql)).map((r) => r.line);
    return {
      file: summary.files.at(-1)!,
      loaded: await lines("SELECT _line AS line FROM raw.wages ORDER BY _line"),
      quarantined: (await quarantineOf(ws.db)).map((q) => [q.line, q.rules[0], q.raw]),
    };
  };

  it("blank lines before the header and between rows, a record over two lines, rows DuckDB rejects: every physical line kept", async () => {
    const { file, loaded, quarantined } = await load(`\n\n${header}\n${spanning}\n\n${quoting}\n${tooMany}\n\n${first}\n${second}\n`, 5);
    expect([file.status, file.loaded, file.quarantined]).toEqual(["loaded", 3, 2]);
    expect(loaded).toEqual([4, 10, 11]);
    expect(quarantined).toEqual([
      [7, "broken_quoting", quoting],
      [8, "wrong_field_count", tooMany],
    ]);
  });

  it("unnamed columns (a trailing comma) and names that differ from the contract's only in case are extra columns", async () => {
    const trailing = await load(`${header},,\n${first},,\n${second},x,\n`, 2);
    expect([trailing.file.status, trailing.file.loaded, trailing.file.reason]).toEqual([
      "loaded",
      2,
      "extra columns ignored: (unnamed, column 8), (unnamed, column 9)",
    ]);
    const cased = await load(`${header},EMPLOYER_ID,_tahseel_line\n${first},x,1\n${second},y,2\n`, 2);
    expect([cased.file.status, cased.loaded, cased.file.reason]).toEqual([
      "loaded",
      [2, 3],
      "extra columns ignored: EMPLOYER_ID, _tahseel_line",
    ]);
  });
});

/** One wages file whose rows each break one rule; expected rule code per line. */
const brokenWages: { row: string; rule: string; what: string }[] = [
  {
    what: "negative amount",
    row: `2026-10,100000001,${C1},-5,0.00,2026-10-20T10:00:00+03:00,portal`,
    rule: "negative_amount:basic_wage",
  },
  {
    what: "three decimals",
    row: `2026-10,100000001,${C2},1.234,0.00,2026-10-20T10:00:00+03:00,portal`,
    rule: "bad_amount:basic_wage",
  },
  {
    what: "bad period",
    row: `2026-13,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,portal`,
    rule: "bad_period:period",
  },
  {
    what: "timestamp without offset",
    row: `2026-09,100000001,${C1},100.00,0.00,2026-10-20 10:00:00,portal`,
    rule: "bad_timestamp:declared_at",
  },
  {
    what: "empty required",
    row: `2026-08,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,`,
    rule: "required:declared_by",
  },
  {
    what: "unknown employer",
    row: `2026-10,100000009,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,portal`,
    rule: "unknown_reference:employer_id",
  },
  {
    what: "unknown contributor",
    row: `2026-10,100000001,${nationalId("100000077")},100.00,0.00,2026-10-20T10:00:00+03:00,portal`,
    rule: "unknown_reference:contributor_id",
  },
  {
    what: "too many fields",
    row: `2026-07,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,portal,extra`,
    rule: "wrong_field_count",
  },
  { what: "too few fields", row: `2026-06,100000001,${C1},100.00`, rule: "wrong_field_count" },
  {
    what: "junk after a closing quote",
    row: `2026-05,100000001,"${C1}"x,100.00,0.00,2026-10-20T10:00:00+03:00,portal`,
    rule: "broken_quoting",
  },
  {
    what: "quote inside an unquoted field",
    row: `2026-04,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,por"tal`,
    rule: "broken_quoting",
  },
];

describe("broken rows", () => {
  it("each go to quarantine with file, physical line, raw text and the rule broken; the rest loads", async () => {
    const ws = workspace();
    const good = `2026-10,100000002,${C2},100.00,0.00,2026-10-20T10:00:00+03:00,portal`;
    // A quoted field spanning two lines shifts every later physical line by one: the line numbers must follow.
    const multiline = `2026-03,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,"line one\nline two"`;
    const text = `${[
      "period,employer_id,contributor_id,basic_wage,housing_allowance,declared_at,declared_by",
      good,
      multiline,
      ...brokenWages.map((b) => b.row),
    ].join("\n")}\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      { name: "wages_20261101.csv", entity: "wages", text, manifest: { rows: 2 + brokenWages.length } },
    ]);
    await ingest(ws.inbox, ws.db);
    const q = await quarantineOf(ws.db);
    expect(q.map((r) => [r.line, r.rules[0]])).toEqual(brokenWages.map((b, i) => [5 + i, b.rule]));
    for (const [i, b] of brokenWages.entries()) {
      expect(q[i]!.raw, b.what).toBe(b.row);
      expect(q[i]!.file_name).toBe("wages_20261101.csv");
      expect(q[i]!.reasons.join(" ").length, b.what).toBeGreaterThan(10);
    }
    expect(await query(ws.db, "SELECT period, _line FROM raw.wages ORDER BY _line")).toEqual([
      { period: "2026-10", _line: 2 },
      { period: "2026-03", _line: 3 },
    ]);
    const [loads] = (await loadsOf(ws.db)).filter((l) => l.file_name.startsWith("wages"));
    expect(loads).toMatchObject({ status: "loaded", rows: 13, loaded: 2, skipped: 0, quarantined: 11 });
  });

  it("quarantines a record past DuckDB's 2 MiB maximum as too long, and loads the rows around it", async () => {
    const ws = workspace();
    const [header, first, second] = csv("wages", [wage("2026-10", "100000001", C1), wage("2026-10", "100000002", C2)])
      .trimEnd()
      .split("\n");
    const huge = `2026-09,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,${"x".repeat(2_200_000)}`;
    // Arabic, cut at 2 MiB mid-character, once made DuckDB fail to record its own rejection.
    const hugeArabic = `2026-08,100000001,${C1},100.00,0.00,2026-10-20T10:00:00+03:00,${"ع".repeat(1_600_000)}`;
    const text = `${[header, first, huge, hugeArabic, second].join("\n")}\n`;
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      { name: "wages_20261101.csv", entity: "wages", text, manifest: { rows: 4 } },
    ]);
    await ingest(ws.inbox, ws.db);
    const q = await quarantineOf(ws.db);
    expect(q.map((r) => [r.line, r.rules, r.raw?.length])).toEqual([
      [3, ["record_too_long"], huge.length],
      [4, ["record_too_long"], hugeArabic.length],
    ]);
    expect(await query(ws.db, "SELECT _line FROM raw.wages ORDER BY _line")).toEqual([{ _line: 2 }, { _line: 5 }]);
  });

  it("names every rule a row breaks, not just the first", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      {
        name: "employers_20261101.csv",
        entity: "employers",
        text: csv("employers", [
          employer("12345", { cr_number: "1010101010", region: "MARS", registered_on: "2026-12-01", status: "gone" }),
        ]),
      },
    ]);
    await ingest(ws.inbox, ws.db);
    const [row] = await quarantineOf(ws.db);
    expect(row!.rules.sort()).toEqual(["bad_enum:region", "bad_enum:status", "not_9_digits:employer_id", "registered_after_delivery"]);
    expect(row!.reasons.join("\n")).toContain("region: must be one of RIYADH");
    expect(row!.reasons.join("\n")).toContain('(got "MARS")');
  });

  it("checks the references of a row that breaks another rule too", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      {
        name: "wages_20261101.csv",
        entity: "wages",
        text: csv("wages", [wage("2026-10", "100000099", C1, { basic_wage: "-1.00" })]),
      },
    ]);
    await ingest(ws.inbox, ws.db);
    const [row] = await quarantineOf(ws.db);
    expect(row!.rules).toEqual(["negative_amount:basic_wage", "unknown_reference:employer_id"]);
    expect(row!.reasons[1]).toBe('employer_id: no employers row with employer_id = "100000099"');
  });

  it("quarantines an unterminated quote as its own line and keeps every row after it", async () => {
    const ws = workspace();
    const header = "payment_id,employer_id,amount,paid_at,channel,bank_code,invoice_id,reverses_payment_id,posted_by";
    const rows = [
      `P1,100000001,10.00,2026-11-10T09:30:00+03:00,sadad,"RJHI,SYSTEM`,
      `P2,100000001,20.00,2026-11-10T09:30:00+03:00,sadad,"RJHI",,,SYSTEM`,
      `P3,100000001,30.00,2026-11-10T09:30:00+03:00,cash,,,,SYSTEM`,
    ];
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      ...registration,
      {
        name: "payments_20261110.csv",
        entity: "payments",
        text: `${[header, ...rows].join("\n")}\n`,
        manifest: { rows: 3, control_total: "60.00" },
      },
    ]);
    await ingest(ws.inbox, ws.db);
    expect((await quarantineOf(ws.db)).map((q) => [q.line, q.rules[0], q.raw])).toEqual([[2, "broken_quoting", rows[0]]]);
    expect(await query(ws.db, "SELECT payment_id, _line FROM raw.payments ORDER BY 1")).toEqual([
      { payment_id: "P2", _line: 3 },
      { payment_id: "P3", _line: 4 },
    ]);
  });
});
