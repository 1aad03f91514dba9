-- 03_reminders.sql
-- Question: are appointments with a reminder missed less often, and by which channel?
-- Same-day bookings never get a reminder, and they are also the shortest lead times, so they are
-- left out: otherwise the "none" group would look better than it is. The difference is in
-- percentage points against the no-reminder group of the same population; each rate has a 95%
-- Wilson interval.

WITH booked_ahead AS (
    SELECT *
    FROM appointments
    WHERE lead_time_days >= 1
),
by_channel AS (
    SELECT
        reminder_channel,
        count(*) AS n,
        sum(no_show) AS no_shows,
        avg(no_show) AS p,
        avg(lead_time_days) AS mean_lead_days
    FROM booked_ahead
    GROUP BY reminder_channel
)
SELECT
    reminder_channel,
    n AS appointments,
    no_shows,
    round(100 * p, 1) AS no_show_pct,
    round(100 * (p + 1.96 ^ 2 / (2 * n) - 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_low,
    round(100 * (p + 1.96 ^ 2 / (2 * n) + 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_high,
    round(100 * p - 100 * max(p) FILTER (WHERE reminder_channel = 'none') OVER (), 1) AS pct_points_vs_none,
    round(mean_lead_days, 1) AS mean_lead_days
FROM by_channel
ORDER BY CASE reminder_channel WHEN 'none' THEN 0 WHEN 'email' THEN 1 WHEN 'sms' THEN 2 ELSE 3 END;
