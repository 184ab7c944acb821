// The synthetic book of the ledger bench (bench/ledger.ts): N employers × M months written straight into
// the raw tables by SQL, deterministic, shaped like the generator's deliveries without their files.

export const AS_OF = "2026-11-23";
const LAST_PERIOD_START = "2026-10-01";

/** Deterministic pseudo-random integer in [0, n) from a row key: reruns give the same book. */
const pick = (key: string, n: number) => `CAST(hash(${key}) % ${n} AS BIGINT)`;

/** A book shaped like the generator's, in SQL: sizes skewed small, payers punctual to defaulting, fees, re-issues, reversals. */
export function synthesisSql(employers: number, months: number): string[] {
  const month = (m: string) => `CAST(DATE '${LAST_PERIOD_START}' - INTERVAL (${months - 1} - ${m}) MONTH AS DATE)`;
  return [
    `CREATE TEMP TABLE e AS SELECT i, lpad(CAST(100000000 + i AS VARCHAR), 9, '0') AS employer_id,
       1 + ${pick("i", 19)} AS size, ${pick("i + 7", 100)} AS payer FROM range(${employers}) AS t(i)`,
    `INSERT INTO raw.employers BY NAME SELECT employer_id, CASE WHEN ${pick("i + 1", 50)} = 0 THEN 'optional_subscriber'
        ELSE 'establishment' END AS account_type,
       'شركة' AS name_ar, (['private','private','private','government','non_profit','foreign_branch'])[1 + ${pick("i + 2", 6)}] AS
         legal_form,
       chr(65 + CAST(${pick("i + 3", 21)} AS INTEGER)) AS sector,
       (['RIYADH','RIYADH','MAKKAH','EASTERN','MADINAH','QASSIM','ASIR','TABUK'])[1 + ${pick("i + 4", 8)}] AS region,
       DATE '2015-01-01' AS registered_on, CASE WHEN ${pick("i + 5", 20)} = 0 THEN 'closed' ELSE 'active' END AS status,
       0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM e`,
    `CREATE TEMP TABLE c AS SELECT e.employer_id, e.i * 20 + j AS k FROM e, range(e.size) AS t(j)`,
    `INSERT INTO raw.contributors BY NAME SELECT CAST(1000000000 + k AS VARCHAR) AS contributor_id, 'عامل' AS name_ar,
       CASE WHEN ${pick("k", 10)} < 3 THEN 'SA' ELSE 'IN' END AS nationality, DATE '1990-01-01' AS birth_date, 'M' AS gender,
       CASE WHEN ${pick("k + 1", 10)} = 0 THEN DATE '2025-01-01' ELSE DATE '2015-01-01' END AS first_registered_on,
       0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM c`,
    `INSERT INTO raw.engagements BY NAME SELECT 'EN' || k AS engagement_id, CAST(1000000000 + k AS VARCHAR) AS contributor_id, employer_id,
        'mandatory' AS scheme,
       CASE WHEN ${pick("k + 2", 5)} = 0 THEN CAST(${month(pick("k + 3", months))} + CAST(${pick("k + 4", 28)} AS INTEGER) AS DATE)
         ELSE DATE '2020-01-01' END AS joined_on,
       CASE WHEN ${pick("k + 5", 8)} = 0 THEN CAST(${month(pick("k + 6", months))} + CAST(${pick("k + 7", 28)} AS INTEGER) AS DATE) END AS
         left_on,
       0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM c`,
    `INSERT INTO raw.wages BY NAME SELECT strftime(${month("m")}, '%Y-%m') AS period, employer_id,
        CAST(1000000000 + k AS VARCHAR) AS contributor_id,
       CAST(1500 + ${pick("k", 120)} * 100 AS DECIMAL(18,2)) AS basic_wage,
         CAST(${pick("k + 9", 30)} * 50 AS DECIMAL(18,2)) AS housing_allowance,
       CAST(${month("m")} + INTERVAL 20 DAY AS TIMESTAMPTZ) AS declared_at, 'portal' AS declared_by, 0 AS _load_id, 0 AS _line,
         0 AS _row_hash
     FROM c, range(${months}) AS t(m) WHERE ${pick("k * 31 + m", 33)} <> 0`,
    `CREATE TEMP TABLE inv AS SELECT w.employer_id, w.period, CAST(sum(w.basic_wage + w.housing_allowance) * 0.2 AS DECIMAL(18,2)) AS total,
       CAST(CAST(w.period || '-01' AS DATE) + INTERVAL 1 MONTH AS DATE) AS issued_on FROM raw.wages AS w GROUP BY w.employer_id, w.period`,
    `INSERT INTO raw.invoices BY NAME SELECT 'IN-' || employer_id || '-' || period AS invoice_id, employer_id,
        'contribution' AS invoice_type, period, issued_on,
       CAST(issued_on + 14 AS DATE) AS due_on, total AS annuities_amount, 0 AS hazards_amount, 0 AS unemployment_amount, 0 AS fee_amount,
         total AS total_amount,
       'auto' AS posting, 'SYSTEM' AS posted_by, NULL AS replaces_invoice_id, 0 AS _load_id, 0 AS _line, 0 AS _row_hash FROM inv
         WHERE issued_on <= DATE '${AS_OF}'
     UNION ALL SELECT 'IN-' || employer_id || '-' || period || '-R', employer_id, 'contribution', period, CAST(issued_on + 4 AS DATE),
       CAST(issued_on + 14 AS DATE),
       CAST(total * 1.01 AS DECIMAL(18,2)), 0, 0, 0, CAST(total * 1.01 AS DECIMAL(18,2)), 'manual', 'ST001',
         'IN-' || employer_id || '-' || period, 0, 0, 0
     FROM inv WHERE issued_on + 4 <= DATE '${AS_OF}' AND ${pick("employer_id || period", 100)} = 0
     UNION ALL SELECT 'FE-' || e.employer_id || '-' || inv.period, e.employer_id, 'late_fee', inv.period,
       CAST(inv.issued_on + INTERVAL 1 MONTH AS DATE),
       CAST(inv.issued_on + INTERVAL 1 MONTH + INTERVAL 14 DAY AS DATE), 0, 0, 0, CAST(inv.total * 0.02 AS DECIMAL(18,2)),
         CAST(inv.total * 0.02 AS DECIMAL(18,2)),
       'auto', 'SYSTEM', NULL, 0, 0, 0
     FROM inv JOIN e ON e.employer_id = inv.employer_id WHERE e.payer >= 70 AND inv.issued_on + INTERVAL 1 MONTH <= DATE '${AS_OF}'`,
    // payers 0–69 pay before the due date, 70–89 late, 90–99 half or nothing; fees paid late by half of those who owe them
    `INSERT INTO raw.payments BY NAME SELECT 'PY-' || i.invoice_id AS payment_id, i.employer_id,
       CASE WHEN e.payer >= 90 THEN CAST(i.total_amount * 0.5 AS DECIMAL(18,2)) ELSE i.total_amount END AS amount,
       CAST(i.issued_on + CAST(CASE WHEN e.payer < 70 THEN 9 WHEN e.payer < 90 THEN 40
         ELSE 60 END AS INTEGER) AS TIMESTAMP) + INTERVAL 10 HOUR AS paid_at,
       'sadad' AS channel, 'RJHI' AS bank_code, i.invoice_id, 'SADAD' AS posted_by, 0 AS _load_id, 0 AS _line, 0 AS _row_hash
     FROM raw.invoices AS i JOIN e ON e.employer_id = i.employer_id
     WHERE i.replaces_invoice_id IS NULL AND (i.invoice_type = 'contribution' OR ${pick("i.invoice_id", 2)} = 0) AND NOT (e.payer >= 95
       AND i.invoice_type = 'contribution')`,
    `DELETE FROM raw.payments WHERE paid_at > TIMESTAMPTZ '${AS_OF} 23:59:59+03'`,
    `INSERT INTO raw.payments BY NAME SELECT 'RV-' || payment_id AS payment_id, employer_id, amount, paid_at + INTERVAL 5 DAY AS paid_at,
        'cheque' AS channel,
       bank_code, NULL AS invoice_id, payment_id AS reverses_payment_id, 'ST002' AS posted_by, 0 AS _load_id, 0 AS _line, 0 AS _row_hash
     FROM raw.payments WHERE ${pick("payment_id", 100)} = 0 AND paid_at + INTERVAL 5 DAY <= TIMESTAMPTZ '${AS_OF} 23:59:59+03'`,
    `INSERT INTO raw.invoice_adjustments BY NAME SELECT 'AD-' || invoice_id AS adjustment_id, invoice_id,
        CAST(-total_amount * 0.05 AS DECIMAL(18,2)) AS amount,
       'wage_correction' AS reason_code, 'ST003' AS created_by, CAST(issued_on + 10 AS TIMESTAMPTZ) AS created_at, 'ST004' AS approved_by,
       CAST(issued_on + 12 AS TIMESTAMPTZ) AS approved_at, 0 AS _load_id, 0 AS _line, 0 AS _row_hash,
         TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from
     FROM raw.invoices WHERE ${pick("invoice_id || 'a'", 100)} = 0 AND issued_on + 12 <= DATE '${AS_OF}'`,
    `INSERT INTO raw.disputes BY NAME SELECT 'DS-' || invoice_id AS dispute_id, employer_id, invoice_id, 'wage_mismatch' AS category,
        total_amount AS disputed_amount,
       CAST(issued_on + 20 AS DATE) AS submitted_on, true AS documents_complete, 0 AS _load_id, 0 AS _line, 0 AS _row_hash,
         TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from
     FROM raw.invoices WHERE ${pick("invoice_id || 'd'", 300)} = 0 AND total_amount > 0 AND issued_on + 20 <= DATE '${AS_OF}'`,
    `INSERT INTO raw.dispute_events BY NAME SELECT 'EV-' || dispute_id AS event_id, dispute_id,
        CAST(submitted_on + 45 AS TIMESTAMPTZ) AS "at", 'rejected' AS status,
       'committee' AS actor, 0 AS _load_id, 0 AS _line, 0 AS _row_hash FROM raw.disputes WHERE ${pick("dispute_id", 2)} = 0`,
    `INSERT INTO raw.instalment_plans BY NAME SELECT 'PL-' || employer_id AS plan_id, employer_id, DATE '2026-03-01' AS agreed_on,
        10000 AS total_amount,
       12 AS instalments, DATE '2026-04-01' AS first_due_on, 'active' AS status, 0 AS _load_id, 0 AS _line, 0 AS _row_hash,
       TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM e WHERE payer >= 90 AND ${pick("i", 5)} = 0`,
  ];
}
