-- 07_clinic_comparison.sql
-- Question: is a clinic's high no-show rate about the clinic, or about how far ahead it books?
-- Indirect standardisation: apply the all-clinic rate of each lead-time band to the clinic's own
-- mix of bands, giving the number of no-shows we would "expect" from lead time alone. The
-- observed/expected ratio carries a 95% interval (Byar's approximation to the exact Poisson
-- interval): a ratio whose interval includes 1 is within what chance alone would give.
-- This asks whether clinic differences are explained by lead time; the reverse question (does
-- the lead-time gradient hold inside each clinic?) is sql/08_lead_time_within_clinic.sql.

WITH band_rates AS (
    SELECT lead_time_band, avg(no_show) AS band_rate
    FROM appointments
    GROUP BY lead_time_band
),
per_clinic AS (
    SELECT
        a.clinic,
        count(*) AS appointments,
        sum(a.no_show) AS observed_no_shows,
        sum(b.band_rate) AS expected_no_shows,
        median(a.lead_time_days) AS median_lead_days
    FROM appointments AS a
    JOIN band_rates AS b USING (lead_time_band)
    GROUP BY a.clinic
)
SELECT
    clinic,
    appointments,
    median_lead_days,
    observed_no_shows,
    round(expected_no_shows, 1) AS expected_no_shows,
    round(100 * observed_no_shows / appointments, 1) AS observed_pct,
    round(100 * expected_no_shows / appointments, 1) AS expected_pct,
    round(100 * (observed_no_shows - expected_no_shows) / appointments, 1) AS pct_points_above_expected,
    round(observed_no_shows / expected_no_shows, 2) AS observed_to_expected,
    round(observed_no_shows * (1 - 1 / (9 * observed_no_shows) - 1.96 / (3 * sqrt(observed_no_shows))) ^ 3
          / expected_no_shows, 2) AS ratio_ci95_low,
    round((observed_no_shows + 1) * (1 - 1 / (9 * (observed_no_shows + 1)) + 1.96 / (3 * sqrt(observed_no_shows + 1))) ^ 3
          / expected_no_shows, 2) AS ratio_ci95_high
FROM per_clinic
ORDER BY observed_pct DESC, clinic;
