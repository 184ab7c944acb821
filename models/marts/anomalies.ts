/*
description: >
  Every finding of every detector (rules.md §8): the union of all the models in models/detectors/,
  whatever they are, so an analyst adds a detector by adding a file there and nothing else. The id is
  derived from the rule, the entity, its id and the period, so a rebuild finds the same finding again
  under the same id (the findings register keeps dispositions by it).
description_ar: كل نتائج الكواشف مجمّعة من models/detectors/ بمعرّف ثابت يُعاد إيجاده عند إعادة البناء.
grain: one row per finding (anomaly_id)
materialized: table
depends_on: [detectors.*]
columns:
  anomaly_id: {type: VARCHAR, description: "Stable id: the first 16 hex digits of md5(rule|entity|entity_id|period).",
    description_ar: "معرّف ثابت: أول 16 رقمًا ست عشريًا من md5(rule|entity|entity_id|period)."}
  rule: {type: VARCHAR, description: "Detector that raised the finding.",
    description_ar: "الكاشف الذي أثار النتيجة."}
  rule_version: {type: INTEGER, description: "Version of the detector's logic.",
    description_ar: "إصدار منطق الكاشف."}
  entity: {type: VARCHAR, description: "Kind of row that tripped it, in the extracts' words (payment, wage, adjustment, invoice, contributor, employer, engagement, staff, all).",
    description_ar: "نوع السجل الذي أثار النتيجة (دفعة، أجر، تسوية، فاتورة، مشترك، منشأة، فترة تسجيل، مستخدم من الموظفين، الكل)."}
  entity_id: {type: VARCHAR, description: "That row's key (a wage: period|employer_id|contributor_id).",
    description_ar: "مفتاح ذلك السجل (للأجر: period|employer_id|contributor_id)."}
  employer_id: {type: VARCHAR, description: "Employer concerned, where there is one.",
    description_ar: "المنشأة المعنية، إن وُجدت."}
  contributor_id: {type: VARCHAR, description: "Contributor concerned, where there is one.",
    description_ar: "المشترك المعني، إن وُجد."}
  period: {type: VARCHAR, description: "Month YYYY-MM, where the finding has one.",
    description_ar: "الشهر YYYY-MM، إن كان للنتيجة شهر."}
  severity: {type: VARCHAR, description: "low, medium, high or critical.",
    description_ar: "درجة الخطورة: منخفضة أو متوسطة أو عالية أو حرجة."}
  score: {type: DOUBLE, description: "How far past its threshold (1 = at it); ranks the findings of one rule.",
    description_ar: "مقدار تجاوز العتبة (1 = عندها)؛ يرتّب نتائج الكاشف الواحد."}
  evidence: {type: JSON, description: "The values that tripped the rule and the threshold crossed.",
    description_ar: "القيم التي أثارت القاعدة والعتبة التي تم تجاوزها."}
tests:
  - unique: anomaly_id
  - not_null: [anomaly_id, rule, entity, entity_id, severity, score, evidence]
  - accepted_values: {column: severity, values: [low, medium, high, critical]}
  - expression: "period IS NULL OR regexp_full_match(period, '\\d{4}-(0[1-9]|1[0-2])')"
*/
// Only a type import (erased when the model runs), so the models folder can live anywhere (--models DIR).
import type { TsModelContext } from "../../pipelines/engine/ts-model.ts";

const COLUMNS = `
  substr(md5(rule || '|' || entity || '|' || entity_id || '|' || coalesce(period, '')), 1, 16) AS anomaly_id,
  CAST(rule AS VARCHAR) AS rule, CAST(rule_version AS INTEGER) AS rule_version, CAST(entity AS VARCHAR) AS entity,
  CAST(entity_id AS VARCHAR) AS entity_id, CAST(employer_id AS VARCHAR) AS employer_id,
  CAST(contributor_id AS VARCHAR) AS contributor_id, CAST(period AS VARCHAR) AS period,
  CAST(severity AS VARCHAR) AS severity, CAST(score AS DOUBLE) AS score, CAST(evidence AS JSON) AS evidence`;

const EMPTY = `SELECT NULL::VARCHAR AS rule, NULL::INTEGER AS rule_version, NULL::VARCHAR AS entity, NULL::VARCHAR AS entity_id,
  NULL::VARCHAR AS employer_id, NULL::VARCHAR AS contributor_id, NULL::VARCHAR AS period, NULL::VARCHAR AS severity,
  NULL::DOUBLE AS score, NULL::JSON AS evidence WHERE false`;

export default async function build({ connection, target, upstream, relation }: TsModelContext): Promise<void> {
  // Each detector's own columns, by name: a detector that leaves out contributor_id or period gets NULL there.
  const parts = upstream.filter((id) => id.startsWith("detectors.")).map((id) => `SELECT * FROM ${relation(id)}`);
  const union = [EMPTY, ...parts].join("\nUNION ALL BY NAME\n");
  await connection.run(`CREATE TABLE ${target} AS SELECT ${COLUMNS} FROM (${union}) ORDER BY rule, employer_id, period, entity_id`);
}
