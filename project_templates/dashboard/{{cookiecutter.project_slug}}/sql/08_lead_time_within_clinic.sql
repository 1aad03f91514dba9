-- 08_lead_time_within_clinic.sql
-- Question: does the lead-time gradient hold inside each clinic, or is it a clinic effect?
-- A stratified check: within every clinic, bookings made more than 30 days ahead are compared
-- with bookings made within 14 days (same day included), each rate with a 95% Wilson interval.
-- The last two rows pool the clinics: the crude odds ratio (clinics ignored) and the
-- Mantel-Haenszel odds ratio (the comparison made inside each clinic, then combined). If the two
-- are close, clinic does not explain the gradient.

WITH cells AS (
    SELECT
        clinic,
        count(*) FILTER (WHERE lead_time_days >= 31) AS long_n,
        count(*) FILTER (WHERE lead_time_days >= 31 AND no_show = 1) AS long_missed,
        count(*) FILTER (WHERE lead_time_days <= 14) AS short_n,
        count(*) FILTER (WHERE lead_time_days <= 14 AND no_show = 1) AS short_missed
    FROM appointments
    GROUP BY clinic
),
rates AS (
    SELECT *, long_missed / long_n AS p_long, short_missed / short_n AS p_short,
           long_n + short_n AS n_both
    FROM cells
),
per_clinic AS (
    SELECT
        1 AS row_order,
        clinic,
        short_n AS short_appointments,
        round(100 * p_short, 1) AS short_no_show_pct,
        round(100 * (p_short + 1.96 ^ 2 / (2 * short_n) - 1.96 * sqrt(p_short * (1 - p_short) / short_n
              + 1.96 ^ 2 / (4 * short_n ^ 2))) / (1 + 1.96 ^ 2 / short_n), 1) AS short_ci95_low,
        round(100 * (p_short + 1.96 ^ 2 / (2 * short_n) + 1.96 * sqrt(p_short * (1 - p_short) / short_n
              + 1.96 ^ 2 / (4 * short_n ^ 2))) / (1 + 1.96 ^ 2 / short_n), 1) AS short_ci95_high,
        long_n AS long_appointments,
        round(100 * p_long, 1) AS long_no_show_pct,
        round(100 * (p_long + 1.96 ^ 2 / (2 * long_n) - 1.96 * sqrt(p_long * (1 - p_long) / long_n
              + 1.96 ^ 2 / (4 * long_n ^ 2))) / (1 + 1.96 ^ 2 / long_n), 1) AS long_ci95_low,
        round(100 * (p_long + 1.96 ^ 2 / (2 * long_n) + 1.96 * sqrt(p_long * (1 - p_long) / long_n
              + 1.96 ^ 2 / (4 * long_n ^ 2))) / (1 + 1.96 ^ 2 / long_n), 1) AS long_ci95_high,
        round(p_long / p_short, 2) AS times_as_high,
        round(long_missed * (short_n - short_missed) / ((long_n - long_missed) * short_missed), 2) AS odds_ratio
    FROM rates
),
pooled AS (
    SELECT
        2 AS row_order,
        'All clinics, crude' AS clinic,
        sum(short_n), round(100 * sum(short_missed) / sum(short_n), 1), NULL, NULL,
        sum(long_n), round(100 * sum(long_missed) / sum(long_n), 1), NULL, NULL,
        round((sum(long_missed) / sum(long_n)) / (sum(short_missed) / sum(short_n)), 2),
        round(sum(long_missed) * sum(short_n - short_missed)
              / (sum(long_n - long_missed) * sum(short_missed)), 2)
    FROM rates
    UNION ALL
    SELECT
        3, 'All clinics, Mantel-Haenszel (within clinic)',
        sum(short_n), NULL, NULL, NULL, sum(long_n), NULL, NULL, NULL, NULL,
        round(sum(long_missed * (short_n - short_missed) / n_both)
              / sum((long_n - long_missed) * short_missed / n_both), 2)
    FROM rates
)
SELECT * EXCLUDE (row_order)
FROM (SELECT * FROM per_clinic UNION ALL SELECT * FROM pooled)
ORDER BY row_order, long_no_show_pct DESC, clinic;
