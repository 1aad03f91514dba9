-- 05_equity_distance_language.sql
-- Question: do missed appointments differ by travel distance or preferred language?
-- This is an equity view, not a ranking of patients. Each rate carries a 95% Wilson interval,
-- because some groups are small and a gap between small groups can be noise.
-- Distance is shown for in-person visits only (telehealth needs no travel).

WITH groups AS (
    SELECT 'Distance (in person)' AS dimension, distance_band AS grp,
           CASE distance_band WHEN '0-5 km' THEN 1 WHEN '5-15 km' THEN 2 WHEN '15-30 km' THEN 3 ELSE 4 END AS grp_order,
           no_show
    FROM appointments
    WHERE visit_type <> 'telehealth'
    UNION ALL
    SELECT 'Language group', language_group,
           CASE language_group WHEN 'English' THEN 1 ELSE 2 END, no_show
    FROM appointments
    UNION ALL
    SELECT 'Preferred language', preferred_language,
           CASE preferred_language WHEN 'English' THEN 1 ELSE 2 END, no_show
    FROM appointments
),
rates AS (
    SELECT dimension, grp, min(grp_order) AS grp_order, count(*) AS n, sum(no_show) AS no_shows,
           avg(no_show) AS p
    FROM groups
    GROUP BY dimension, grp
)
SELECT
    dimension,
    grp AS "group",
    n AS appointments,
    no_shows,
    round(100 * p, 1) AS no_show_pct,
    round(100 * (p + 1.96 ^ 2 / (2 * n) - 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_low,
    round(100 * (p + 1.96 ^ 2 / (2 * n) + 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_high,
    round(100 * p - 100 * first_value(p) OVER (PARTITION BY dimension ORDER BY grp_order, grp), 1)
        AS pct_points_vs_reference
FROM rates
ORDER BY
    CASE dimension WHEN 'Distance (in person)' THEN 1 WHEN 'Language group' THEN 2 ELSE 3 END,
    grp_order,
    appointments DESC;
