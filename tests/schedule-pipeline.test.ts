// The scheduled job with its real steps: a delivery ingested, the models built, the run recorded
// with the input files' sha256, and `tahseel status` reading it all back through kysely.
import { cpSync } from "node:fs";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { runJob } from "../pipelines/schedule/runner.ts";
import { formatStatus, readStatus } from "../pipelines/schedule/status.ts";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { place, type Place } from "./schedule-support.ts";

let p: Place;
afterEach(() => p?.cleanup());

test("ingest → build → publish on a real delivery, recorded and reported", async () => {
  p = place();
  const { settings } = p.options;
  cpSync("models", settings.models, { recursive: true });
  const folder = writeDelivery(settings.inbox, "2026-03-02T0200", "2026-03-02T02:00:00+03:00", [
    {
      name: "employers_20260302.csv",
      entity: "employers",
      text: csv("employers", [
        {
          employer_id: "100000001",
          account_type: "establishment",
          cr_number: "1010101010",
          name_ar: "شركة الاختبار",
          name_en: "Test Co",
          legal_form: "private",
          sector: "G",
          region: "RIYADH",
          registered_on: "2026-03-01",
          status: "active",
          status_changed_on: null,
        },
      ]),
    },
  ]);
  const outcome = await runJob(p.options, { context: p.context, gitSha: () => "c0ffee" });
  expect(outcome.error).toBeNull();
  expect(outcome.status).toBe("success");
  // The latest date in the data (the registration), not the delivery's day.
  expect(outcome.asOf).toBe("2026-03-01");
  const sha = createHash("sha256")
    .update(readFileSync(join(folder, "employers_20260302.csv")))
    .digest("hex");
  expect(outcome.inputs.map((i) => i.sha256)).toContain(sha);
  expect(outcome.steps.find((s) => s.name === "build")!.detail).toMatchObject({
    models: { "staging.stg_employers": "built" },
  });

  const w = await openWarehouse(settings.db);
  try {
    const report = await readStatus(w.instance);
    expect(report.runs[0]).toMatchObject({
      run_id: outcome.runId,
      job: "nightly",
      status: "success",
      git_sha: "c0ffee",
    });
    expect(report.loads[0]).toMatchObject({ file_name: "employers_20260302.csv", status: "loaded", loaded: 1 });
    expect(report.freshness.find((f) => f.entity === "employers")!.last_delivery_created_at).toBe("2026-03-01T23:00:00.000Z");
    expect(report.freshness.find((f) => f.entity === "payments")!.last_loaded_at).toBeNull();
    expect(report.test_failures).toEqual([]);
    expect(formatStatus(report, new Date("2026-03-02T03:00:00Z"))).toMatch(/nightly\s+success/);
  } finally {
    w.close();
  }
});
