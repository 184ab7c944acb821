// The alert rules over the marts (config/alert-rules) after real builds of a hand-made delivery: each
// condition raises one alert across two builds of unchanged data, is closed when it stops holding, and
// raises a second occurrence when it comes back. The dates and days are worked out in alerts-support.ts.
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { A, alertsConfig, alertWorld, type AlertWorld, B, EARLY, LATE } from "./alerts-support.ts";
import { csv, writeDelivery } from "./helpers/deliveries.ts";
import { payment } from "./helpers/rows.ts";
import { ingest } from "./helpers/warehouse.ts";

let w: AlertWorld;
beforeAll(async () => {
  w = await alertWorld();
  // A second delivery whose payments file does not reconcile with its manifest: refused at ingest.
  const inbox = join(w.dir, "inbox");
  writeDelivery(inbox, "2026-11-24T0300", "2026-11-24T03:00:00+03:00", [
    { name: "payments_20261123.csv", entity: "payments", text: csv("payments", [payment("P1", A, "500.00")]), manifest: { rows: 2 } },
  ]);
  await ingest(inbox, w.db);
}, 120_000);
afterAll(() => w?.close());

const KEYS = [
  `arrears_critical:${A}`,
  `employer_risk_critical:${A}`,
  "blocking_test_failed:marts.alert_probe:no employer in critical arrears",
  "objection_sla_breached:OBJ-B",
  "source_stale:invoices",
  `suspension_listed:${A}`,
];

const REFUSED = "delivery_reconciliation_failed:2026-11-24T0300:payments_20261123.csv";

const alerts = () =>
  w.rows<{ alert_key: string; occurrence: number; state: string; state_by: string; delivered: boolean }>(
    `SELECT alert_key, occurrence, state, state_by, delivered_at IS NOT NULL AS delivered FROM audit.alerts
     WHERE kind <> 'finding' ORDER BY alert_key, occurrence`,
  );

test("each rule fires once across two builds, closes when its condition stops holding, and fires again when it recurs", async () => {
  // The delivery was made on 2026-11-23 00:00 UTC; the clock reads 2026-11-25 06:00 UTC: 54 hours.
  const first = await w.build(LATE, alertsConfig(24));
  expect(first.alerts).toMatchObject({ raised: 7, closed: 0, delivered: 7 });
  expect(first.alerts.rules).toContain("arrears_critical");
  // A scores 45.0 (critical arrears 20, a debt over 300 days 15, past due with nothing billed in the last year 10): critical risk
  expect(first.alerts.rules).toContain("employer_risk_critical");
  expect((await alerts()).map((a) => [a.alert_key, a.occurrence, a.state, a.delivered])).toEqual(
    [...KEYS, REFUSED].sort().map((k) => [k, 1, "new", true]),
  );
  const sent = w.outbox();
  expect(sent.map((a) => a.key).sort()).toEqual([...KEYS, REFUSED].sort());
  expect(sent.find((a) => a.key === REFUSED)!.subject).toBe(
    "A file of delivery 2026-11-24T0300 does not reconcile with its manifest and was refused: " +
      "payments_20261123.csv: has 1 data rows, manifest says 2",
  );
  const arrears = sent.find((a) => a.key === `arrears_critical:${A}`)!;
  expect(arrears).toMatchObject({ kind: "arrears_critical", severity: "critical", employer_id: A, occurrence: 1 });
  expect(arrears.subject).toBe(
    `Employer ${A} entered critical arrears: 1075.00 SAR past due, the oldest item 409 days past due (as of ${LATE})`,
  );
  expect(arrears.subject_ar).toBe(
    `دخلت المنشأة ${A} مرحلة المتأخرات الحرجة: متأخرات قدرها 1075.00 ريال، وأقدم بند متأخر منذ 409 يومًا (حتى ${LATE})`,
  );
  expect(sent.find((a) => a.key === "objection_sla_breached:OBJ-B")).toMatchObject({
    employer_id: B,
    subject: `Objection OBJ-B of employer ${B} has passed its 30-day service level: undecided for 54 days`,
  });
  expect(sent.find((a) => a.key === "source_stale:invoices")!.detail).toMatchObject({
    details: { entity: "invoices", hours_since: 54, expected_every_hours: 24 },
  });

  // The same data again: every condition still holds, nothing new is raised or written.
  const second = await w.build(LATE, alertsConfig(24));
  expect(second.alerts).toMatchObject({ holding: 7, raised: 0, closed: 0, delivered: 0 });
  expect(w.outbox()).toHaveLength(7);

  // As of a date where none holds (and invoices now expected every 100 hours): each is closed by tahseel.
  const third = await w.build(EARLY, alertsConfig(100));
  // The refused file stays refused: its alert holds (and stays raised once) whatever the date.
  expect(third.alerts).toMatchObject({ holding: 1, raised: 0, closed: 6 });
  expect((await alerts()).map((a) => [a.alert_key, a.state, a.state_by])).toEqual(
    [...KEYS, REFUSED].sort().map((k) => [k, k === REFUSED ? "new" : "closed", "tahseel"]),
  );

  // They come back: a second occurrence of each, raised and written once.
  const fourth = await w.build(LATE, alertsConfig(24));
  expect(fourth.alerts).toMatchObject({ holding: 7, raised: 6, closed: 0, delivered: 6 });
  const occurrences = (k: string) =>
    k === REFUSED
      ? [[k, 1, "new"]]
      : [
          [k, 1, "closed"],
          [k, 2, "new"],
        ];
  expect((await alerts()).map((a) => [a.alert_key, a.occurrence, a.state])).toEqual([...KEYS, REFUSED].sort().flatMap(occurrences));
  const written = w.outbox().map((a) => `${a.key}#${a.occurrence}`);
  expect(written.sort()).toEqual([...KEYS.flatMap((k) => [`${k}#1`, `${k}#2`]), `${REFUSED}#1`].sort());
  await w.build(LATE, alertsConfig(24));
  expect(w.outbox()).toHaveLength(13);
}, 300_000);
