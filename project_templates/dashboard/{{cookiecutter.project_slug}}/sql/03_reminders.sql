-- 03_reminders.sql
-- Question: are appointments with a reminder missed less often, and by which channel?
-- Same-day bookings never get a reminder, and they are also the shortest lead times, so they are
-- left out: otherwise the "none" group would look better than it is. The difference is in
-- percentage points against the no-reminder group of the same population.

WITH booked_ahead AS (
    SELECT *
    FROM appointments
    WHERE lead_time_days >= 1
),
by_channel AS (
    SELECT
        reminder_channel,
        count(*) AS appointments,
        sum(no_show) AS no_shows,
        100.0 * avg(no_show) AS rate,
        avg(lead_time_days) AS mean_lead_days
    FROM booked_ahead
    GROUP BY reminder_channel
)
SELECT
    reminder_channel,
    appointments,
    no_shows,
    round(rate, 1) AS no_show_pct,
    round(rate - max(rate) FILTER (WHERE reminder_channel = 'none') OVER (), 1) AS pct_points_vs_none,
    round(mean_lead_days, 1) AS mean_lead_days
FROM by_channel
ORDER BY CASE reminder_channel WHEN 'none' THEN 0 WHEN 'email' THEN 1 WHEN 'sms' THEN 2 ELSE 3 END;
