// Registration-system extracts: billing accounts, contributors, and their engagements.
import { z } from "zod";
import { date, digits, enumOf, text } from "./columns.ts";
import { defineEntity } from "./entity.ts";
import { LUHN_SQL, luhnValid, luhnValidBytes } from "./luhn.ts";

export const REGIONS = [
  "RIYADH",
  "MAKKAH",
  "MADINAH",
  "QASSIM",
  "EASTERN",
  "ASIR",
  "TABUK",
  "HAIL",
  "NORTHERN_BORDERS",
  "JAZAN",
  "NAJRAN",
  "BAHAH",
  "JOUF",
] as const;
export const LEGAL_FORMS = ["private", "government", "semi_government", "non_profit", "foreign_branch", "individual"] as const;

export const employers = defineEntity({
  name: "employers",
  kind: "snapshot",
  doc: "Billing accounts: establishments and optional subscribers.",
  schema: z.object({
    employer_id: digits(9).key().required("Billing account number."),
    account_type: enumOf(["establishment", "optional_subscriber"] as const).required(
      "`optional_subscriber` is an individual paying optional contributions.",
    ),
    cr_number: digits(10).nullable("Commercial registration; null for government bodies and optional subscribers."),
    name_ar: text().required("Name in Arabic."),
    name_en: text().nullable("Name in English."),
    legal_form: enumOf(LEGAL_FORMS).required("Legal form of the account holder."),
    sector: text({ regex: "[A-U]", code: "bad_sector", message: "must be an ISIC Rev.4 section letter A–U" }).required(
      "ISIC Rev.4 section.",
    ),
    region: enumOf(REGIONS).required("Administrative region."),
    registered_on: date().required("Registration date; not after the delivery's Riyadh day."),
    status: enumOf(["active", "suspended", "closed"] as const).required("Account status."),
    status_changed_on: date().nullable("When the status last changed."),
  }),
  rowRules: [
    {
      code: "registered_after_delivery",
      message: "registered_on is after the delivery's created_at (Riyadh day)",
      sql: "{registered_on} <= $delivery_day",
      check: (row, { deliveryDay }) => row.registered_on <= deliveryDay,
    },
  ],
});

export const contributors = defineEntity({
  name: "contributors",
  kind: "snapshot",
  doc: "Insured persons, keyed by national ID (Saudis) or iqama (residents).",
  schema: z.object({
    contributor_id: text({
      regex: "[12]\\d{9}",
      code: "bad_national_id",
      message: "must be 10 digits starting with 1 or 2",
    })
      .rule({ code: "bad_check_digit", message: "fails the Luhn check digit", sql: LUHN_SQL, scan: luhnValidBytes }, luhnValid)
      .key()
      .required("National ID (starts with 1) or iqama (starts with 2), Luhn check digit."),
    name_ar: text().required("Name in Arabic."),
    name_en: text().nullable("Name in English."),
    nationality: text({
      regex: "[A-Z]{2}",
      code: "bad_nationality",
      message: "must be an ISO 3166-1 alpha-2 code",
    }).required("ISO 3166-1 alpha-2; `SA` is Saudi."),
    birth_date: date().required("Date of birth; aged 15–80 on first registration."),
    gender: enumOf(["M", "F"] as const).required("Gender."),
    first_registered_on: date().required("First ever registration in the insurance system; decides the regime."),
  }),
  rowRules: [
    {
      code: "implausible_age",
      message: "must be aged 15–80 on first_registered_on",
      sql: "{birth_date} + INTERVAL 15 YEAR <= {first_registered_on} AND {first_registered_on} < {birth_date} + INTERVAL 81 YEAR",
      check: (row) => addYears(row.birth_date, 15) <= row.first_registered_on && row.first_registered_on < addYears(row.birth_date, 81),
      // DuckDB's INTERVAL arithmetic cost as much as reading the rest of the row.
      scan: {
        columns: ["birth_date", "first_registered_on"],
        holds(bytes, at) {
          if (at[0] === at[1] || at[2] === at[3]) return true;
          const registered = dayNumber(bytes, at[2]!, 0);
          return dayNumber(bytes, at[0]!, 15) <= registered && registered < dayNumber(bytes, at[0]!, 81);
        },
      },
    },
  ],
});

export const engagements = defineEntity({
  name: "engagements",
  kind: "snapshot",
  doc: "A contributor insured with an account for a span of time.",
  schema: z.object({
    engagement_id: text().key().required("Engagement key."),
    contributor_id: text().references("contributors", "contributor_id").required("The insured person."),
    employer_id: text().references("employers", "employer_id").required("The account."),
    scheme: enumOf(["mandatory", "optional"] as const).required("Mandatory or optional contributions."),
    occupation_code: text().nullable("Occupation code."),
    joined_on: date().required("First day covered."),
    left_on: date().nullable("Last day covered; null while engaged."),
  }),
  rowRules: [
    {
      code: "left_before_joined",
      message: "left_on must be on or after joined_on",
      sql: "{left_on} >= {joined_on}",
      check: (row) => row.left_on === null || row.left_on >= row.joined_on,
    },
  ],
});

/** `YYYY-MM-DD` at `start` plus whole years as yyyymmdd, clamped like addYears. */
function dayNumber(bytes: Uint8Array, start: number, years: number): number {
  const y = (bytes[start]! - 48) * 1000 + (bytes[start + 1]! - 48) * 100 + (bytes[start + 2]! - 48) * 10 + (bytes[start + 3]! - 48) + years;
  const m = (bytes[start + 5]! - 48) * 10 + (bytes[start + 6]! - 48);
  let d = (bytes[start + 8]! - 48) * 10 + (bytes[start + 9]! - 48);
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) d = 28;
  return y * 10000 + m * 100 + d;
}

/** `YYYY-MM-DD` plus whole years, clamped to the month's end as DuckDB's INTERVAL arithmetic does (29 Feb → 28 Feb). */
export function addYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const m = Number(day.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(day.slice(8, 10)), last);
  return `${String(y).padStart(4, "0")}-${day.slice(5, 7)}-${String(d).padStart(2, "0")}`;
}
