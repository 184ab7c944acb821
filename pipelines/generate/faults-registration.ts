// Planted faults in the registration files: contributors, employers, engagements and wages, each row
// breaking one rule of extracts.md (see faults.ts). Keys are fresh, so the good data loads unchanged.
import { luhnCheckDigit } from "../contracts/luhn.ts";
import type { CsvFile } from "./csv-writer.ts";
import { dayOfInstant, dayText } from "./calendar.ts";
import { type Fields, fieldsOf, line, type Put, q } from "./faults-lines.ts";
import { badCheckDigit } from "./ids.ts";
import type { World } from "./model.ts";
import type { Rng } from "./prng.ts";
import type { Slot } from "./schedule.ts";

/** Plants the registration faults; returns the employer and contributor the wage faults named. */
export function plantRegistrationFaults(world: World, reg: Slot, rng: Rng, put: Put): { employer: string; contributor: string } {
  const day = dayText(dayOfInstant(reg.createdAt));
  const person = (body: string) => body + luhnCheckDigit(body);
  const fresh = () => person(`1${String(rng.int(0, 99_999_999)).padStart(8, "0")}`);
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
  if (firstContributor) put(reg, "contributors", firstContributor, "identical_resend", "skip:duplicate_row", "the file's first row again");
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
  return known;
}

/** An employer and contributor the wages file already names (so planted wage rows break only their own rule). */
function parseFirst(file: CsvFile, world: World): { employer: string; contributor: string } {
  const fields = file.firstLine ? fieldsOf(file, file.firstLine) : {};
  return {
    employer: fields.employer_id ?? world.ids.employerId(0),
    contributor: fields.contributor_id ?? "1000000001",
  };
}
