/*
description: >
  core.detector_wage_history with its ids: the period, employer and contributor each row is for and the
  employer's peer group (core.detector_employers). A view: a detector that keeps a few rows (the extra-zero slips,
  the rises before retirement, the Saudis at the threshold) filters before the names are joined, and one that
  groups or joins many reads core.detector_wage_history by its keys and names only what it finds.
description_ar: "سجل أجور الكواشف مع أرقامه: الشهر والمنشأة والمشترك ومجموعة أقران المنشأة."
grain: one row per period, employer_id and contributor_id
materialized: view
columns:
  period: { same_as: core.detector_months }
  month_index: { same_as: core.detector_wage_history }
  employer_id: { same_as: core.detector_employers }
  contributor_id: { same_as: core.detector_contributors }
  basic_wage: { same_as: core.detector_wage_history }
  housing_allowance: { same_as: core.detector_wage_history }
  wage: { same_as: core.detector_wage_history }
  saudi: { same_as: core.detector_wage_history }
  age: { same_as: core.detector_wage_history }
  sector: { same_as: core.detector_employers }
  size_class: { same_as: core.detector_employers }
  peer_group: { same_as: core.detector_employers }
  nth: { same_as: core.detector_wage_history }
  months: { same_as: core.detector_wage_history }
  usual_wage: { same_as: core.detector_wage_history }
  usual_basic: { same_as: core.detector_wage_history }
  usual_housing: { same_as: core.detector_wage_history }
  prev_wage: { same_as: core.detector_wage_history }
  next_wage: { same_as: core.detector_wage_history }
  times_ten: { same_as: core.detector_wage_history }
  usual_before: { same_as: core.detector_wage_history }
  months_before: { same_as: core.detector_wage_history }
# no tests: every row is one of core.detector_wage_history's, tested there, and each key joins one row of its lookup
*/
SELECT m.period, h.month_index, e.employer_id, c.contributor_id, h.basic_wage, h.housing_allowance, h.wage, h.saudi, h.age,
       e.sector, e.size_class, e.peer_group, h.nth, h.months, h.usual_wage, h.usual_basic, h.usual_housing, h.prev_wage,
       h.next_wage, h.times_ten, h.usual_before, h.months_before
FROM core.detector_wage_history AS h
JOIN core.detector_employers AS e USING (employer_key)
JOIN core.detector_contributors AS c USING (contributor_key)
JOIN core.detector_months AS m USING (month_index)
