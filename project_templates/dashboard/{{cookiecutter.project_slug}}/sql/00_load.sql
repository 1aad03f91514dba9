-- 00_load.sql
-- Load the synthetic appointments and add the derived columns the other queries share.
-- Column types are stated rather than guessed, so an empty wait_minutes (a missed visit) reads as
-- NULL and scheduled_at is a real TIMESTAMP. Paths are relative to the project folder.

CREATE OR REPLACE VIEW appointments AS
WITH raw AS (
    SELECT *
    FROM read_csv(
        'data/appointments.csv',
        header = true,
        columns = {
            'appointment_id': 'VARCHAR',
            'patient_id': 'VARCHAR',
            'clinic': 'VARCHAR',
            'specialty': 'VARCHAR',
            'visit_type': 'VARCHAR',
            'scheduled_at': 'TIMESTAMP',
            'lead_time_days': 'INTEGER',
            'reminder_channel': 'VARCHAR',
            'age_band': 'VARCHAR',
            'distance_band': 'VARCHAR',
            'preferred_language': 'VARCHAR',
            'no_show': 'INTEGER',
            'wait_minutes': 'INTEGER'
        }
    )
)
SELECT
    raw.*,
    dayname(scheduled_at) AS weekday,
    isodow(scheduled_at) AS weekday_number,          -- 1 = Monday ... 5 = Friday
    hour(scheduled_at) AS scheduled_hour,
    -- Same-day bookings are their own band: they never get a reminder, so mixing them with
    -- 1-7 days would blur two different things.
    CASE
        WHEN lead_time_days = 0 THEN 'same day'
        WHEN lead_time_days <= 7 THEN '1-7 days'
        WHEN lead_time_days <= 14 THEN '8-14 days'
        WHEN lead_time_days <= 30 THEN '15-30 days'
        WHEN lead_time_days <= 60 THEN '31-60 days'
        ELSE '61+ days'
    END AS lead_time_band,
    CASE
        WHEN lead_time_days = 0 THEN 0
        WHEN lead_time_days <= 7 THEN 1
        WHEN lead_time_days <= 14 THEN 2
        WHEN lead_time_days <= 30 THEN 3
        WHEN lead_time_days <= 60 THEN 4
        ELSE 5
    END AS lead_time_band_order,
    strftime(scheduled_at, '%Y-%m') AS month,
    CASE WHEN preferred_language = 'English' THEN 'English' ELSE 'Other than English' END AS language_group
FROM raw;
