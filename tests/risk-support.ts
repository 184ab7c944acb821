// Hand-made employers for the risk score, delivered through the real ingest and built by the real engine.
// X owes, pays late, had a payment reversed, declared two months late and objected three times; Y pays and
// declares on time. Every figure of X's score as of AS_OF is worked out in tests/risk.test.ts from these rows.
import { contributor, dispute, disputeEvent, employer, engagement, invoice, nationalId, payment, wage } from "./helpers/rows.ts";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";

export const X = "100000011";
export const Y = "100000012";
export const AS_OF = "2026-06-30";
const CX = nationalId("100000001");
const CY = nationalId("100000002");
const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"];
const next = (period: string) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/** The contribution invoice of a period: 1,075.00 SAR (a Saudi at 5,000 SAR), issued on the 1st of the next month, due the 15th. */
const bill = (id: string, employerId: string, period: string) =>
  invoice(id, employerId, { period, issued_on: `${next(period)}-01`, due_on: `${next(period)}-15` });

export async function riskWorld(): Promise<LedgerWorld> {
  const invoices = MONTHS.flatMap((p, i) => [bill(`IN-X-${i + 1}`, X, p), bill(`IN-Y-${i + 1}`, Y, p)]);
  const wages = MONTHS.flatMap((p) => [
    // X declares March on 5 April and April on 3 May, after each month's end: two months not on time
    wage(p, X, CX, p === "2026-03" || p === "2026-04" ? { declared_at: `${next(p)}-0${p === "2026-03" ? 5 : 3}T10:00:00+03:00` } : {}),
    wage(p, Y, CY),
  ]);
  const payments = [
    payment("PY-X1", X, "1075.00", { invoice_id: "IN-X-1", paid_at: "2026-02-10T10:00:00+03:00" }), // on time
    payment("PY-X2", X, "1075.00", { invoice_id: "IN-X-2", paid_at: "2026-04-04T10:00:00+03:00" }), // 20 days late
    payment("PY-X3", X, "500.00", { invoice_id: "IN-X-3", paid_at: "2026-05-10T10:00:00+03:00" }),
    payment("PY-X3R", X, "500.00", { reverses_payment_id: "PY-X3", paid_at: "2026-05-12T10:00:00+03:00" }), // reversed two days later
    ...MONTHS.map((p, i) =>
      payment(`PY-Y${i + 1}`, Y, "1075.00", { invoice_id: `IN-Y-${i + 1}`, paid_at: `${next(p)}-10T10:00:00+03:00` }),
    ),
  ];
  const disputes = [
    dispute("OBJ-X1", X, "IN-X-3", { submitted_on: "2026-04-20" }),
    dispute("OBJ-X2", X, "IN-X-4", { submitted_on: "2026-05-20" }),
    dispute("OBJ-X3", X, "IN-X-5", { submitted_on: "2026-06-20" }),
  ];
  const events = [
    disputeEvent("EV-1", "OBJ-X1", { at: "2026-04-20T09:00:00+03:00" }),
    disputeEvent("EV-2", "OBJ-X1", { at: "2026-05-10T09:00:00+03:00", status: "rejected", actor: "ST001" }),
    disputeEvent("EV-3", "OBJ-X2", { at: "2026-05-20T09:00:00+03:00" }),
    disputeEvent("EV-4", "OBJ-X2", { at: "2026-06-10T09:00:00+03:00", status: "withdrawn" }),
    disputeEvent("EV-5", "OBJ-X3", { at: "2026-06-20T09:00:00+03:00" }),
  ];
  return ingestWorld({
    employers: [employer(X), employer(Y)],
    contributors: [contributor(CX), contributor(CY)],
    engagements: [engagement("EG-X", CX, X), engagement("EG-Y", CY, Y)],
    invoices,
    wages,
    payments,
    disputes,
    dispute_events: events,
  });
}
