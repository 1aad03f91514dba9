-- 04_weekday.sql
-- Question: does one weekday stand out?
-- Each day is compared with the rate over all appointments (a window over the whole result),
-- and ranked so the dashboard can name the highest day without hard-coding it.

WITH by_day AS (
    SELECT
        weekday,
        weekday_number,
        count(*) AS appointments,
        sum(no_show) AS no_shows
    FROM appointments
    GROUP BY weekday, weekday_number
)
SELECT
    weekday,
    appointments,
    no_shows,
    round(100.0 * no_shows / appointments, 1) AS no_show_pct,
    round(100.0 * no_shows / appointments - 100.0 * sum(no_shows) OVER () / sum(appointments) OVER (), 1)
        AS pct_points_vs_all_days,
    rank() OVER (ORDER BY no_shows / appointments DESC) AS rank_highest
FROM by_day
ORDER BY weekday_number;
