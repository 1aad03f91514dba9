-- 02_no_show_by_lead_time.sql
-- Question: are appointments booked further ahead missed more often?
-- Lead time = days between booking and the appointment. The window function compares each band
-- with the shortest one, so the table reads as "how many times the 0-7 day rate".

WITH by_band AS (
    SELECT
        lead_time_band,
        lead_time_band_order,
        count(*) AS appointments,
        sum(no_show) AS no_shows,
        100.0 * avg(no_show) AS rate
    FROM appointments
    GROUP BY lead_time_band, lead_time_band_order
)
SELECT
    lead_time_band,
    appointments,
    no_shows,
    round(rate, 1) AS no_show_pct,
    round(rate / first_value(rate) OVER (ORDER BY lead_time_band_order), 2) AS times_shortest_band
FROM by_band
ORDER BY lead_time_band_order;
