-- A source whose latest delivery is older than its expected cadence (config/alerts.json stale_after_hours,
-- in the temp table _alert_cadence), measured on the clock, not the as-of date: a source that stops
-- delivering also stops moving the latest date in the data. The delivery's time is the one `tahseel
-- status` shows: the manifest's created_at, or when it was loaded if the manifest has none.
-- requires: audit.loads, audit.deliveries
WITH latest AS (
  SELECT l.entity, max(coalesce(d.created_at, l.loaded_at)) AS last_at
  FROM audit.loads AS l LEFT JOIN audit.deliveries AS d USING (delivery_id)
  WHERE l.status = 'loaded' AND l.entity IS NOT NULL
  GROUP BY l.entity
), aged AS (
  SELECT c.entity, c.hours, latest.last_at,
    CAST(floor((epoch(getvariable('alert_now')) - epoch(latest.last_at)) / 3600) AS BIGINT) AS hours_since
  FROM _alert_cadence AS c JOIN latest USING (entity)
)
SELECT
  'source_stale:' || entity AS alert_key,
  NULL AS employer_id,
  'high' AS severity,
  'Source ' || entity || ' is stale: its latest delivery is ' || CAST(hours_since AS VARCHAR)
    || ' hours old, and one is expected at least every ' || CAST(hours AS VARCHAR) || ' hours' AS message_en,
  'المصدر ' || entity || ' متأخر عن موعده: مضت ' || CAST(hours_since AS VARCHAR) || ' ساعة على آخر تسليم منه، '
    || 'والمتوقع تسليم كل ' || CAST(hours AS VARCHAR) || ' ساعة على الأكثر' AS message_ar,
  json_object('entity', entity, 'last_delivery_at', last_at, 'hours_since', hours_since, 'expected_every_hours', hours) AS details
FROM aged
WHERE hours_since >= hours
