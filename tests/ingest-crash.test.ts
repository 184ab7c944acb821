// A crash or kill at any moment leaves the warehouse as it was before the file; running again finishes
// the job, and the result equals a clean run. Also: a warehouse locked by another process is refused.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { contributor, employer, nationalId, payment, wage } from "./helpers/rows.ts";
import { ingest, query, workspace } from "./helpers/warehouse.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = ["--import", "tsx", join(ROOT, "pipelines", "cli", "main.ts")];

function bigInbox(inbox: string): void {
  const ids = Array.from({ length: 50 }, (_, i) => nationalId(String(100000100 + i)));
  const pays = Array.from({ length: 150_000 }, (_, i) =>
    payment(`P${i}`, i % 2 ? "100000001" : "100000002", `${(i % 900) + 1}.25`, {
      paid_at: "2026-11-10T09:30:00+03:00",
    }),
  );
  writeDelivery(inbox, "d1", "2026-11-01T02:00:00+03:00", [
    {
      name: "employers_20261101.csv",
      entity: "employers",
      text: csv("employers", [employer("100000001"), employer("100000002")]),
    },
    {
      name: "contributors_20261101.csv",
      entity: "contributors",
      text: csv(
        "contributors",
        ids.map((id) => contributor(id)),
      ),
    },
    {
      name: "wages_20261101.csv",
      entity: "wages",
      text: csv(
        "wages",
        ids.flatMap((id) => ["2026-09", "2026-10"].map((p) => wage(p, "100000001", id))),
      ),
    },
    { name: "payments_20261110.csv", entity: "payments", text: csv("payments", pays) },
  ]);
  writeDelivery(inbox, "d2", "2026-11-02T02:00:00+03:00", [
    {
      name: "payments_20261111.csv",
      entity: "payments",
      text: csv(
        "payments",
        pays.slice(0, 50_000).map((p) => ({ ...p, payment_id: `Q${p.payment_id}` })),
      ),
    },
  ]);
}

/** Starts `tahseel ingest` and kills it with SIGKILL after `ms`, or lets it finish when ms is null. */
function runCli(args: string[], killAfterMs: number | null): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const state = async (db: string) => ({
  payments: await query(db, "SELECT count(*) AS n, sum(amount) AS total, count(DISTINCT payment_id) AS ids FROM raw.payments"),
  wages: await query(db, "SELECT count(*) AS n FROM raw.wages"),
  employers: await query(db, "SELECT employer_id, _valid_to FROM raw.employers ORDER BY 1"),
  loads: await query(
    db,
    `SELECT delivery_id, file_name, status, "rows", loaded, skipped, quarantined FROM audit.loads ORDER BY delivery_id, file_name`,
  ),
  deliveries: await query(db, "SELECT delivery_id, status FROM audit.deliveries ORDER BY 1"),
});

describe("crash safety", () => {
  it("killed at several moments, a rerun ends where a clean run ends", async () => {
    const clean = workspace();
    bigInbox(clean.inbox);
    await ingest(clean.inbox, clean.db);
    const expected = await state(clean.db);
    expect(expected.payments[0]).toMatchObject({ n: 200_000 });

    const crashed = workspace();
    bigInbox(crashed.inbox);
    let killedMidway = 0;
    for (const ms of [1200, 2000, 2800, 3600, 4400]) {
      const run = await runCli(["ingest", "--inbox", crashed.inbox, "--db", crashed.db], ms);
      if (run.code === null) killedMidway++;
      // Whatever the moment, every recorded file reconciles and the rows on disk are exactly what the loads say.
      const now = await state(crashed.db).catch(() => null);
      if (!now) continue;
      for (const l of now.loads as { rows: number; loaded: number; skipped: number; quarantined: number }[]) {
        expect(l.loaded + l.skipped + l.quarantined).toBe(l.rows);
      }
      const loadedPayments = (now.loads as { file_name: string; loaded: number }[])
        .filter((l) => l.file_name.startsWith("payments"))
        .reduce((s, l) => s + l.loaded, 0);
      expect(now.payments[0]).toMatchObject({ n: loadedPayments });
    }
    expect(killedMidway).toBeGreaterThan(0);
    const finish = await runCli(["ingest", "--inbox", crashed.inbox, "--db", crashed.db], null);
    expect(finish.code, finish.stderr).toBe(0);
    expect(await state(crashed.db)).toEqual(expected);
  }, 180_000);

  it("refuses a warehouse locked by another process, saying so", async () => {
    const ws = workspace();
    writeDelivery(ws.inbox, "d1", "2026-11-01T02:00:00+03:00", [
      { name: "employers_20261101.csv", entity: "employers", text: csv("employers", [employer("100000001")]) },
    ]);
    await ingest(ws.inbox, ws.db);
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `
      const { DuckDBInstance } = require(${JSON.stringify(join(ROOT, "node_modules", "@duckdb", "node-api"))});
      DuckDBInstance.create(${JSON.stringify(ws.db)}).then(() => { process.stdout.write("ready\\n"); setInterval(() => {}, 1000); });
    `,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
      const run = await runCli(["ingest", "--inbox", ws.inbox, "--db", ws.db], null);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/warehouse .*warehouse\.duckdb is locked by another process/);
    } finally {
      holder.kill("SIGKILL");
    }
  }, 60_000);
});
