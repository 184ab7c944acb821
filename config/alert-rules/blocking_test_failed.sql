-- A blocking (severity error) model test — the reconciliations among them, such as the ledger's totals —
-- whose latest result is not a pass: the latest check of each model, as `tahseel status` reads it, so a
-- model left fresh keeps its alert and one that passes again closes it.
-- requires: audit.test_results
WITH last_check AS (
  SELECT *, first_value(run_id) OVER (PARTITION BY model ORDER BY checked_at DESC) AS model_run FROM audit.test_results
)
SELECT
  'blocking_test_failed:' || model || ':' || test AS alert_key,
  NULL AS employer_id,
  'high' AS severity,
  'Blocking test failed: ' || model || ': ' || test || ' — ' || status || ', ' || CAST(failing_rows AS VARCHAR) || ' row(s)'
    || coalesce(' (' || message || ')', '') AS message_en,
  'فشل اختبار مانع: ' || model || ': ' || test || ' — ' || CASE status WHEN 'fail' THEN 'لم ينجح' ELSE 'تعذّر تنفيذه' END
    || '، عدد الصفوف ' || CAST(failing_rows AS VARCHAR) AS message_ar,
  json_object('model', model, 'test', test, 'status', status, 'failing_rows', failing_rows, 'message', message, 'run_id', run_id)
    AS details
FROM last_check
WHERE run_id = model_run AND severity = 'error' AND status <> 'pass'
QUALIFY row_number() OVER (PARTITION BY model, test ORDER BY checked_at DESC) = 1
