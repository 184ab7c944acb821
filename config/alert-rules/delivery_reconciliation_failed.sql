-- A delivered file refused because it does not reconcile with its manifest (rows, control total, sha256):
-- its data is missing from the warehouse until the source sends it again.
-- requires: audit.loads
SELECT
  'delivery_reconciliation_failed:' || delivery_id || ':' || file_name AS alert_key,
  NULL AS employer_id,
  'high' AS severity,
  'A file of delivery ' || delivery_id || ' does not reconcile with its manifest and was refused: ' || reason AS message_en,
  'رُفض ملف من التسليم ' || delivery_id || ' لعدم مطابقته البيان المرافق: ' || reason AS message_ar,
  json_object('delivery_id', delivery_id, 'file_name', file_name, 'entity', entity, 'reason', reason, 'loaded_at', loaded_at) AS details
FROM audit.loads
WHERE status = 'rejected' AND reason LIKE '%manifest says%'
