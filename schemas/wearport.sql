-- wearport 0.1.0: SQLite schema, generated from the table definitions.

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
  modified_at_utc TEXT,
  source_file TEXT,
  PRIMARY KEY (exercise_id)
) STRICT;

CREATE TABLE IF NOT EXISTS exercise_samples (
  exercise_id TEXT NOT NULL,
  time_utc TEXT NOT NULL,
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
  PRIMARY KEY (exercise_id, time_utc),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT;

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
) STRICT;

CREATE TABLE IF NOT EXISTS heart_rate_zones (
  exercise_id TEXT NOT NULL,
  zone_index INTEGER NOT NULL,
  lower_bpm REAL,
  upper_bpm REAL,
  time_in_zone_s REAL,
  PRIMARY KEY (exercise_id, zone_index),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT;

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
) STRICT;

CREATE TABLE IF NOT EXISTS daily_activity (
  provider TEXT NOT NULL,
  user_id TEXT,
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
  source_file TEXT,
  PRIMARY KEY (provider, user_id, date)
) STRICT;

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
  source_file TEXT,
  PRIMARY KEY (sleep_id)
) STRICT;

CREATE TABLE IF NOT EXISTS sleep_stages (
  sleep_id TEXT NOT NULL,
  start_time_utc TEXT NOT NULL,
  duration_s REAL,
  stage TEXT,
  raw_stage TEXT,
  PRIMARY KEY (sleep_id, start_time_utc),
  FOREIGN KEY (sleep_id) REFERENCES sleep_sessions(sleep_id) ON DELETE CASCADE
) STRICT;

CREATE TABLE IF NOT EXISTS heart_rate (
  provider TEXT NOT NULL,
  user_id TEXT,
  time_utc TEXT NOT NULL,
  time_local TEXT,
  utc_offset_minutes INTEGER,
  offset_source TEXT,
  heart_rate_bpm REAL,
  confidence INTEGER,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, time_utc)
) STRICT;

CREATE TABLE IF NOT EXISTS metric_samples (
  provider TEXT NOT NULL,
  user_id TEXT,
  metric TEXT NOT NULL,
  time_utc TEXT NOT NULL,
  time_local TEXT,
  date TEXT NOT NULL,
  value REAL,
  unit TEXT,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, metric, time_utc, date)
) STRICT;

CREATE TABLE IF NOT EXISTS body_measurements (
  provider TEXT NOT NULL,
  user_id TEXT,
  time_utc TEXT NOT NULL,
  time_local TEXT,
  weight_kg REAL,
  height_m REAL,
  bmi REAL,
  body_fat_pct REAL,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, time_utc)
) STRICT;

CREATE TABLE IF NOT EXISTS notifications (
  provider TEXT NOT NULL,
  event TEXT NOT NULL,
  user_id TEXT,
  entity_id TEXT NOT NULL,
  date TEXT NOT NULL,
  sent_at_utc TEXT,
  received_at_utc TEXT,
  subscription_id TEXT,
  url TEXT,
  signature TEXT,
  source_file TEXT,
  PRIMARY KEY (provider, user_id, event, entity_id, date)
) STRICT;
