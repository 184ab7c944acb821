// Bad input on request (`--faults`): rows that break each rule of extracts.md, planted at the end of
// real files, and whole bad files in extra deliveries. Every fault is listed in faults.csv with the
// outcome the ingest owes it. Planted rows use keys of their own, so the good data loads unchanged.
import { join } from "node:path";
import { luhnCheckDigit } from "../contracts/luhn.ts";
import { tryParseSar } from "../rules/money.ts";
import { type CsvFile, csvField, type FileFormat } from "./csv-writer.ts";
import { dayOfInstant, dayText, timestampText } from "./calendar.ts";
import { badCheckDigit } from "./ids.ts";
import type { World } from "./model.ts";
import { mix, Rng } from "./prng.ts";
import type { Slot } from "./schedule.ts";

export interface FaultRecord {
  delivery: string;
  file: string;
  /** Physical line (header = 1); null for a fault of the whole file or delivery. */
  line: number | null;
  kind: string;
  /** `quarantine:<rule>`, `skip:duplicate_row`, `reject:<reason>`, `load:<note>`, … */
  expected: string;
  detail: string;
}

export const FAULT_COLUMNS = ["delivery", "file", "line", "kind", "expected", "detail"];

type Fields = Record<string, string | null>;

/** A raw line in `file`'s column order from named fields (missing ones empty). */
function line(file: CsvFile, fields: Fields): string {
  return file.format.columns.map((c) => csvField(fields[c])).join(",");
}

const middle = <T>(list: readonly T[], shift = 0): T => list[Math.min(list.length - 1, Math.floor(list.length / 2) + shift)]!;

export class RowFaults {
  private readonly rng: Rng;
  private extraColumnSlot: Slot | null = null;
  private readonly records: FaultRecord[] = [];

  constructor(seed: number) {
    this.rng = new Rng(mix(seed, 41));
  }

  /** One mid-window payments file carries an unknown extra column (reported, then ignored). */
  reformat(slot: Slot, entity: string, format: FileFormat): FileFormat {
    if (entity !== "payments" || slot.source !== "payments" || slot.index % 29 !== 17 || this.extraColumnSlot) return format;
    this.extraColumnSlot = slot;
    return { ...format, columns: [...format.columns, "remarks"] };
  }

