// `tahseel alerts list|ack|close` and the open alerts in `tahseel status`, run as the user runs them
// (bin/tahseel.js in a child process) against a warehouse built by the real engine; then a rebuild of
// the same data leaves what people decided as it was and raises nothing.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { A, alertsConfig, alertWorld, type AlertWorld, LATE } from "./alerts-support.ts";

const BIN = join(import.meta.dirname, "..", "bin", "tahseel.js");

function tahseel(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

let w: AlertWorld;
beforeAll(async () => {
  w = await alertWorld();
  await w.build(LATE, alertsConfig(24));
}, 120_000);
afterAll(() => w?.close());

test("alerts are listed, acknowledged and closed by a person; status shows the open ones", async () => {
  const db = ["--db", w.db];
  const listed = await tahseel(["alerts", "list", ...db, "--json"]);
  expect(listed.code).toBe(0);
  const all = JSON.parse(listed.stdout) as { alert_key: string; state: string; subject_ar: string }[];
  expect(all).toHaveLength(6); // A's arrears are critical, and so is its risk tier (tests/alert-rules.test.ts)
  expect(all.every((a) => a.state === "new" && a.subject_ar.length > 0)).toBe(true);

  const ack = await tahseel(["alerts", "ack", `arrears_critical:${A}`, "--by", "collector.a", "--note", "called the owner", ...db]);
  expect(ack).toMatchObject({ code: 0, stdout: `arrears_critical:${A} (occurrence 1): acknowledged by collector.a\n` });
  const again = await tahseel(["alerts", "ack", `arrears_critical:${A}`, "--by", "collector.a", ...db]);
  expect(again.stdout).toBe(`arrears_critical:${A} (occurrence 1): already acknowledged\n`);
  const acknowledged = JSON.parse((await tahseel(["alerts", "list", "--state", "acknowledged", ...db, "--json"])).stdout);
  expect(acknowledged).toMatchObject([{ alert_key: `arrears_critical:${A}`, state_by: "collector.a", state_note: "called the owner" }]);

  expect((await tahseel(["alerts", "close", "source_stale:invoices", "--by", "ops", "--note", "source on holiday", ...db])).code).toBe(0);
  const closed = await tahseel(["alerts", "ack", "source_stale:invoices", ...db]);
  expect(closed.code).toBe(2);
  expect(closed.stderr).toContain("alert source_stale:invoices (occurrence 1) is closed already (by ops");

  const unknown = await tahseel(["alerts", "ack", "source_stale:invoice", ...db]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no alert with key source_stale:invoice (did you mean "source_stale:invoices"?)');
  const badState = await tahseel(["alerts", "list", "--state", "open", ...db]);
  expect(badState.code).toBe(2);
  expect(badState.stderr).toContain("--state open is not a state; use one of new, acknowledged, closed");

  const status = await tahseel(["status", ...db]);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain("Open alerts: 5 (2 critical, 2 high, 1 medium); newest:");
  expect(status.stdout).toContain(`acknowledged arrears_critical:${A}`);
  expect(status.stdout).not.toContain("source_stale:invoices");

  // The same data built again: the acknowledgement and the closing stand, nothing is raised.
  const rebuilt = await w.build(LATE, alertsConfig(24));
  expect(rebuilt.alerts).toMatchObject({ holding: 6, raised: 0 });
  const after = JSON.parse((await tahseel(["alerts", "list", ...db, "--json"])).stdout) as { alert_key: string; state: string }[];
  expect(Object.fromEntries(after.map((a) => [a.alert_key, a.state]))).toMatchObject({
    [`arrears_critical:${A}`]: "acknowledged",
    "source_stale:invoices": "closed",
    "objection_sla_breached:OBJ-B": "new",
  });
  expect(after).toHaveLength(6);
}, 300_000);
