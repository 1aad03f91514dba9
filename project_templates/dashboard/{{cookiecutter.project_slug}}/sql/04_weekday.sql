-- 04_weekday.sql
-- Question: does one weekday stand out?
-- Each day is compared with the rate over all appointments (a window over the whole result),
-- carries a 95% Wilson interval, and is ranked so the dashboard can name the highest day without
-- hard-coding it.

WITH by_day AS (
    SELECT
        weekday,
        weekday_number,
        count(*) AS n,
        sum(no_show) AS no_shows,
        avg(no_show) AS p
    FROM appointments
    GROUP BY weekday, weekday_number
)
SELECT
    weekday,
    n AS appointments,
    no_shows,
    round(100 * p, 1) AS no_show_pct,
    round(100 * (p + 1.96 ^ 2 / (2 * n) - 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_low,
    round(100 * (p + 1.96 ^ 2 / (2 * n) + 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_high,
    round(100 * p - 100 * sum(no_shows) OVER () / sum(n) OVER (), 1) AS pct_points_vs_all_days,
    rank() OVER (ORDER BY p DESC) AS rank_highest
FROM by_day
ORDER BY weekday_number;
