/*
description: >
  The risk scorecard's constants as one row: the drivers' codes in their order, the lookback in months and
  each driver's cap (config/rules.json `risk`), as this build's scores were made with them. The scores name
  their top drivers by place in the codes; marts.employer_risk reads the rest here to write each driver's
  max_points and the reasons' "in the last N months": a view reads no build variables, and core.risk_scores
  need not repeat eleven constants on every score.
description_ar: >
  ثوابت بطاقة المخاطر في صف واحد: رموز المحركات بترتيبها، وعدد أشهر فترة المراجعة والحد الأعلى لنقاط كل محرك، كما حُسبت بها درجات هذا البناء.
grain: one row
materialized: table
params:
  risk_lookback_months: integer
  risk_drivers_arrears_severity_max_points: decimal
  risk_drivers_arrears_age_max_points: decimal
  risk_drivers_arrears_amount_max_points: decimal
  risk_drivers_days_late_max_points: decimal
  risk_drivers_invoices_paid_late_max_points: decimal
  risk_drivers_reversed_payments_max_points: decimal
  risk_drivers_compliance_max_points: decimal
  risk_drivers_findings_max_points: decimal
  risk_drivers_objections_max_points: decimal
  risk_drivers_exposure_max_points: decimal
columns:
  driver_codes:
    description: >
      The ten drivers' codes in the scorecard's order, as RISK_DRIVERS in dashboards/components/risk-codes.ts
      (which the pages and exports read); a driver's place in the list is its index.
    description_ar: رموز المحركات العشرة بترتيب بطاقة التقييم.
  lookback_months:
    description: risk.lookback_months the scores were made with.
    description_ar: عدد أشهر فترة المراجعة.
  arrears_severity_max_points:
    description: The cap of arrears_severity (risk.drivers.arrears_severity.max_points).
    description_ar: الحد الأعلى لنقاط المحرك arrears_severity.
  arrears_age_max_points:
    description: The cap of arrears_age (risk.drivers.arrears_age.max_points).
    description_ar: الحد الأعلى لنقاط المحرك arrears_age.
  arrears_amount_max_points:
    description: The cap of arrears_amount (risk.drivers.arrears_amount.max_points).
    description_ar: الحد الأعلى لنقاط المحرك arrears_amount.
  days_late_max_points:
    description: The cap of days_late (risk.drivers.days_late.max_points).
    description_ar: الحد الأعلى لنقاط المحرك days_late.
  invoices_paid_late_max_points:
    description: The cap of invoices_paid_late (risk.drivers.invoices_paid_late.max_points).
    description_ar: الحد الأعلى لنقاط المحرك invoices_paid_late.
  reversed_payments_max_points:
    description: The cap of reversed_payments (risk.drivers.reversed_payments.max_points).
    description_ar: الحد الأعلى لنقاط المحرك reversed_payments.
  compliance_max_points:
    description: The cap of compliance (risk.drivers.compliance.max_points).
    description_ar: الحد الأعلى لنقاط المحرك compliance.
  findings_max_points:
    description: The cap of findings (risk.drivers.findings.max_points).
    description_ar: الحد الأعلى لنقاط المحرك findings.
  objections_max_points:
    description: The cap of objections (risk.drivers.objections.max_points).
    description_ar: الحد الأعلى لنقاط المحرك objections.
  exposure_max_points:
    description: The cap of exposure (risk.drivers.exposure.max_points).
    description_ar: الحد الأعلى لنقاط المحرك exposure.
tests:
  - not_null: [lookback_months]
*/
SELECT
  -- written once here: the scores name their top drivers by place, the view words them, the movements list them
  ['arrears_severity', 'arrears_age', 'arrears_amount', 'days_late', 'invoices_paid_late', 'reversed_payments',
    'compliance', 'findings', 'objections', 'exposure'] AS driver_codes,
  getvariable('risk_lookback_months') AS lookback_months,
  CAST(getvariable('risk_drivers_arrears_severity_max_points') AS DECIMAL(4,1)) AS arrears_severity_max_points,
  CAST(getvariable('risk_drivers_arrears_age_max_points') AS DECIMAL(4,1)) AS arrears_age_max_points,
  CAST(getvariable('risk_drivers_arrears_amount_max_points') AS DECIMAL(4,1)) AS arrears_amount_max_points,
  CAST(getvariable('risk_drivers_days_late_max_points') AS DECIMAL(4,1)) AS days_late_max_points,
  CAST(getvariable('risk_drivers_invoices_paid_late_max_points') AS DECIMAL(4,1)) AS invoices_paid_late_max_points,
  CAST(getvariable('risk_drivers_reversed_payments_max_points') AS DECIMAL(4,1)) AS reversed_payments_max_points,
  CAST(getvariable('risk_drivers_compliance_max_points') AS DECIMAL(4,1)) AS compliance_max_points,
  CAST(getvariable('risk_drivers_findings_max_points') AS DECIMAL(4,1)) AS findings_max_points,
  CAST(getvariable('risk_drivers_objections_max_points') AS DECIMAL(4,1)) AS objections_max_points,
  CAST(getvariable('risk_drivers_exposure_max_points') AS DECIMAL(4,1)) AS exposure_max_points
