-- 02_no_show_by_lead_time.sql
-- Question: are appointments booked further ahead missed more often?
-- Lead time = days between booking and the appointment. Same-day bookings are a band of their own
-- (they never get a reminder). Each band carries a 95% Wilson interval, and a window function
-- compares it with the 1-7 day band, so the table reads as "how many times the 1-7 day rate".

WITH by_band AS (
    SELECT
        lead_time_band,
        lead_time_band_order,
        count(*) AS n,
        sum(no_show) AS no_shows,
        avg(no_show) AS p
    FROM appointments
    GROUP BY lead_time_band, lead_time_band_order
)
SELECT
    lead_time_band,
    n AS appointments,
    no_shows,
    round(100 * p, 1) AS no_show_pct,
    round(100 * (p + 1.96 ^ 2 / (2 * n) - 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_low,
    round(100 * (p + 1.96 ^ 2 / (2 * n) + 1.96 * sqrt(p * (1 - p) / n + 1.96 ^ 2 / (4 * n ^ 2)))
          / (1 + 1.96 ^ 2 / n), 1) AS ci95_high,
    round(p / max(p) FILTER (WHERE lead_time_band = '1-7 days') OVER (), 2) AS times_1_to_7_day_rate
FROM by_band
ORDER BY lead_time_band_order;