  plant(world: World): FaultRecord[] {
    const s = world.out.schedule;
    const reg = middle(s.registration);
    const bill = middle(s.billing);
    const pay = middle(s.payments);
    const day = dayText(dayOfInstant(reg.createdAt));
    const put = (
      slot: Slot,
      entity: string,
      fields: Fields | string,
      kind: string,
      expected: string,
      detail: string,
      control: number | null = null,
    ) => {
      const file = world.out.mainFile(slot, entity);
      const text = typeof fields === "string" ? fields : line(file, fields);
      this.records.push({ delivery: slot.id, file: file.name, line: file.rows + 2, kind, expected, detail });
      file.writeLine(text, control);
    };
    const person = (body: string) => body + luhnCheckDigit(body);
    const fresh = () => person(`1${String(this.rng.int(0, 99_999_999)).padStart(8, "0")}`);
    const contributor = (over: Fields): Fields => ({
      contributor_id: fresh(),
      name_ar: "خالد سعد الغامدي",
      name_en: "Khalid Saad Al-Ghamdi",
      nationality: "SA",
      birth_date: "1990-04-12",
      gender: "M",
      first_registered_on: "2012-09-01",
      ...over,
    });
    const q = (rule: string) => `quarantine:${rule}`;

    // Registration: contributors, employers, engagements, wages.
    const valid = fresh();
    put(
      reg,
      "contributors",
      contributor({ contributor_id: badCheckDigit(valid) }),
      "failed_check_digit",
      q("bad_check_digit"),
      "national ID with a wrong Luhn digit",
    );
    put(
      reg,
      "contributors",
      contributor({ contributor_id: person("3" + "20458716") }),
      "bad_id_prefix",
      q("bad_national_id"),
      "ID starting with 3",
    );
    put(
      reg,
      "contributors",
      contributor({ birth_date: "2014-03-02", first_registered_on: "2025-01-05" }),
      "implausible_age",
      q("implausible_age"),
      "aged 10 at first registration",
    );
    put(reg, "contributors", contributor({ gender: "X" }), "bad_enum", q("bad_enum"), "gender X");
    put(reg, "contributors", contributor({ birth_date: "1990-02-30" }), "bad_date", q("bad_date"), "30 February");
    const firstContributor = world.out.mainFile(reg, "contributors").firstLine;
    if (firstContributor)
      put(reg, "contributors", firstContributor, "identical_resend", "skip:duplicate_row", "the file's first row again");
    const twin = fresh();
    put(reg, "contributors", contributor({ contributor_id: twin }), "conflicting_key", q("conflicting_key"), "same ID, another name");
    put(
      reg,
      "contributors",
      contributor({ contributor_id: twin, name_en: "Khalid S. Al-Ghamdi" }),
      "conflicting_key",
      q("conflicting_key"),
      "same ID, another name",
    );

    put(
      reg,
      "employers",
      {
        employer_id: "12345",
        account_type: "establishment",
        cr_number: "1010000001",
        name_ar: "مؤسسة الخطأ",
        legal_form: "private",
        sector: "G",
        region: "RIYADH",
        registered_on: "2010-01-01",
        status: "active",
      },
      "bad_id_length",
      q("not_9_digits"),
      "employer id of 5 digits",
    );
    put(
      reg,
      "employers",
      {
        employer_id: "999000111",
        account_type: "establishment",
        cr_number: "1010000002",
        name_ar: "مؤسسة المستقبل",
        legal_form: "private",
        sector: "G",
        region: "MECCA",
        registered_on: "2010-01-01",
        status: "active",
      },
      "bad_enum",
      q("bad_enum"),
      "region MECCA",
    );
    put(
      reg,
      "employers",
      {
        employer_id: "999000112",
        account_type: "establishment",
        cr_number: "1010000003",
        name_ar: "مؤسسة الغد",
        legal_form: "private",
        sector: "G",
        region: "RIYADH",
        registered_on: dayText(dayOfInstant(reg.createdAt) + 10),
        status: "active",
      },
      "registered_in_future",
      q("registered_after_delivery"),
      "registered 10 days after the delivery",
    );

    const wagesFile = world.out.mainFile(reg, "wages");
    const known = parseFirst(wagesFile, world);
    const wage = (over: Fields): Fields => ({
      period: "2019-01",
      employer_id: known.employer,
      contributor_id: known.contributor,
      basic_wage: "4000.00",
      housing_allowance: "1000.00",
      declared_at: `${day}T10:00:00+03:00`,
      declared_by: "MUDAD",
      ...over,
    });
    put(
      reg,
      "engagements",
      {
        engagement_id: "EN-FAULT-0001",
        contributor_id: known.contributor,
        employer_id: known.employer,
        scheme: "mandatory",
        joined_on: "2020-05-01",
        left_on: "2020-04-01",
      },
      "left_before_joined",
      q("left_before_joined"),
      "left a month before joining",
    );
    put(
      reg,
      "engagements",
      {
        engagement_id: "EN-FAULT-0002",
        contributor_id: known.contributor,
        employer_id: "999999999",
        scheme: "mandatory",
        joined_on: "2020-05-01",
      },
      "unknown_reference",
      q("unknown_reference"),
      "employer 999999999 was never registered",
    );
    put(reg, "wages", wage({ period: "2019-02", basic_wage: "-100.00" }), "negative_amount", q("negative_amount"), "basic wage -100.00");
    put(reg, "wages", wage({ period: "2019-03", housing_allowance: "12,50" }), "wrong_type", q("bad_amount"), "decimal comma");
    put(
      reg,
      "wages",
      wage({ period: "2019-04", declared_at: `${day} 10:00:00` }),
      "wrong_type",
      q("bad_timestamp"),
      "timestamp without T and offset",
    );
    put(reg, "wages", wage({ period: "2019-13" }), "wrong_type", q("bad_period"), "month 13");
    put(
      reg,
      "wages",
      wage({ period: "2019-05", contributor_id: fresh() }),
      "unknown_reference",
      q("unknown_reference"),
      "contributor never registered",
    );
    put(
      reg,
      "wages",
      `${line(wagesFile, wage({ period: "2019-06" }))},EXTRA`,
      "too_many_fields",
      q("wrong_field_count"),
      "one field too many",
    );
    put(
      reg,
      "wages",
      line(wagesFile, wage({ period: "2019-07" }))
        .split(",")
        .slice(0, -2)
        .join(","),
      "too_few_fields",
      q("wrong_field_count"),
      "two fields missing",
    );
    put(
      reg,
      "wages",
      line(wagesFile, wage({ period: "2019-08" })).replace(",MUDAD", ',"MUDAD"X'),
      "junk_after_quote",
      q("broken_quoting"),
      "text after a closing quote",
    );
    // Last line of the file: an unterminated quote runs to the end of the file.
    put(
      reg,
      "contributors",
      line(world.out.mainFile(reg, "contributors"), contributor({})).replace("خالد سعد الغامدي", '"خالد سعد الغامدي'),
      "unterminated_quote",
      q("broken_quoting"),
      "a quote opened and never closed, on the last line",
    );

    this.billing(bill, known, put);
    this.payments(world, pay, known, put);
    const obj = middle(s.objections);
    put(
      obj,
      "dispute_events",
      {
        event_id: "OB-FAULT-1",
        dispute_id: "OB-000000000-999",
        at: timestampText(obj.cutoff - 3600),
        status: "submitted",
        actor: "U000000000-1",
      },
      "unknown_reference",
      q("unknown_reference"),
      "dispute never delivered",
    );
    const platform = middle(s.platform);
    put(
      platform,
      "activity_log",
      {
        event_id: "AL-FAULT-1",
        at: timestampText(platform.cutoff - 3600),
        actor_id: "ST00000",
        actor_role: "staff",
        action: "hack",
        entity: "invoice",
        entity_id: "IN-x",
        channel: "backoffice",
      },
      "bad_enum",
      q("bad_enum"),
      "action hack",
    );
    if (this.extraColumnSlot) {
      const file = world.out.mainFile(this.extraColumnSlot, "payments");
      this.records.push({
        delivery: this.extraColumnSlot.id,
        file: file.name,
        line: null,
        kind: "unknown_column",
        expected: "load:unknown_column_reported",
        detail: "extra column remarks",
      });
    }
    return this.records;
  }

