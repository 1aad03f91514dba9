-- 06_wait_times_by_clinic.sql
-- Question: at which clinics is the wait after check-in longest, for visits that went ahead?
-- Medians resist a few very long waits; the 90th percentile shows how bad a bad day is.

WITH attended AS (
    SELECT clinic, wait_minutes
    FROM appointments
    WHERE no_show = 0
)
SELECT
    clinic,
    count(*) AS attended_visits,
    median(wait_minutes) AS median_wait_minutes,
    round(quantile_cont(wait_minutes, 0.9), 1) AS p90_wait_minutes,
    round(avg(wait_minutes), 1) AS mean_wait_minutes,
    rank() OVER (ORDER BY median(wait_minutes) DESC) AS rank_longest
FROM attended
GROUP BY clinic
ORDER BY median_wait_minutes DESC, clinic;
