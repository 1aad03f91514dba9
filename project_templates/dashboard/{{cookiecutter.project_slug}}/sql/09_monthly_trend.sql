-- 09_monthly_trend.sql
-- Question: is the monthly no-show rate stable, or did something change during the year?
-- A p-chart (Shewhart control chart for a proportion): the centre line is the rate over the whole
-- year, and each month's 3-sigma limits are centre +/- 3 * sqrt(centre * (1 - centre) / n), so a
-- month with fewer appointments gets wider limits. A month outside its limits is a signal worth
-- investigating; months inside them differ by chance (common-cause variation) and should not be
-- explained one by one.

WITH by_month AS (
    SELECT month, count(*) AS n, sum(no_show) AS no_shows
    FROM appointments
    GROUP BY month
),
centre AS (
    SELECT sum(no_shows) / sum(n) AS p_bar FROM by_month
)
SELECT
    month,
    n AS appointments,
    no_shows,
    round(100.0 * no_shows / n, 1) AS no_show_pct,
    round(100 * p_bar, 1) AS centre_pct,
    round(100 * greatest(0, p_bar - 3 * sqrt(p_bar * (1 - p_bar) / n)), 1) AS lower_limit_pct,
    round(100 * least(1, p_bar + 3 * sqrt(p_bar * (1 - p_bar) / n)), 1) AS upper_limit_pct,
    CASE
        WHEN no_shows / n > p_bar + 3 * sqrt(p_bar * (1 - p_bar) / n) THEN 'above'
        WHEN no_shows / n < p_bar - 3 * sqrt(p_bar * (1 - p_bar) / n) THEN 'below'
        ELSE 'inside'
    END AS signal
FROM by_month, centre
ORDER BY month;
