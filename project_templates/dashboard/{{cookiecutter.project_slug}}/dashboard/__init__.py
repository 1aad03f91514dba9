"""Build the offline no-show dashboard: run the SQL in sql/, draw the charts, write the HTML page."""
