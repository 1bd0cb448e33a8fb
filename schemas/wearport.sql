-- wearport 0.1.0: SQLite schema, generated from the table definitions.
-- Apply with: sqlite3 wearport.sqlite < wearport.sql (wearport itself sets PRAGMA user_version = 1).

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

-- continuous (all-day) heart rate
CREATE TABLE IF NOT EXISTS heart_rate (
  provider TEXT NOT NULL,
  user_id TEXT NOT NULL,
  time_utc TEXT NOT NULL,
  time_local TEXT,
  utc_offset_minutes INTEGER,
  offset_source TEXT,
  heart_rate_bpm REAL,
  confidence INTEGER,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, time_utc)
) STRICT, WITHOUT ROWID;

-- other measured quantities (steps per minute, HRV, SpO2, …)
CREATE TABLE IF NOT EXISTS metric_samples (
  provider TEXT NOT NULL,
  user_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  time_key TEXT NOT NULL,
  time_utc TEXT,
  time_local TEXT,
  date TEXT,
  value REAL,
  unit TEXT,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, metric, time_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS metric_samples_by_metric_date ON metric_samples (metric, date);
CREATE INDEX IF NOT EXISTS metric_samples_by_metric_time_utc ON metric_samples (metric, time_utc);

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

-- continuous heart rate per local day
CREATE VIEW daily_heart_rate AS
SELECT provider, user_id, substr(time_local, 1, 10) AS date, count(*) AS readings,
  min(heart_rate_bpm) AS min_heart_rate_bpm, avg(heart_rate_bpm) AS avg_heart_rate_bpm,
  max(heart_rate_bpm) AS max_heart_rate_bpm
FROM heart_rate GROUP BY provider, user_id, substr(time_local, 1, 10);

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