  private billing(slot: Slot, known: { employer: string }, put: Put): void {
    const issued = dayText(dayOfInstant(slot.createdAt));
    const invoice = (id: string, over: Fields): Fields => ({
      invoice_id: id,
      employer_id: known.employer,
      invoice_type: "contribution",
      period: "2019-01",
      issued_on: issued,
      due_on: issued,
      annuities_amount: "100.00",
      hazards_amount: "20.00",
      unemployment_amount: "10.00",
      fee_amount: "0.00",
      total_amount: "130.00",
      posting: "manual",
      posted_by: "ST00000",
      ...over,
    });
    const q = (rule: string) => `quarantine:${rule}`;
    put(
      slot,
      "invoices",
      invoice("IN-FAULT-1", { total_amount: "131.00" }),
      "total_mismatch",
      q("total_mismatch"),
      "total 131.00 for 130.00 of branches",
      13_100,
    );
    put(
      slot,
      "invoices",
      invoice("IN-FAULT-2", { due_on: "2019-01-01" }),
      "due_before_issue",
      q("due_before_issue"),
      "due before issued",
      13_000,
    );
    put(
      slot,
      "invoices",
      invoice("IN-FAULT-3", { invoice_type: "late_fee", fee_amount: "5.00", total_amount: "135.00" }),
      "late_fee_with_branches",
      q("late_fee_with_branches"),
      "late fee carrying branch amounts",
      13_500,
    );
    put(
      slot,
      "invoices",
      invoice("IN-FAULT-4", { employer_id: "999999998" }),
      "unknown_reference",
      q("unknown_reference"),
      "employer never registered",
      13_000,
    );
    put(
      slot,
      "invoices",
      invoice("IN-FAULT-5", { replaces_invoice_id: "IN-NEVER-ISSUED" }),
      "unknown_reference",
      q("unknown_reference"),
      "re-issue of an unknown invoice",
      13_000,
    );
    const adjustment = (id: string, over: Fields): Fields => ({
      adjustment_id: id,
      invoice_id: "IN-NEVER-ISSUED",
      amount: "-50.00",
      reason_code: "other",
      created_by: "ST00000",
      created_at: `${issued}T01:00:00+03:00`,
      ...over,
    });
    put(
      slot,
      "invoice_adjustments",
      adjustment("AD-FAULT-1", {}),
      "unknown_reference",
      q("unknown_reference"),
      "note on an unknown invoice",
      -5_000,
    );
    put(
      slot,
      "invoice_adjustments",
      adjustment("AD-FAULT-2", { reason_code: "goodwill" }),
      "bad_enum",
      q("bad_enum"),
      "reason goodwill",
      -5_000,
    );
    const plan = (id: string, over: Fields): Fields => ({
      plan_id: id,
      employer_id: known.employer,
      agreed_on: issued,
      total_amount: "5000.00",
      instalments: "12",
      first_due_on: issued,
      status: "active",
      ...over,
    });
    put(slot, "instalment_plans", plan("PL-FAULT-1", { instalments: "61" }), "out_of_range", q("out_of_range"), "61 instalments");
    put(
      slot,
      "instalment_plans",
      plan("PL-FAULT-2", { first_due_on: "2019-01-01" }),
      "first_due_before_agreed",
      q("first_due_before_agreed"),
      "first instalment before agreement",
    );
  }

