-- 07_clinic_comparison.sql
-- Question: is a clinic's high no-show rate about the clinic, or about how far ahead it books?
-- Indirect standardisation: apply the all-clinic rate of each lead-time band to the clinic's own
-- mix of bands, giving the rate we would "expect" from lead time alone. Observed well above
-- expected is worth a conversation with the clinic; close to expected points back to booking.

WITH band_rates AS (
    SELECT lead_time_band, avg(no_show) AS band_rate
    FROM appointments
    GROUP BY lead_time_band
),
per_clinic AS (
    SELECT
        a.clinic,
        count(*) AS appointments,
        avg(a.no_show) AS observed,
        avg(b.band_rate) AS expected_from_lead_time,
        median(a.lead_time_days) AS median_lead_days
    FROM appointments AS a
    JOIN band_rates AS b USING (lead_time_band)
    GROUP BY a.clinic
)
SELECT
    clinic,
    appointments,
    median_lead_days,
    round(100 * observed, 1) AS observed_pct,
    round(100 * expected_from_lead_time, 1) AS expected_pct,
    round(100 * (observed - expected_from_lead_time), 1) AS pct_points_above_expected
FROM per_clinic
ORDER BY observed_pct DESC, clinic;
