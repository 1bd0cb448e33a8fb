-- wearport 0.1.0: SQLite schema, generated from the table definitions.
-- Apply with: sqlite3 wearport.sqlite < wearport.sql (wearport itself sets PRAGMA user_version = 2).

CREATE TABLE IF NOT EXISTS metadata (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT
) STRICT;

-- one row per exercise (training session)
CREATE TABLE IF NOT EXISTS exercises (
  exercise_id TEXT NOT NULL,
  provider TEXT,
  user_id TEXT,
  sport TEXT,
  sport_detail TEXT,
  start_time_utc TEXT,
  start_time_local TEXT,
  utc_offset_minutes INTEGER,
  offset_source TEXT,
  duration_s REAL,
  distance_m REAL,
  calories_kcal REAL,
  avg_heart_rate_bpm REAL,
  max_heart_rate_bpm REAL,
  device TEXT,
  detail_url TEXT,
  modified_at_utc TEXT,
  source_file TEXT,
  PRIMARY KEY (exercise_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS exercises_by_start_time_utc ON exercises (start_time_utc);
CREATE INDEX IF NOT EXISTS exercises_by_user_id_start_time_utc ON exercises (user_id, start_time_utc);

-- one row per recorded sample of an exercise
CREATE TABLE IF NOT EXISTS exercise_samples (
  exercise_id TEXT NOT NULL,
  sample_index INTEGER NOT NULL,
  time_utc TEXT,
  elapsed_s REAL,
  heart_rate_bpm REAL,
  speed_mps REAL,
  cadence_rpm REAL,
  power_w REAL,
  altitude_m REAL,
  distance_m REAL,
  temperature_c REAL,
  latitude_deg REAL,
  longitude_deg REAL,
  PRIMARY KEY (exercise_id, sample_index),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- one row per lap of an exercise
CREATE TABLE IF NOT EXISTS laps (
  exercise_id TEXT NOT NULL,
  lap_index INTEGER NOT NULL,
  start_time_utc TEXT,
  duration_s REAL,
  distance_m REAL,
  calories_kcal REAL,
  avg_heart_rate_bpm REAL,
  max_heart_rate_bpm REAL,
  max_speed_mps REAL,
  PRIMARY KEY (exercise_id, lap_index),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS laps_by_start_time_utc ON laps (start_time_utc);

-- time spent in each heart-rate zone of an exercise
CREATE TABLE IF NOT EXISTS heart_rate_zones (
  exercise_id TEXT NOT NULL,
  zone_index INTEGER NOT NULL,
  lower_bpm REAL,
  upper_bpm REAL,
  time_in_zone_s REAL,
  PRIMARY KEY (exercise_id, zone_index),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- GPS route points of an exercise
CREATE TABLE IF NOT EXISTS exercise_route (
  exercise_id TEXT NOT NULL,
  point_index INTEGER NOT NULL,
  time_utc TEXT,
  elapsed_s REAL,
  latitude_deg REAL,
  longitude_deg REAL,
  altitude_m REAL,
  satellites INTEGER,
  PRIMARY KEY (exercise_id, point_index),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- totals per local calendar day
CREATE TABLE IF NOT EXISTS daily_activity (
  provider TEXT NOT NULL,
  user_id TEXT NOT NULL,
  date TEXT NOT NULL,
  steps INTEGER,
  distance_m REAL,
  calories_kcal REAL,
  active_calories_kcal REAL,
  bmr_calories_kcal REAL,
  sedentary_min REAL,
  light_min REAL,
  moderate_min REAL,
  vigorous_min REAL,
  resting_heart_rate_bpm REAL,
  modified_at_utc TEXT,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, date)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS daily_activity_by_date ON daily_activity (date);

-- one row per sleep period (night or nap)
CREATE TABLE IF NOT EXISTS sleep_sessions (
  sleep_id TEXT NOT NULL,
  provider TEXT,
  user_id TEXT,
  date TEXT,
  start_time_utc TEXT,
  end_time_utc TEXT,
  start_time_local TEXT,
  utc_offset_minutes INTEGER,
  offset_source TEXT,
  duration_s REAL,
  asleep_s REAL,
  awake_s REAL,
  light_s REAL,
  deep_s REAL,
  rem_s REAL,
  score REAL,
  is_main_sleep INTEGER,
  modified_at_utc TEXT,
  source_file TEXT,
  PRIMARY KEY (sleep_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sleep_sessions_by_start_time_utc ON sleep_sessions (start_time_utc);
CREATE INDEX IF NOT EXISTS sleep_sessions_by_user_id_date ON sleep_sessions (user_id, date);

-- stages of a sleep period
CREATE TABLE IF NOT EXISTS sleep_stages (
  sleep_id TEXT NOT NULL,
  stage_index INTEGER NOT NULL,
  start_time_utc TEXT,
  duration_s REAL,
  stage TEXT,
  raw_stage TEXT,
  PRIMARY KEY (sleep_id, stage_index),
  FOREIGN KEY (sleep_id) REFERENCES sleep_sessions(sleep_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sleep_stages_by_start_time_utc ON sleep_stages (start_time_utc);

-- the provider, user and metric of each sample series (heart rate is the metric `heart_rate`)
CREATE TABLE IF NOT EXISTS sample_series (
  series_id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL,
  user_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  UNIQUE (provider, user_id, metric)
) STRICT;

-- input locations of samples without their trailing array index: `source_file` is `prefix || item`
CREATE TABLE IF NOT EXISTS origins (
  origin_id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL UNIQUE
) STRICT;

-- continuous (all-day) heart rate: the storage behind the view `heart_rate`
CREATE TABLE IF NOT EXISTS heart_rate_store (
  series_id INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  utc_offset_s INTEGER NOT NULL,
  offset_source TEXT NOT NULL,
  heart_rate_bpm REAL,
  confidence INTEGER,
  origin_id INTEGER NOT NULL,
  item INTEGER,
  PRIMARY KEY (series_id, time_ms)
) STRICT, WITHOUT ROWID;

-- other measured quantities (steps per minute, HRV, SpO2, …): the storage behind the view `metric_samples`
CREATE TABLE IF NOT EXISTS metric_store (
  series_id INTEGER NOT NULL,
  time_key ANY NOT NULL,
  utc_offset_s INTEGER,
  value REAL,
  unit TEXT,
  origin_id INTEGER NOT NULL,
  item INTEGER,
  PRIMARY KEY (series_id, time_key)
) STRICT, WITHOUT ROWID;

-- weight, height, BMI and body fat
CREATE TABLE IF NOT EXISTS body_measurements (
  provider TEXT NOT NULL,
  user_id TEXT NOT NULL,
  time_utc TEXT NOT NULL,
  time_local TEXT,
  weight_kg REAL,
  height_m REAL,
  bmi REAL,
  body_fat_pct REAL,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, time_utc)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS body_measurements_by_time_utc ON body_measurements (time_utc);

-- webhook notifications (data-changed events)
CREATE TABLE IF NOT EXISTS notifications (
  provider TEXT NOT NULL,
  event TEXT NOT NULL,
  user_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  entity_id TEXT,
  date TEXT,
  sent_at_utc TEXT,
  received_at_utc TEXT,
  subscription_id TEXT,
  url TEXT,
  signature TEXT,
  date_text TEXT,
  from_date TEXT,
  to_date TEXT,
  deliveries INTEGER,
  first_received_at_utc TEXT,
  last_received_at_utc TEXT,
  batch_id TEXT,
  arrival_date TEXT,
  late INTEGER,
  body_source TEXT,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, event, subject)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS notifications_by_received_at_utc ON notifications (received_at_utc);

-- what a webhook notification asks to fetch from the provider's API, one row per subject
CREATE TABLE IF NOT EXISTS fetch_plan (
  provider TEXT NOT NULL,
  user_id TEXT NOT NULL,
  collection TEXT NOT NULL,
  subject TEXT NOT NULL,
  entity_id TEXT,
  date TEXT,
  url TEXT,
  notified_at_utc TEXT,
  status TEXT,
  PRIMARY KEY (provider, user_id, collection, subject)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fetch_plan_by_status_notified_at_utc ON fetch_plan (status, notified_at_utc);

-- every input document read: file, archive member, format, fingerprint and outcome
CREATE TABLE IF NOT EXISTS sources (
  source TEXT NOT NULL,
  path TEXT,
  member TEXT,
  line INTEGER,
  format TEXT,
  status TEXT,
  sha256 TEXT,
  bytes INTEGER,
  records INTEGER,
  errors INTEGER,
  warnings INTEGER,
  notes INTEGER,
  read_with TEXT,
  spans_documents INTEGER,
  PRIMARY KEY (source)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sources_by_sha256 ON sources (sha256);

DROP VIEW IF EXISTS daily_summary;
DROP VIEW IF EXISTS daily_sleep;
DROP VIEW IF EXISTS daily_exercise;
DROP VIEW IF EXISTS daily_heart_rate;
DROP VIEW IF EXISTS metric_samples;
DROP VIEW IF EXISTS heart_rate;

-- continuous (all-day) heart rate
CREATE VIEW heart_rate AS
SELECT s.provider, s.user_id, strftime('%Y-%m-%dT%H:%M:%S', ((h.time_ms) - ((h.time_ms) % 1000 + 1000) % 1000) / 1000, 'unixepoch') || printf('.%03d', ((h.time_ms) % 1000 + 1000) % 1000) || 'Z' AS time_utc,
  strftime('%Y-%m-%dT%H:%M:%S', ((h.time_ms + h.utc_offset_s * 1000) - ((h.time_ms + h.utc_offset_s * 1000) % 1000 + 1000) % 1000) / 1000, 'unixepoch') || CASE WHEN ((h.time_ms + h.utc_offset_s * 1000) % 1000 + 1000) % 1000 = 0 THEN '' ELSE printf('.%03d', ((h.time_ms + h.utc_offset_s * 1000) % 1000 + 1000) % 1000) END || CASE WHEN h.utc_offset_s < 0 THEN '-' ELSE '+' END || printf('%02d:%02d', abs(h.utc_offset_s) / 3600, abs(h.utc_offset_s) / 60 % 60) || CASE WHEN abs(h.utc_offset_s) % 60 = 0 THEN '' ELSE printf(':%02d', abs(h.utc_offset_s) % 60) END AS time_local,
  h.utc_offset_s / 60 AS utc_offset_minutes, h.offset_source, h.heart_rate_bpm, h.confidence,
  o.prefix || coalesce(h.item, '') AS source_file
FROM heart_rate_store h
JOIN sample_series s ON s.series_id = h.series_id
JOIN origins o ON o.origin_id = h.origin_id;

-- other measured quantities (steps per minute, HRV, SpO2, …)
CREATE VIEW metric_samples AS
SELECT s.provider, s.user_id, s.metric,
  CASE WHEN typeof(m.time_key) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', ((m.time_key) - ((m.time_key) % 1000 + 1000) % 1000) / 1000, 'unixepoch') || printf('.%03d', ((m.time_key) % 1000 + 1000) % 1000) || 'Z' ELSE m.time_key END AS time_key,
  CASE WHEN typeof(m.time_key) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', ((m.time_key) - ((m.time_key) % 1000 + 1000) % 1000) / 1000, 'unixepoch') || printf('.%03d', ((m.time_key) % 1000 + 1000) % 1000) || 'Z' END AS time_utc,
  CASE WHEN typeof(m.time_key) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', ((m.time_key + m.utc_offset_s * 1000) - ((m.time_key + m.utc_offset_s * 1000) % 1000 + 1000) % 1000) / 1000, 'unixepoch') || CASE WHEN ((m.time_key + m.utc_offset_s * 1000) % 1000 + 1000) % 1000 = 0 THEN '' ELSE printf('.%03d', ((m.time_key + m.utc_offset_s * 1000) % 1000 + 1000) % 1000) END || CASE WHEN m.utc_offset_s < 0 THEN '-' ELSE '+' END || printf('%02d:%02d', abs(m.utc_offset_s) / 3600, abs(m.utc_offset_s) / 60 % 60) || CASE WHEN abs(m.utc_offset_s) % 60 = 0 THEN '' ELSE printf(':%02d', abs(m.utc_offset_s) % 60) END END AS time_local,
  CASE WHEN typeof(m.time_key) = 'text' THEN m.time_key END AS date,
  m.value, m.unit, o.prefix || coalesce(m.item, '') AS source_file
FROM metric_store m
JOIN sample_series s ON s.series_id = m.series_id
JOIN origins o ON o.origin_id = m.origin_id;

-- continuous heart rate per local day
CREATE VIEW daily_heart_rate AS
SELECT s.provider, s.user_id, date((h.time_ms + h.utc_offset_s * 1000 - ((h.time_ms + h.utc_offset_s * 1000) % 1000 + 1000) % 1000) / 1000, 'unixepoch') AS date, count(*) AS readings,
  min(h.heart_rate_bpm) AS min_heart_rate_bpm, avg(h.heart_rate_bpm) AS avg_heart_rate_bpm,
  max(h.heart_rate_bpm) AS max_heart_rate_bpm
FROM heart_rate_store h JOIN sample_series s ON s.series_id = h.series_id
GROUP BY h.series_id, date((h.time_ms + h.utc_offset_s * 1000 - ((h.time_ms + h.utc_offset_s * 1000) % 1000 + 1000) % 1000) / 1000, 'unixepoch');

-- exercises per local day of their start
CREATE VIEW daily_exercise AS
SELECT provider, user_id, substr(start_time_local, 1, 10) AS date, count(*) AS exercises,
  sum(duration_s) AS duration_s, sum(distance_m) AS distance_m, sum(calories_kcal) AS calories_kcal
FROM exercises GROUP BY provider, user_id, substr(start_time_local, 1, 10);

-- sleep per night (the day it ended)
CREATE VIEW daily_sleep AS
SELECT provider, user_id, date, count(*) AS sessions, sum(duration_s) AS in_bed_s, sum(asleep_s) AS asleep_s,
  sum(deep_s) AS deep_s, sum(rem_s) AS rem_s, max(score) AS score
FROM sleep_sessions GROUP BY provider, user_id, date;

-- one row per day of daily activity, with that day's exercise, sleep and heart rate
CREATE VIEW daily_summary AS
SELECT d.provider, d.user_id, d.date, d.steps, d.distance_m, d.calories_kcal, d.active_calories_kcal,
  d.resting_heart_rate_bpm, coalesce(e.exercises, 0) AS exercises, e.duration_s AS exercise_s,
  e.distance_m AS exercise_distance_m, s.asleep_s, h.avg_heart_rate_bpm, h.max_heart_rate_bpm
FROM daily_activity d
LEFT JOIN daily_exercise e ON e.provider = d.provider AND e.user_id = d.user_id AND e.date = d.date
LEFT JOIN daily_sleep s ON s.provider = d.provider AND s.user_id = d.user_id AND s.date = d.date
LEFT JOIN daily_heart_rate h ON h.provider = d.provider AND h.user_id = d.user_id AND h.date = d.date;
