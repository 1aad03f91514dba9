-- 01_overview.sql
-- Question: how many appointments, patients and missed visits are there, over which dates?
-- One row of headline numbers for the KPI tiles. The no-show rate uses every booked appointment
-- as its denominator; the median wait uses attended visits only (a missed visit has no wait).

SELECT
    count(*) AS appointments,
    count(DISTINCT patient_id) AS patients,
    count(DISTINCT clinic) AS clinics,
    sum(no_show) AS no_shows,
    round(100.0 * avg(no_show), 1) AS no_show_pct,
    median(wait_minutes) FILTER (WHERE no_show = 0) AS median_wait_minutes,
    round(100.0 * avg(CASE WHEN reminder_channel <> 'none' THEN 1 ELSE 0 END), 1) AS reminded_pct,
    round(100.0 * avg(CASE WHEN visit_type = 'telehealth' THEN 1 ELSE 0 END), 1) AS telehealth_pct,
    min(scheduled_at)::DATE AS first_day,
    max(scheduled_at)::DATE AS last_day
FROM appointments;
