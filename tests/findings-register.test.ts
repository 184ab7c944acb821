// The findings register across builds: streaks counted, findings that stop firing kept, dispositions
// that survive a full rebuild and a re-ingest into a fresh warehouse, and one alert per new critical finding.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { findingsCommand } from "../pipelines/cli/commands/findings.ts";
import { OUTBOX_FILE } from "../pipelines/alerts/outbox.ts";
import { runJob } from "../pipelines/schedule/runner.ts";
import { ingest, query } from "./helpers/warehouse.ts";
import { context, P1, P2, place, type Place } from "./findings-support.ts";

let p: Place | undefined;
afterEach(() => {
  if (p) rmSync(p.dir, { recursive: true, force: true });
  p = undefined;
});

const register = (db: string) =>
  query<{
    anomaly_id: string;
    seen_state: string;
    runs_in_a_row: number;
    occurrence: number;
    status: string;
    first_seen_run: string;
    last_seen_run: string;
  }>(
    db,
    `SELECT anomaly_id, seen_state, runs_in_a_row, occurrence, status, first_seen_run, last_seen_run
     FROM audit.findings ORDER BY anomaly_id`,
  );
const outbox = (dir: string) =>
  existsSync(join(dir, OUTBOX_FILE))
    ? readFileSync(join(dir, OUTBOX_FILE), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
    : [];
const dispose = (db: string, id: string, status: string, note?: string) =>
  findingsCommand.run({ db, status, by: "auditor.a", ...(note ? { note } : {}), json: true }, ["dispose", id], context);

test("runs in a row are counted; a finding that stops firing is kept as no longer seen, and comes back as a new occurrence", async () => {
  p = await place();
  const first = await p.build();
  expect(first.findings).toMatchObject({ seen: 2, new: 2, noLongerSeen: 0 });
  await p.build();
  let rows = await register(p.db);
  expect(rows.map((r) => [r.anomaly_id, r.seen_state, r.runs_in_a_row])).toEqual([
    [P1, "active", 2],
    [P2, "active", 2],
  ]);
  expect(rows[0]!.first_seen_run).toBe(first.runId);

  p.threshold(20000); // the detector changes: P2 (12,000 SAR) no longer fires
  const third = await p.build();
  expect(third.findings).toMatchObject({ seen: 1, new: 0, noLongerSeen: 1 });
  rows = await register(p.db);
  expect(rows.map((r) => [r.anomaly_id, r.seen_state, r.runs_in_a_row, r.occurrence])).toEqual([
    [P1, "active", 3, 1],
    [P2, "no_longer_seen", 0, 1],
  ]);
  expect(rows[1]!.last_seen_run).not.toBe(third.runId);

  p.threshold(10000);
  const fourth = await p.build();
  expect(fourth.findings).toMatchObject({ seen: 2, new: 0, returned: 1 });
  rows = await register(p.db);
  expect(rows.map((r) => [r.anomaly_id, r.seen_state, r.runs_in_a_row, r.occurrence])).toEqual([
    [P1, "active", 4, 1],
    [P2, "active", 1, 2],
  ]);
});

test("a disposition survives a full rebuild and a re-ingest into a fresh warehouse", async () => {
  p = await place();
  await p.build();
  await dispose(p.db, P2, "confirmed", "same amount twice, see the bank statement");
  await dispose(p.db, P1, "false_positive");
  const history = () =>
    query(p!.db, "SELECT anomaly_id, status, previous_status, disposed_by, note FROM audit.finding_dispositions ORDER BY disposed_at");
  const before = await history();
  expect(before).toEqual([
    {
      anomaly_id: P2,
      status: "confirmed",
      previous_status: "open",
      disposed_by: "auditor.a",
      note: "same amount twice, see the bank statement",
    },
    { anomaly_id: P1, status: "false_positive", previous_status: "open", disposed_by: "auditor.a", note: null },
  ]);

  // full rebuild: every model's table dropped and built again
  await query(p.db, "DROP SCHEMA marts CASCADE; DELETE FROM audit.model_state");
  expect((await p.build()).models.map((m) => m.status)).toEqual(["built"]);
  expect((await register(p.db)).map((r) => [r.anomaly_id, r.status, r.runs_in_a_row])).toEqual([
    [P1, "false_positive", 2],
    [P2, "confirmed", 2],
  ]);

  // a fresh warehouse from the inbox: the journal beside it brings the decisions back on the first build
  rmSync(p.db);
  rmSync(`${p.db}.wal`, { force: true });
  await ingest(p.inbox, p.db);
  const rebuilt = await p.build();
  expect(rebuilt.findings).toMatchObject({ new: 2, replayed: 2 });
  expect((await register(p.db)).map((r) => [r.anomaly_id, r.status, r.runs_in_a_row])).toEqual([
    [P1, "false_positive", 1],
    [P2, "confirmed", 1],
  ]);
  expect(await history()).toEqual(before);
  await p.build(); // replaying again records nothing twice
  expect(await history()).toEqual(before);
});

test("a new critical finding raises one alert across builds; an exempt one that fires again raises none", async () => {
  p = await place();
  await p.build();
  await p.build();
  let alerts = outbox(p.alerts);
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({ key: `finding:${P1}`, occurrence: 1, kind: "finding", severity: "critical" });
  expect(alerts[0].detail.evidence).toMatchObject({ threshold: 10000 });
  expect(await query(p.db, "SELECT alert_key, occurrence, state, delivered_at IS NOT NULL AS delivered FROM audit.alerts")).toEqual([
    { alert_key: `finding:${P1}`, occurrence: 1, state: "new", delivered: true },
  ]);

  await dispose(p.db, P1, "exempt", "head office account, reviewed yearly");
  p.threshold(100000); // P1 stops firing …
  await p.build();
  p.threshold(10000); // … and fires again: a second occurrence, but exempt
  await p.build();
  expect((await register(p.db)).find((r) => r.anomaly_id === P1)).toMatchObject({ occurrence: 2, status: "exempt", seen_state: "active" });
  alerts = outbox(p.alerts);
  expect(alerts).toHaveLength(1);
});

test("a scheduled build folds the register and writes its alert to the configured outbox", async () => {
  p = await place();
  const outboxDir = join(p.dir, "outbox");
  const settings = {
    db: p.db,
    inbox: p.inbox,
    models: p.models,
    rules: "config/rules.json",
    lockDir: join(p.dir, "locks"),
    alertsDir: outboxDir,
  };
  const retry = { attempts: 1, initial_delay_seconds: 0, factor: 1, max_delay_seconds: 0 };
  const job = { name: "nightly", steps: ["build" as const], as_of: "latest" as const };
  const outcome = await runJob({ job, settings: { ...settings, timezone: "Asia/Riyadh" }, retry }, { context, gitSha: () => "c0ffee" });
  expect(outcome.status).toBe("success");
  expect((await register(p.db)).map((r) => [r.anomaly_id, r.first_seen_run])).toEqual([
    [P1, outcome.runId],
    [P2, outcome.runId],
  ]);
  expect(outbox(outboxDir).map((a) => [a.key, a.run_id])).toEqual([[`finding:${P1}`, outcome.runId]]);
  expect(existsSync(p.alerts)).toBe(false);
});