  private payments(world: World, slot: Slot, known: { employer: string }, put: Put): void {
    const at = timestampText(slot.cutoff - 7200);
    const payment = (id: string, over: Fields): Fields => ({
      payment_id: id,
      employer_id: known.employer,
      amount: "250.00",
      paid_at: at,
      channel: "sadad",
      bank_code: "RJHI",
      posted_by: "SADAD",
      ...over,
    });
    const q = (rule: string) => `quarantine:${rule}`;
    put(slot, "payments", payment("PY-FAULT-1", { channel: "visa" }), "bad_enum", q("bad_enum"), "channel visa", 25_000);
    put(slot, "payments", payment("PY-FAULT-2", { amount: "-5.00" }), "negative_amount", q("not_positive_amount"), "amount -5.00", -500);
    put(
      slot,
      "payments",
      payment("PY-FAULT-3", { employer_id: "999999997" }),
      "unknown_reference",
      q("unknown_reference"),
      "employer never registered",
      25_000,
    );
    put(
      slot,
      "payments",
      payment("PY-FAULT-4", { paid_at: at.replace(/T\d\d/, "T25") }),
      "wrong_type",
      q("bad_timestamp"),
      "hour 25",
      25_000,
    );
    put(slot, "payments", payment("PY-FAULT-5", { amount: "1O0.00" }), "wrong_type", q("bad_amount"), "letter O in the amount");
    put(
      slot,
      "payments",
      payment("PY-FAULT-6", { amount: "300.00" }),
      "conflicting_key",
      q("conflicting_key"),
      "same payment id, other amount",
      30_000,
    );
    put(
      slot,
      "payments",
      payment("PY-FAULT-6", { amount: "310.00" }),
      "conflicting_key",
      q("conflicting_key"),
      "same payment id, other amount",
      31_000,
    );
    const first = world.out.mainFile(slot, "payments").firstLine;
    if (first && !first.startsWith("PY-FAULT"))
      put(
        slot,
        "payments",
        first,
        "identical_resend",
        "skip:duplicate_row",
        "the file's first row again",
        controlOf(world.out.mainFile(slot, "payments"), first),
      );
    // Across deliveries: an earlier day's payment sent again, once as it was and once altered.
    const earlier = world.out.schedule.payments
      .slice(0, slot.index)
      .reverse()
      .map((p) => world.out.existing(p, "payments"))
      .find((f) => f?.firstLine);
    if (earlier?.firstLine) {
      // Two later days, so the two rows do not also conflict with each other inside one file.
      const fields = fieldsOf(earlier, earlier.firstLine);
      const resend = world.out.schedule.payments[slot.index + 1]!;
      const again = line(world.out.mainFile(resend, "payments"), fields);
      put(
        resend,
        "payments",
        again,
        "resend_across_deliveries",
        "skip:duplicate_row",
        `payment ${fields.payment_id} delivered before`,
        controlOf(world.out.mainFile(resend, "payments"), again),
      );
      const alter = world.out.schedule.payments[slot.index + 2]!;
      const altered = line(world.out.mainFile(alter, "payments"), { ...fields, amount: "1.00" });
      put(
        alter,
        "payments",
        altered,
        "conflicting_key_across_deliveries",
        q("conflicting_key"),
        `payment ${fields.payment_id} delivered before with another amount`,
        100,
      );
    }
  }
}

type Put = (
  slot: Slot,
  entity: string,
  fields: Fields | string,
  kind: string,
  expected: string,
  detail: string,
  control?: number | null,
) => void;

/** Field values of a line written by `file` (no quoted commas occur in the columns used here). */
function fieldsOf(file: CsvFile, text: string): Fields {
  const values = text.split(",");
  return Object.fromEntries(file.format.columns.map((c, i) => [c, values[i] === "" ? null : (values[i] ?? null)]));
}

function controlOf(file: CsvFile, text: string): number | null {
  const amount = fieldsOf(file, text).amount;
  return amount ? tryParseSar(amount) : null;
}

/** An employer and contributor the wages file already names (so planted wage rows break only their own rule). */
function parseFirst(file: CsvFile, world: World): { employer: string; contributor: string } {
  const fields = file.firstLine ? fieldsOf(file, file.firstLine) : {};
  return {
    employer: fields.employer_id ?? world.ids.employerId(0),
    contributor: fields.contributor_id ?? "1000000001",
  };
}

export const faultsPath = (out: string) => join(out, "faults.csv");
