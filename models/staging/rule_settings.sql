/*
description: >
  Every setting of config/rules.json as it was when the tables were built (the validated file,
  flattened), so auditors can read in the warehouse which numbers produced the figures. Models read
  scalar settings as parameters (arrears.tolerance → getvariable('arrears_tolerance')) and the rate
  table from staging.rule_rates; this table is the record, not an input.
description_ar: >
  كل إعداد في config/rules.json كما كان عند بناء الجداول، ليقرأ المدققون في المستودع الأرقام التي
  أنتجت النتائج. هذا الجدول سجلّ وليس مدخلًا للنماذج.
grain: one row per setting path (arrays element by element)
materialized: table
params:
  rules_json: {type: varchar, description: "the whole validated config/rules.json"}
columns:
  setting:
    description: JSON path of the setting, e.g. $.arrears.tolerance or $.contributions.rates[3].employer.
    description_ar: مسار الإعداد في JSON، مثل $.arrears.tolerance.
  param_name:
    description: The parameter name a model declares to read a scalar setting (path joined by _), null inside arrays.
    description_ar: اسم المعامل الذي يقرأ به النموذج الإعداد المفرد؛ فارغ داخل المصفوفات.
  value:
    description: The setting's value as text.
    description_ar: قيمة الإعداد نصًا.
tests:
  - unique: setting
  - not_null: [setting, value]
*/
SELECT
  fullkey AS setting,
  CASE WHEN fullkey LIKE '%[%' THEN NULL ELSE replace(substr(fullkey, 3), '.', '_') END AS param_name,
  CASE WHEN type = 'VARCHAR' THEN atom ->> '$' ELSE CAST(atom AS VARCHAR) END AS value
FROM json_tree(getvariable('rules_json'))
WHERE type NOT IN ('OBJECT', 'ARRAY')
