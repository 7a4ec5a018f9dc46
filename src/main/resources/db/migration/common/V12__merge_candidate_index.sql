-- Merge candidates are looked up by category around a point (a box of latitude and longitude). The
-- index on (status, category_code, last_report_at) reads every open incident of the category in the
-- merge window; at several hundred reports a second that is thousands of rows per report. With the
-- latitude in the index, a lookup reads only the band of the box (the same SQL on H2 and PostgreSQL).
CREATE INDEX ix_incident_open_lat ON incident (status, category_code, lat);
