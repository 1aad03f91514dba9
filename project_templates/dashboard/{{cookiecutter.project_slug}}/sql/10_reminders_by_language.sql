-- 10_reminders_by_language.sql
-- Question: do reminders go with the same drop in missed appointments for every language group?
-- Appointments booked a day or more ahead (same-day bookings never get a reminder), split by
-- language group and by whether any reminder was sent. A smaller drop for one group is a question
-- about how the reminders reach them (for example, the language they are written in).

WITH booked_ahead AS (
    SELECT language_group, CASE WHEN reminder_channel = 'none' THEN 'none' ELSE 'any' END AS reminder, no_show
    FROM appointments
    WHERE lead_time_days >= 1
),
rates AS (
    SELECT language_group, reminder, count(*) AS n, sum(no_show) AS no_shows, avg(no_show) AS p
    FROM booked_ahead
    GROUP BY language_group, reminder
)
SELECT
    language_group,
    reminder,
    n AS appointments,
    no_shows,
    round(100 * p, 1) AS no_show_pct,
    round(100 * (p + 1.96 ^ 2 / (2 * n) - 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_low,
    round(100 * (p + 1.96 ^ 2 / (2 * n) + 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_high,
    round(100 * p - 100 * max(p) FILTER (WHERE reminder = 'none') OVER (PARTITION BY language_group), 1)
        AS pct_points_vs_none
FROM rates
ORDER BY CASE language_group WHEN 'English' THEN 1 ELSE 2 END, CASE reminder WHEN 'none' THEN 1 ELSE 2 END;
