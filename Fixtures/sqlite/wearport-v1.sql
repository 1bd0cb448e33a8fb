-- A database written by wearport 0.1.0 with schema version 1 (before the compact sample storage), from:
-- wearport convert Fixtures/fitbit/export/user-site-export Fixtures/polar/flow-export Fixtures/polar/accesslink/{continuous-hr-range,activity-day-samples,nightly-recharge}.json Fixtures/fitbit/api/intraday-{heart,distance}-2026-03-14.json Fixtures/fitbit/api/metric --timezone Europe/Berlin --to sqlite
-- then: sqlite3 FILE .dump (plus the user_version it had).
PRAGMA user_version = 1;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE metadata (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT
) STRICT;
INSERT INTO metadata VALUES('schema_version','1');
INSERT INTO metadata VALUES('tool_version','0.1.0');
INSERT INTO metadata VALUES('inputs_imported','31');
CREATE TABLE exercises (
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
INSERT INTO exercises VALUES('fitbit:47000000009','fitbit',NULL,'running','Run','2026-02-10T18:05:00.000Z','2026-02-10T19:05:00+01:00',60,'time_zone',1560.0,4200.0,301.0,NULL,NULL,NULL,NULL,'2026-02-10T18:40:02.000Z','Fixtures/fitbit/api/metric/activities-2026-02-10.json#/activities/0');
INSERT INTO exercises VALUES('fitbit:47000000010','fitbit',NULL,'cycling','Outdoor Bike','2026-02-11T15:00:00.000Z','2026-02-11T16:00:00+01:00',60,'explicit',3120.0,21750.0,540.0,NULL,NULL,NULL,'https://api.fitbit.com/1/user/-/activities/47000000010.tcx','2026-02-11T17:02:00.000Z','Fixtures/fitbit/api/metric/activity-log-list-berlin-km.json#/activities/0');
INSERT INTO exercises VALUES('fitbit:60000000001','fitbit',NULL,'walking','Walk','2024-01-14T22:00:00.000Z','2024-01-14T23:00:00+01:00',60,'time_zone',600.0,147.0,40.0,98.0,NULL,'Charge 6','https://www.fitbit.com/activities/exercise/60000000001?export=tcx','2024-01-14T22:15:03.000Z','Fixtures/fitbit/export/user-site-export/user-site-export/exercise/exercise-0.json#/0');
INSERT INTO exercises VALUES('polar:111222333','polar',NULL,'running','RUNNING','2017-01-23T17:20:18.000Z','2017-01-23T18:20:18+01:00',60,'source_field',5.25,12.5,1.0,97.0,99.0,NULL,NULL,NULL,'Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2017-01-23-111222333-5d7f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.json#/exercises/0');
INSERT INTO exercises VALUES('polar:987654321-1','polar',NULL,'pool_swimming','103','2025-08-17T00:12:22.000Z','2025-08-16T17:12:22-07:00',-420,'source_field',5.0,0.0,NULL,125.0,130.0,'Polar Vantage V3',NULL,'2025-08-17T02:45:10.000Z','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2025-08-16-987654321-aa11bb22-cc33-4d44-8e55-ff6677889900.json#/exercises/0');
INSERT INTO exercises VALUES('polar:987654321-2','polar',NULL,'running','1','2025-08-17T00:12:30.000Z','2025-08-16T17:12:30-07:00',-420,'source_field',10.0,40.0,NULL,136.0,140.0,'Polar Vantage V3',NULL,'2025-08-17T02:45:10.000Z','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2025-08-16-987654321-aa11bb22-cc33-4d44-8e55-ff6677889900.json#/exercises/1');
CREATE TABLE exercise_samples (
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
INSERT INTO exercise_samples VALUES('polar:111222333',0,'2017-01-23T17:20:18.000Z',0.0,95.0,2.0,NULL,NULL,NULL,NULL,NULL,53.107227000000001735,8.8594363299999994154);
INSERT INTO exercise_samples VALUES('polar:111222333',1,'2017-01-23T17:20:19.000Z',1.0,96.0,2.5,NULL,NULL,NULL,NULL,NULL,53.10720799999999997,8.8594284999999999286);
INSERT INTO exercise_samples VALUES('polar:111222333',2,'2017-01-23T17:20:20.000Z',2.0,NULL,2.5,NULL,NULL,NULL,NULL,NULL,53.107190000000002783,8.8594202000000006336);
INSERT INTO exercise_samples VALUES('polar:111222333',3,'2017-01-23T17:20:21.000Z',3.0,98.0,2.5,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:111222333',4,'2017-01-23T17:20:22.000Z',4.0,99.0,2.5,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-1',0,'2025-08-17T00:12:22.000Z',0.0,120.0,NULL,NULL,NULL,NULL,NULL,22.5,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-1',1,'2025-08-17T00:12:23.000Z',1.0,122.0,NULL,NULL,NULL,NULL,NULL,22.5,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-1',2,'2025-08-17T00:12:24.000Z',2.0,NULL,NULL,NULL,NULL,NULL,NULL,22.60000000000000142,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-1',3,'2025-08-17T00:12:25.000Z',3.0,128.0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-1',4,'2025-08-17T00:12:26.000Z',4.0,130.0,NULL,NULL,NULL,NULL,NULL,22.60000000000000142,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',0,'2025-08-17T00:12:30.000Z',0.0,132.0,4.0,NULL,NULL,12.5,4.0,NULL,37.774900000000002364,-122.41939999999999599);
INSERT INTO exercise_samples VALUES('polar:987654321-2',1,'2025-08-17T00:12:31.000Z',1.0,134.0,4.0,NULL,NULL,NULL,8.0,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',2,'2025-08-17T00:12:32.000Z',2.0,135.0,4.0,NULL,NULL,12.749999999999999999,12.0,NULL,37.774940000000000849,-122.41934999999999433);
INSERT INTO exercise_samples VALUES('polar:987654321-2',3,'2025-08-17T00:12:33.000Z',3.0,136.0,4.0,NULL,NULL,NULL,16.0,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',4,'2025-08-17T00:12:34.000Z',4.0,NULL,4.0,NULL,NULL,13.0,20.0,NULL,37.774979999999999335,-122.41930000000000688);
INSERT INTO exercise_samples VALUES('polar:987654321-2',5,'2025-08-17T00:12:35.000Z',5.0,138.0,4.0,NULL,NULL,NULL,24.0,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',6,'2025-08-17T00:12:36.000Z',6.0,139.0,4.0,NULL,NULL,13.25,28.0,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',7,'2025-08-17T00:12:37.000Z',7.0,140.0,4.0,NULL,NULL,NULL,32.0,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',8,'2025-08-17T00:12:38.000Z',8.0,140.0,4.0,NULL,NULL,13.5,36.0,NULL,NULL,NULL);
INSERT INTO exercise_samples VALUES('polar:987654321-2',9,'2025-08-17T00:12:39.000Z',9.0,140.0,4.0,NULL,NULL,NULL,40.0,NULL,NULL,NULL);
CREATE TABLE laps (
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
INSERT INTO laps VALUES('polar:987654321-2',0,'2025-08-17T00:12:30.000Z',4.0,16.0,NULL,NULL,NULL,NULL);
INSERT INTO laps VALUES('polar:987654321-2',1,'2025-08-17T00:12:34.000Z',6.0,24.0,NULL,NULL,NULL,NULL);
CREATE TABLE heart_rate_zones (
  exercise_id TEXT NOT NULL,
  zone_index INTEGER NOT NULL,
  lower_bpm REAL,
  upper_bpm REAL,
  time_in_zone_s REAL,
  PRIMARY KEY (exercise_id, zone_index),
  FOREIGN KEY (exercise_id) REFERENCES exercises(exercise_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
INSERT INTO heart_rate_zones VALUES('fitbit:60000000001',0,30.0,97.0,180.0);
INSERT INTO heart_rate_zones VALUES('fitbit:60000000001',1,97.0,135.0,420.0);
INSERT INTO heart_rate_zones VALUES('fitbit:60000000001',2,135.0,164.0,0.0);
INSERT INTO heart_rate_zones VALUES('fitbit:60000000001',3,164.0,220.0,0.0);
INSERT INTO heart_rate_zones VALUES('polar:987654321-1',0,100.0,120.0,2.0);
INSERT INTO heart_rate_zones VALUES('polar:987654321-1',1,120.0,140.0,3.0);
INSERT INTO heart_rate_zones VALUES('polar:987654321-2',0,120.0,140.0,NULL);
CREATE TABLE exercise_route (
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
INSERT INTO exercise_route VALUES('polar:111222333',0,'2017-01-23T17:20:18.000Z',0.0,53.107227000000001735,8.8594363299999994154,4.0,NULL);
INSERT INTO exercise_route VALUES('polar:111222333',1,'2017-01-23T17:20:19.000Z',1.0,53.10720799999999997,8.8594284999999999286,4.5,NULL);
INSERT INTO exercise_route VALUES('polar:111222333',2,'2017-01-23T17:20:20.000Z',2.0,53.107190000000002783,8.8594202000000006336,5.0,NULL);
INSERT INTO exercise_route VALUES('polar:987654321-2',0,'2025-08-17T00:12:30.000Z',0.0,37.774900000000002364,-122.41939999999999599,12.5,NULL);
INSERT INTO exercise_route VALUES('polar:987654321-2',1,'2025-08-17T00:12:32.000Z',2.0,37.774940000000000849,-122.41934999999999433,12.749999999999999999,NULL);
INSERT INTO exercise_route VALUES('polar:987654321-2',2,'2025-08-17T00:12:34.000Z',4.0,37.774979999999999335,-122.41930000000000688,NULL,NULL);
CREATE TABLE daily_activity (
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
INSERT INTO daily_activity VALUES('fitbit','','2024-01-15',NULL,NULL,NULL,NULL,NULL,702.0,188.0,21.0,14.0,57.812300000000000467,NULL,'Fixtures/fitbit/export/user-site-export/user-site-export/lightly_active_minutes/lightly_active_minutes-2024-01-15.json#/0');
INSERT INTO daily_activity VALUES('fitbit','','2026-02-10',12400,9310.0,2390.0,990.0,1500.0,700.0,180.0,20.0,35.0,NULL,NULL,'Fixtures/fitbit/api/metric/activities-2026-02-10.json#/summary');
INSERT INTO daily_activity VALUES('fitbit','','2026-03-14',NULL,250.0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,58.0,NULL,'Fixtures/fitbit/api/intraday-heart-2026-03-14.json#/activities-heart/0/value/restingHeartRate');
INSERT INTO daily_activity VALUES('polar','','2025-08-16',204,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/activity-2025-08-16-3f2a1b0c.json');
INSERT INTO daily_activity VALUES('polar','','2026-02-10',8123,5432.100000000000364,2400.0,700.0,1700.0,884.98333333333334847,30.499999999999999999,29.5,15.0,NULL,NULL,'Fixtures/polar/accesslink/activity-day-samples.json#/0');
CREATE TABLE sleep_sessions (
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
INSERT INTO sleep_sessions VALUES('fitbit:40000000001','fitbit',NULL,'2024-01-15','2024-01-14T21:30:00.000Z','2024-01-15T05:30:00.000Z','2024-01-14T22:30:00+01:00',60,'time_zone',28800.0,26400.0,2400.0,15600.0,5400.0,5400.0,NULL,1,NULL,'Fixtures/fitbit/export/user-site-export/user-site-export/sleep/sleep-2024-01-14.json#/0');
INSERT INTO sleep_sessions VALUES('polar:flow:2025-08-17','polar',NULL,'2025-08-17','2025-08-16T21:00:00.000Z','2025-08-17T04:30:00.000Z','2025-08-16T23:00:00+02:00',120,'time_zone',27000.0,24810.0,2190.0,21300.0,3600.0,1800.0,NULL,1,NULL,'Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/sleep_result_aa11bb22.json#/0');
CREATE TABLE sleep_stages (
  sleep_id TEXT NOT NULL,
  stage_index INTEGER NOT NULL,
  start_time_utc TEXT,
  duration_s REAL,
  stage TEXT,
  raw_stage TEXT,
  PRIMARY KEY (sleep_id, stage_index),
  FOREIGN KEY (sleep_id) REFERENCES sleep_sessions(sleep_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
INSERT INTO sleep_stages VALUES('fitbit:40000000001',0,'2024-01-14T21:30:00.000Z',600.0,'wake','wake');
INSERT INTO sleep_stages VALUES('fitbit:40000000001',1,'2024-01-14T21:40:00.000Z',9000.0,'light','light');
INSERT INTO sleep_stages VALUES('fitbit:40000000001',2,'2024-01-15T00:10:00.000Z',90.0,'wake','wake');
INSERT INTO sleep_stages VALUES('fitbit:40000000001',3,'2024-01-15T00:11:30.000Z',6510.0,'light','light');
INSERT INTO sleep_stages VALUES('fitbit:40000000001',4,'2024-01-15T02:00:00.000Z',5400.0,'deep','deep');
INSERT INTO sleep_stages VALUES('fitbit:40000000001',5,'2024-01-15T03:30:00.000Z',5400.0,'rem','rem');
INSERT INTO sleep_stages VALUES('fitbit:40000000001',6,'2024-01-15T05:00:00.000Z',1800.0,'wake','wake');
INSERT INTO sleep_stages VALUES('polar:flow:2025-08-17',0,'2025-08-16T21:00:00.000Z',1200.0,'light','NONREM1');
INSERT INTO sleep_stages VALUES('polar:flow:2025-08-17',1,'2025-08-16T21:20:00.000Z',2400.0,'light','NONREM2');
INSERT INTO sleep_stages VALUES('polar:flow:2025-08-17',2,'2025-08-16T22:00:00.000Z',3600.0,'deep','NONREM3');
INSERT INTO sleep_stages VALUES('polar:flow:2025-08-17',3,'2025-08-16T23:00:00.000Z',1800.0,'rem','REM');
INSERT INTO sleep_stages VALUES('polar:flow:2025-08-17',4,'2025-08-16T23:30:00.000Z',300.0,'wake','WAKE');
INSERT INTO sleep_stages VALUES('polar:flow:2025-08-17',5,'2025-08-16T23:35:00.000Z',17700.0,'light','NONREM2');
CREATE TABLE heart_rate (
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
INSERT INTO heart_rate VALUES('fitbit','','2024-01-14T14:00:05.000Z','2024-01-14T15:00:05+01:00',60,'time_zone',61.0,2,'Fixtures/fitbit/export/user-site-export/user-site-export/heart_rate/heart_rate-2024-01-15.json#/0');
INSERT INTO heart_rate VALUES('fitbit','','2024-01-14T14:00:20.000Z','2024-01-14T15:00:20+01:00',60,'time_zone',62.0,3,'Fixtures/fitbit/export/user-site-export/user-site-export/heart_rate/heart_rate-2024-01-15.json#/1');
INSERT INTO heart_rate VALUES('fitbit','','2024-01-14T22:01:10.000Z','2024-01-14T23:01:10+01:00',60,'time_zone',97.0,3,'Fixtures/fitbit/export/user-site-export/user-site-export/heart_rate/heart_rate-2024-01-15.json#/2');
INSERT INTO heart_rate VALUES('fitbit','','2024-01-15T13:59:50.000Z','2024-01-15T14:59:50+01:00',60,'time_zone',70.0,1,'Fixtures/fitbit/export/user-site-export/user-site-export/heart_rate/heart_rate-2024-01-15.json#/3');
INSERT INTO heart_rate VALUES('fitbit','','2026-03-14T06:00:00.000Z','2026-03-14T07:00:00+01:00',60,'time_zone',61.0,NULL,'Fixtures/fitbit/api/intraday-heart-2026-03-14.json#/activities-heart-intraday/dataset/0');
INSERT INTO heart_rate VALUES('fitbit','','2026-03-14T06:00:05.000Z','2026-03-14T07:00:05+01:00',60,'time_zone',63.0,NULL,'Fixtures/fitbit/api/intraday-heart-2026-03-14.json#/activities-heart-intraday/dataset/1');
INSERT INTO heart_rate VALUES('fitbit','','2026-03-14T06:00:20.000Z','2026-03-14T07:00:20+01:00',60,'time_zone',64.0,NULL,'Fixtures/fitbit/api/intraday-heart-2026-03-14.json#/activities-heart-intraday/dataset/2');
INSERT INTO heart_rate VALUES('fitbit','','2026-03-14T06:03:40.000Z','2026-03-14T07:03:40+01:00',60,'time_zone',70.0,NULL,'Fixtures/fitbit/api/intraday-heart-2026-03-14.json#/activities-heart-intraday/dataset/3');
INSERT INTO heart_rate VALUES('polar','90000004','2026-03-28T23:02:08.000Z','2026-03-29T00:02:08+01:00',60,'time_zone',61.0,NULL,'Fixtures/polar/accesslink/continuous-hr-range.json#/heart_rates/0/heart_rate_samples/0');
INSERT INTO heart_rate VALUES('polar','90000004','2026-03-29T01:30:00.000Z','2026-03-29T03:30:00+02:00',120,'time_zone',64.0,NULL,'Fixtures/polar/accesslink/continuous-hr-range.json#/heart_rates/0/heart_rate_samples/2');
INSERT INTO heart_rate VALUES('polar','90000004','2026-03-29T10:00:00.000Z','2026-03-29T12:00:00+02:00',120,'time_zone',70.0,NULL,'Fixtures/polar/accesslink/continuous-hr-range.json#/heart_rates/0/heart_rate_samples/3');
INSERT INTO heart_rate VALUES('polar','90000004','2026-03-29T22:04:29.000Z','2026-03-30T00:04:29+02:00',120,'time_zone',58.0,NULL,'Fixtures/polar/accesslink/continuous-hr-range.json#/heart_rates/1/heart_rate_samples/0');
INSERT INTO heart_rate VALUES('polar','90000005','2025-08-15T22:05:00.000Z','2025-08-16T00:05:00+02:00',120,'time_zone',62.0,NULL,'Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/247ohr_2025-08.json#/deviceDays/0/samples/0');
INSERT INTO heart_rate VALUES('polar','90000005','2025-08-16T10:00:00.000Z','2025-08-16T12:00:00+02:00',120,'time_zone',64.0,NULL,'Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/247ohr_2025-08.json#/deviceDays/0/samples/2');
CREATE TABLE metric_samples (
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
INSERT INTO metric_samples VALUES('fitbit','','calories','2024-01-14T22:00:00.000Z','2024-01-14T22:00:00.000Z','2024-01-14T23:00:00+01:00',NULL,1.0700000000000000621,'kcal','Fixtures/fitbit/export/user-site-export/user-site-export/calories/calories-2024-01-15.json#/0');
INSERT INTO metric_samples VALUES('fitbit','','calories','2024-01-14T22:01:00.000Z','2024-01-14T22:01:00.000Z','2024-01-14T23:01:00+01:00',NULL,4.5,'kcal','Fixtures/fitbit/export/user-site-export/user-site-export/calories/calories-2024-01-15.json#/1');
INSERT INTO metric_samples VALUES('fitbit','','calories','2024-01-14T22:02:00.000Z','2024-01-14T22:02:00.000Z','2024-01-14T23:02:00+01:00',NULL,4.9000000000000003552,'kcal','Fixtures/fitbit/export/user-site-export/user-site-export/calories/calories-2024-01-15.json#/2');
INSERT INTO metric_samples VALUES('fitbit','','distance','2024-01-14T22:00:00.000Z','2024-01-14T22:00:00.000Z','2024-01-14T23:00:00+01:00',NULL,0.0,'m','Fixtures/fitbit/export/user-site-export/user-site-export/distance/distance-2024-01-15.json#/0');
INSERT INTO metric_samples VALUES('fitbit','','distance','2024-01-14T22:01:00.000Z','2024-01-14T22:01:00.000Z','2024-01-14T23:01:00+01:00',NULL,70.560000000000002275,'m','Fixtures/fitbit/export/user-site-export/user-site-export/distance/distance-2024-01-15.json#/1');
INSERT INTO metric_samples VALUES('fitbit','','distance','2024-01-14T22:02:00.000Z','2024-01-14T22:02:00.000Z','2024-01-14T23:02:00+01:00',NULL,76.439999999999997727,'m','Fixtures/fitbit/export/user-site-export/user-site-export/distance/distance-2024-01-15.json#/2');
INSERT INTO metric_samples VALUES('fitbit','','distance','2026-03-14T06:00:00.000Z','2026-03-14T06:00:00.000Z','2026-03-14T07:00:00+01:00',NULL,100.0,'m','Fixtures/fitbit/api/intraday-distance-2026-03-14.json#/activities-distance-intraday/dataset/0');
INSERT INTO metric_samples VALUES('fitbit','','distance','2026-03-14T06:01:00.000Z','2026-03-14T06:01:00.000Z','2026-03-14T07:01:00+01:00',NULL,150.0,'m','Fixtures/fitbit/api/intraday-distance-2026-03-14.json#/activities-distance-intraday/dataset/1');
INSERT INTO metric_samples VALUES('fitbit','','distance','2026-03-14T06:02:00.000Z','2026-03-14T06:02:00.000Z','2026-03-14T07:02:00+01:00',NULL,0.0,'m','Fixtures/fitbit/api/intraday-distance-2026-03-14.json#/activities-distance-intraday/dataset/2');
INSERT INTO metric_samples VALUES('fitbit','','elevation_gain','2024-01-15T07:01:00.000Z','2024-01-15T07:01:00.000Z','2024-01-15T08:01:00+01:00',NULL,3.0480000000000000426,'m','Fixtures/fitbit/export/user-site-export/user-site-export/altitude/altitude-2024-01-15.json#/0');
INSERT INTO metric_samples VALUES('fitbit','','elevation_gain','2024-01-15T07:02:00.000Z','2024-01-15T07:02:00.000Z','2024-01-15T08:02:00+01:00',NULL,6.0960000000000000852,'m','Fixtures/fitbit/export/user-site-export/user-site-export/altitude/altitude-2024-01-15.json#/1');
INSERT INTO metric_samples VALUES('fitbit','','floors','2026-02-10',NULL,NULL,'2026-02-10',10.0,'count','Fixtures/fitbit/api/metric/activities-2026-02-10.json#/summary/floors');
INSERT INTO metric_samples VALUES('fitbit','','heart_rate_zone_cardio','2024-01-15',NULL,NULL,'2024-01-15',25.0,'min','Fixtures/fitbit/export/user-site-export/user-site-export/time_in_heart_rate_zones/time_in_heart_rate_zones-2024-01-15.json#/0/value/valuesInZones/IN_DEFAULT_ZONE_2');
INSERT INTO metric_samples VALUES('fitbit','','heart_rate_zone_fat_burn','2024-01-15',NULL,NULL,'2024-01-15',120.0,'min','Fixtures/fitbit/export/user-site-export/user-site-export/time_in_heart_rate_zones/time_in_heart_rate_zones-2024-01-15.json#/0/value/valuesInZones/IN_DEFAULT_ZONE_1');
INSERT INTO metric_samples VALUES('fitbit','','heart_rate_zone_out_of_range','2024-01-15',NULL,NULL,'2024-01-15',1290.0,'min','Fixtures/fitbit/export/user-site-export/user-site-export/time_in_heart_rate_zones/time_in_heart_rate_zones-2024-01-15.json#/0/value/valuesInZones/BELOW_DEFAULT_ZONE_1');
INSERT INTO metric_samples VALUES('fitbit','','heart_rate_zone_out_of_range','2026-03-14',NULL,NULL,'2026-03-14',50.0,'min','Fixtures/fitbit/api/intraday-heart-2026-03-14.json#/activities-heart/0/value/heartRateZones/0');
INSERT INTO metric_samples VALUES('fitbit','','heart_rate_zone_peak','2024-01-15',NULL,NULL,'2024-01-15',5.0,'min','Fixtures/fitbit/export/user-site-export/user-site-export/time_in_heart_rate_zones/time_in_heart_rate_zones-2024-01-15.json#/0/value/valuesInZones/IN_DEFAULT_ZONE_3');
INSERT INTO metric_samples VALUES('fitbit','','steps','2024-01-14T22:00:00.000Z','2024-01-14T22:00:00.000Z','2024-01-14T23:00:00+01:00',NULL,0.0,'count','Fixtures/fitbit/export/user-site-export/user-site-export/steps/steps-2024-01-15.json#/0');
INSERT INTO metric_samples VALUES('fitbit','','steps','2024-01-14T22:01:00.000Z','2024-01-14T22:01:00.000Z','2024-01-14T23:01:00+01:00',NULL,96.0,'count','Fixtures/fitbit/export/user-site-export/user-site-export/steps/steps-2024-01-15.json#/1');
INSERT INTO metric_samples VALUES('fitbit','','steps','2024-01-14T22:02:00.000Z','2024-01-14T22:02:00.000Z','2024-01-14T23:02:00+01:00',NULL,104.0,'count','Fixtures/fitbit/export/user-site-export/user-site-export/steps/steps-2024-01-15.json#/2');
INSERT INTO metric_samples VALUES('fitbit','','vo2_max_demographic','2024-01-15',NULL,NULL,'2024-01-15',44.509999999999998012,'mL/kg/min','Fixtures/fitbit/export/user-site-export/user-site-export/demographic_vo2_max/demographic_vo2_max-2024-01-15.json#/0');
INSERT INTO metric_samples VALUES('fitbit','','vo2_max_demographic_filtered','2024-01-15',NULL,NULL,'2024-01-15',44.200000000000002841,'mL/kg/min','Fixtures/fitbit/export/user-site-export/user-site-export/demographic_vo2_max/demographic_vo2_max-2024-01-15.json#/0');
INSERT INTO metric_samples VALUES('polar','','active_duration','2026-02-10',NULL,NULL,'2026-02-10',11400.0,'s','Fixtures/polar/accesslink/activity-day-samples.json#/0');
INSERT INTO metric_samples VALUES('polar','','activity_goal_completion','2026-02-10',NULL,NULL,'2026-02-10',80.500000000000000001,'%','Fixtures/polar/accesslink/activity-day-samples.json#/0');
INSERT INTO metric_samples VALUES('polar','','aerobic_threshold','2025-01-05T08:00:00.000Z','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',NULL,141.0,'bpm','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
INSERT INTO metric_samples VALUES('polar','','anaerobic_threshold','2025-01-05T08:00:00.000Z','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',NULL,169.0,'bpm','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
INSERT INTO metric_samples VALUES('polar','','functional_threshold_power','2025-01-05T08:00:00.000Z','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',NULL,220.0,'W','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
INSERT INTO metric_samples VALUES('polar','','inactive_duration','2026-02-10',NULL,NULL,'2026-02-10',43200.0,'s','Fixtures/polar/accesslink/activity-day-samples.json#/0');
INSERT INTO metric_samples VALUES('polar','','inactivity_alert','2026-02-10T13:04:00.000Z','2026-02-10T13:04:00.000Z','2026-02-10T14:04:00+01:00',NULL,1.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/inactivity_stamps/samples/0');
INSERT INTO metric_samples VALUES('polar','','inactivity_alert','2026-02-10T15:30:00.000Z','2026-02-10T15:30:00.000Z','2026-02-10T16:30:00+01:00',NULL,1.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/inactivity_stamps/samples/1');
INSERT INTO metric_samples VALUES('polar','','inactivity_alerts','2026-02-10',NULL,NULL,'2026-02-10',2.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0');
INSERT INTO metric_samples VALUES('polar','','maximum_heart_rate','2025-01-05T08:00:00.000Z','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',NULL,189.0,'bpm','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
INSERT INTO metric_samples VALUES('polar','','non_wear_duration','2026-02-10',NULL,NULL,'2026-02-10',3600.0,'s','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/activity_zones');
INSERT INTO metric_samples VALUES('polar','','resting_heart_rate','2025-01-05T08:00:00.000Z','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',NULL,53.0,'bpm','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
INSERT INTO metric_samples VALUES('polar','','sleep_zone_duration','2026-02-10',NULL,NULL,'2026-02-10',25200.0,'s','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/activity_zones');
INSERT INTO metric_samples VALUES('polar','','steps','2025-08-16T06:00:00.000Z','2025-08-16T06:00:00.000Z','2025-08-16T08:00:00+02:00',NULL,120.0,'count','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/activity-2025-08-16-3f2a1b0c.json#/samples/steps/0');
INSERT INTO metric_samples VALUES('polar','','steps','2025-08-16T06:01:00.000Z','2025-08-16T06:01:00.000Z','2025-08-16T08:01:00+02:00',NULL,80.0,'count','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/activity-2025-08-16-3f2a1b0c.json#/samples/steps/1');
INSERT INTO metric_samples VALUES('polar','','steps','2026-02-10T07:00:00.000Z','2026-02-10T07:00:00.000Z','2026-02-10T08:00:00+01:00',NULL,0.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/steps/samples/0');
INSERT INTO metric_samples VALUES('polar','','steps','2026-02-10T07:01:00.000Z','2026-02-10T07:01:00.000Z','2026-02-10T08:01:00+01:00',NULL,0.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/steps');
INSERT INTO metric_samples VALUES('polar','','steps','2026-02-10T07:02:00.000Z','2026-02-10T07:02:00.000Z','2026-02-10T08:02:00+01:00',NULL,0.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/steps');
INSERT INTO metric_samples VALUES('polar','','steps','2026-02-10T07:03:00.000Z','2026-02-10T07:03:00.000Z','2026-02-10T08:03:00+01:00',NULL,12.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/steps/samples/1');
INSERT INTO metric_samples VALUES('polar','','steps','2026-02-10T07:04:00.000Z','2026-02-10T07:04:00.000Z','2026-02-10T08:04:00+01:00',NULL,40.0,'count','Fixtures/polar/accesslink/activity-day-samples.json#/0/samples/steps/samples/2');
INSERT INTO metric_samples VALUES('polar','','vo2_max','2025-01-05T08:00:00.000Z','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',NULL,48.0,'ml/kg/min','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
INSERT INTO metric_samples VALUES('polar','90000004','ans_charge','2026-01-01',NULL,NULL,'2026-01-01',-3.5,'-10..10','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
INSERT INTO metric_samples VALUES('polar','90000004','ans_charge_status','2026-01-01',NULL,NULL,'2026-01-01',2.0,'1-5','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
INSERT INTO metric_samples VALUES('polar','90000004','breathing_rate','2025-12-31T22:55:00.000Z','2025-12-31T22:55:00.000Z','2025-12-31T23:55:00+01:00',NULL,12.099999999999999644,'/min','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0/breathing_samples');
INSERT INTO metric_samples VALUES('polar','90000004','breathing_rate','2025-12-31T23:00:00.000Z','2025-12-31T23:00:00.000Z','2026-01-01T00:00:00+01:00',NULL,12.599999999999999644,'/min','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0/breathing_samples');
INSERT INTO metric_samples VALUES('polar','90000004','hrv_rmssd','2025-12-31T22:55:00.000Z','2025-12-31T22:55:00.000Z','2025-12-31T23:55:00+01:00',NULL,58.0,'ms','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0/hrv_samples');
INSERT INTO metric_samples VALUES('polar','90000004','hrv_rmssd','2025-12-31T23:00:00.000Z','2025-12-31T23:00:00.000Z','2026-01-01T00:00:00+01:00',NULL,60.0,'ms','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0/hrv_samples');
INSERT INTO metric_samples VALUES('polar','90000004','hrv_rmssd','2025-12-31T23:05:00.000Z','2025-12-31T23:05:00.000Z','2026-01-01T00:05:00+01:00',NULL,63.0,'ms','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0/hrv_samples');
INSERT INTO metric_samples VALUES('polar','90000004','nightly_beat_to_beat_avg','2026-01-01',NULL,NULL,'2026-01-01',1102.0,'ms','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
INSERT INTO metric_samples VALUES('polar','90000004','nightly_breathing_rate_avg','2026-01-01',NULL,NULL,'2026-01-01',12.400000000000000355,'/min','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
INSERT INTO metric_samples VALUES('polar','90000004','nightly_heart_rate_avg','2026-01-01',NULL,NULL,'2026-01-01',54.0,'bpm','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
INSERT INTO metric_samples VALUES('polar','90000004','nightly_hrv_rmssd_avg','2026-01-01',NULL,NULL,'2026-01-01',61.0,'ms','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
INSERT INTO metric_samples VALUES('polar','90000004','nightly_recharge_status','2026-01-01',NULL,NULL,'2026-01-01',4.0,'1-6','Fixtures/polar/accesslink/nightly-recharge.json#/recharges/0');
CREATE TABLE body_measurements (
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
INSERT INTO body_measurements VALUES('fitbit','','2024-01-14T22:59:59.000Z','2024-01-14T23:59:59+01:00',74.978818761000013636,NULL,24.410000000000000141,21.5,'Fixtures/fitbit/export/user-site-export/user-site-export/weight/weight-2024-01-15.json#/0');
INSERT INTO body_measurements VALUES('fitbit','','2024-01-14T23:00:00.000Z','2024-01-15T00:00:00+01:00',NULL,1.7520000000000000017,NULL,NULL,'Fixtures/fitbit/export/user-site-export/user-site-export/height/height-2024-01-15.json#/0');
INSERT INTO body_measurements VALUES('fitbit','','2026-02-12T09:00:00.000Z','2026-02-12T10:00:00+01:00',70.20000000000000284,NULL,22.899999999999998579,NULL,'Fixtures/fitbit/api/metric/weight-log-kilograms.json#/weight/0');
INSERT INTO body_measurements VALUES('polar','','2025-01-05T08:00:00.000Z','2025-01-05T09:00:00+01:00',70.500000000000000001,1.75,NULL,NULL,'Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json#/physicalInformations/0');
CREATE TABLE notifications (
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
CREATE TABLE fetch_plan (
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
CREATE TABLE sources (
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
INSERT INTO sources VALUES('Fixtures/fitbit/api/intraday-distance-2026-03-14.json','Fixtures/fitbit/api/intraday-distance-2026-03-14.json',NULL,NULL,'fitbit.api.intraday','converted','199a9864766db587fd4644b19fa0054c6426e083d5b3224d958c23976787373e',416,0,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/api/intraday-heart-2026-03-14.json','Fixtures/fitbit/api/intraday-heart-2026-03-14.json',NULL,NULL,'fitbit.api.intraday','converted','057bb24e95d6ecfbf17be152d036afbc21b820eb553b5b28f01714275314c517',747,5,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/api/metric/activities-2026-02-10.json','Fixtures/fitbit/api/metric/activities-2026-02-10.json',NULL,NULL,'fitbit.api.daily-summary','converted','7377e2d12cf50695b566267f658d720803e6d39128b1c67f61df4a325e195ad3',1119,2,0,0,1,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/api/metric/activity-log-list-berlin-km.json','Fixtures/fitbit/api/metric/activity-log-list-berlin-km.json',NULL,NULL,'fitbit.api.activity-log-list','converted','39afd0e79da0752afa2a09c51b157d45d71654b791695c1fbe3cff624d532740',629,1,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/api/metric/weight-log-kilograms.json','Fixtures/fitbit/api/metric/weight-log-kilograms.json',NULL,NULL,'fitbit.api.body-log','converted','2083ac1facb4cce46c2072773691cfb9a81920c4682bdd3e5010e488c89db6e4',181,1,0,0,1,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/altitude/altitude-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/altitude/altitude-2024-01-15.json',NULL,NULL,'fitbit.export.minute-series','converted','6d08e73d4a37b95a487aa4fc9f8eab76ecf233de1625b00fd737f7347e0f1099',135,2,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/calories/calories-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/calories/calories-2024-01-15.json',NULL,NULL,'fitbit.export.minute-series','converted','c10c934961a6bf2168db960babbbd62a160a3f551476abaf0a807f637be26135',205,3,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/demographic_vo2_max/demographic_vo2_max-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/demographic_vo2_max/demographic_vo2_max-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','c0e16b9284f49010b4f622345ffd04af7949cd3070065df4a7489f7bc7a41140',232,2,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/distance/distance-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/distance/distance-2024-01-15.json',NULL,NULL,'fitbit.export.minute-series','converted','f24e1679a80859189a5d1161ced03cd91ff014942a3df3c1054475b3298d5c0b',204,3,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/exercise/exercise-0.json','Fixtures/fitbit/export/user-site-export/user-site-export/exercise/exercise-0.json',NULL,NULL,'fitbit.export.exercise','converted','8d3a318218fe9ee1c1b72653a02a9fccb62803adaee42823844bc0d85fae8c35',1796,1,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/heart_rate/heart_rate-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/heart_rate/heart_rate-2024-01-15.json',NULL,NULL,'fitbit.export.heart-rate','converted','1e5842d7b23d35d47e6d3f25d69a577103fc37aaa489e074dcc7d199fc2f62ef',443,4,0,0,1,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/height/height-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/height/height-2024-01-15.json',NULL,NULL,'fitbit.export.body','converted','19dbc51c860f9b11eb88ce0687c87c0320c5f1b8882d42a184157f53eb7f3851',71,1,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/lightly_active_minutes/lightly_active_minutes-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/lightly_active_minutes/lightly_active_minutes-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','5d362990444bb703fcb649ad6ea7a95b2be32b29e45c2c4a352a2764d95591b1',70,0,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/moderately_active_minutes/moderately_active_minutes-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/moderately_active_minutes/moderately_active_minutes-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','5f93003fb9031b9058cf5e5f5a799fc321a0028761fc0acfd315640227097c19',69,0,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/resting_heart_rate/resting_heart_rate-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/resting_heart_rate/resting_heart_rate-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','9a8b2de6390af42c8ef5db84adbc9db53b91fc520eff045ab4e0375aafce938e',275,0,0,0,1,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/sedentary_minutes/sedentary_minutes-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/sedentary_minutes/sedentary_minutes-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','3e9910a58c35c602f01cb8992e4010f159a46a1d960279806563fd24f5767a64',70,0,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/sleep/sleep-2024-01-14.json','Fixtures/fitbit/export/user-site-export/user-site-export/sleep/sleep-2024-01-14.json',NULL,NULL,'fitbit.export.sleep','converted','f2008b9ce9dcaf5506cf797e7f5fb67ed1fb2ac9fde10712a31e107444ee32da',1739,1,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/steps/steps-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/steps/steps-2024-01-15.json',NULL,NULL,'fitbit.export.minute-series','converted','c5a807c963ef5b2f73678d2e7f9d4399789fab3bb1a9c9343bcd5ab3d9c07f40',201,3,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/time_in_heart_rate_zones/time_in_heart_rate_zones-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/time_in_heart_rate_zones/time_in_heart_rate_zones-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','c66835c1b3c0f72d5bf57416b25963a75f06b2ddb42f834e342898d476b66da0',254,4,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/trophy.json','Fixtures/fitbit/export/user-site-export/user-site-export/trophy.json',NULL,NULL,'fitbit.export.stamps','converted','df4b3f2addde9530abc6da634de58fe038cba1e27aec6cf73d7324cdfaab5a2e',119,0,0,0,1,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/very_active_minutes/very_active_minutes-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/very_active_minutes/very_active_minutes-2024-01-15.json',NULL,NULL,'fitbit.export.daily','converted','ec2d2a7ffe575b3ccc100099426be57ba0f14cf72438574e630168e55e4ab16e',69,0,0,0,0,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/fitbit/export/user-site-export/user-site-export/weight/weight-2024-01-15.json','Fixtures/fitbit/export/user-site-export/user-site-export/weight/weight-2024-01-15.json',NULL,NULL,'fitbit.export.body','converted','7e70ee4c2f5a941dbc411bcb3b744b56c5dc481f246233b47001b35ba762003d',172,1,0,0,1,'timezone=Europe/Berlin units=auto strict=false',1);
INSERT INTO sources VALUES('Fixtures/polar/accesslink/activity-day-samples.json','Fixtures/polar/accesslink/activity-day-samples.json',NULL,NULL,'polar.accesslink.activity','converted','66b41e144b06b7ec059984cd2518855f2ac0af5fb3df8ed04837b7bf8a889a64',1283,14,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/accesslink/continuous-hr-range.json','Fixtures/polar/accesslink/continuous-hr-range.json',NULL,NULL,'polar.accesslink.continuous-heart-rate','converted','bef1cb03d4b6348e58d99c7a56645128e33a230f1f656ffdff927f66237993cc',602,4,0,0,1,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/accesslink/nightly-recharge.json','Fixtures/polar/accesslink/nightly-recharge.json',NULL,NULL,'polar.accesslink.nightly-recharge','converted','8d5699dd6c343e9ca85474205a9ac5a32e7172c1ae6d63f65a3641e75d8f9374',484,12,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/247ohr_2025-08.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/247ohr_2025-08.json',NULL,NULL,'polar.flow-export.247ohr','converted','20309d7de6b48fac24f6b1e708c6e7d2feca2e73d69f95dc818d709cfb544933',284,2,0,0,1,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/activity-2025-08-16-3f2a1b0c.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/activity-2025-08-16-3f2a1b0c.json',NULL,NULL,'polar.flow-export.activity','converted','68309feb5375859c9f8635928c6926d9d3ce87853ea11ae3e0febded8ad32aba',392,3,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/calendar-items-5e6f.json',NULL,NULL,'polar.flow-export.physical-information','converted','c79f8857a66ad2594c4ffb29c565eb8078f73e38dbc968f509d3b3dc8960a574',332,7,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/sleep_result_aa11bb22.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/sleep_result_aa11bb22.json',NULL,NULL,'polar.flow-export.sleep-result','converted','535f958b8f8c83de721ace03a826bff114adc54fb8190c990d3c7ce03403393e',933,1,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/sport-profiles-77aa.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/sport-profiles-77aa.json',NULL,NULL,NULL,'skipped',NULL,NULL,0,0,0,1,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2017-01-23-111222333-5d7f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2017-01-23-111222333-5d7f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.json',NULL,NULL,'polar.flow-export.training-session','converted','c504bb0ac16b9424446ac794a8be5a94182623d69285b93bc1136a9d9c2a9bb6',1775,1,0,1,0,'timezone=Europe/Berlin units=auto strict=false',0);
INSERT INTO sources VALUES('Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2025-08-16-987654321-aa11bb22-cc33-4d44-8e55-ff6677889900.json','Fixtures/polar/flow-export/polar-user-data-export_0f1e2d3c/training-session-2025-08-16-987654321-aa11bb22-cc33-4d44-8e55-ff6677889900.json',NULL,NULL,'polar.flow-export.training-session','converted','250172954e0f48f855d51b93ff8ebaba609074083bd557e18139b6cb5750f475',2699,2,0,0,0,'timezone=Europe/Berlin units=auto strict=false',0);
ANALYZE sqlite_schema;
INSERT INTO sqlite_stat1 VALUES('sleep_stages','sleep_stages_by_start_time_utc','13 1');
INSERT INTO sqlite_stat1 VALUES('sleep_stages','sleep_stages','13 7 1');
INSERT INTO sqlite_stat1 VALUES('exercise_samples','exercise_samples','20 7 1');
INSERT INTO sqlite_stat1 VALUES('laps','laps_by_start_time_utc','2 1');
INSERT INTO sqlite_stat1 VALUES('laps','laps','2 2 1');
INSERT INTO sqlite_stat1 VALUES('heart_rate_zones','heart_rate_zones','7 3 1');
INSERT INTO sqlite_stat1 VALUES('exercise_route','exercise_route','6 3 1');
CREATE INDEX exercises_by_start_time_utc ON exercises (start_time_utc);
CREATE INDEX exercises_by_user_id_start_time_utc ON exercises (user_id, start_time_utc);
CREATE INDEX laps_by_start_time_utc ON laps (start_time_utc);
CREATE INDEX daily_activity_by_date ON daily_activity (date);
CREATE INDEX sleep_sessions_by_start_time_utc ON sleep_sessions (start_time_utc);
CREATE INDEX sleep_sessions_by_user_id_date ON sleep_sessions (user_id, date);
CREATE INDEX sleep_stages_by_start_time_utc ON sleep_stages (start_time_utc);
CREATE INDEX metric_samples_by_metric_date ON metric_samples (metric, date);
CREATE INDEX metric_samples_by_metric_time_utc ON metric_samples (metric, time_utc);
CREATE INDEX body_measurements_by_time_utc ON body_measurements (time_utc);
CREATE INDEX notifications_by_received_at_utc ON notifications (received_at_utc);
CREATE INDEX fetch_plan_by_status_notified_at_utc ON fetch_plan (status, notified_at_utc);
CREATE INDEX sources_by_sha256 ON sources (sha256);
CREATE VIEW daily_heart_rate AS
SELECT provider, user_id, substr(time_local, 1, 10) AS date, count(*) AS readings,
  min(heart_rate_bpm) AS min_heart_rate_bpm, avg(heart_rate_bpm) AS avg_heart_rate_bpm,
  max(heart_rate_bpm) AS max_heart_rate_bpm
FROM heart_rate GROUP BY provider, user_id, substr(time_local, 1, 10);
CREATE VIEW daily_exercise AS
SELECT provider, user_id, substr(start_time_local, 1, 10) AS date, count(*) AS exercises,
  sum(duration_s) AS duration_s, sum(distance_m) AS distance_m, sum(calories_kcal) AS calories_kcal
FROM exercises GROUP BY provider, user_id, substr(start_time_local, 1, 10);
CREATE VIEW daily_sleep AS
SELECT provider, user_id, date, count(*) AS sessions, sum(duration_s) AS in_bed_s, sum(asleep_s) AS asleep_s,
  sum(deep_s) AS deep_s, sum(rem_s) AS rem_s, max(score) AS score
FROM sleep_sessions GROUP BY provider, user_id, date;
CREATE VIEW daily_summary AS
SELECT d.provider, d.user_id, d.date, d.steps, d.distance_m, d.calories_kcal, d.active_calories_kcal,
  d.resting_heart_rate_bpm, coalesce(e.exercises, 0) AS exercises, e.duration_s AS exercise_s,
  e.distance_m AS exercise_distance_m, s.asleep_s, h.avg_heart_rate_bpm, h.max_heart_rate_bpm
FROM daily_activity d
LEFT JOIN daily_exercise e ON e.provider = d.provider AND e.user_id = d.user_id AND e.date = d.date
LEFT JOIN daily_sleep s ON s.provider = d.provider AND s.user_id = d.user_id AND s.date = d.date
LEFT JOIN daily_heart_rate h ON h.provider = d.provider AND h.user_id = d.user_id AND h.date = d.date;
-- Rows added by hand in version 1's forms, for the forms the fixtures above lack: milliseconds, a negative offset,
-- an offset with seconds, before 1970, an archive member, a line, indexes with a leading zero or 20 digits, no index,
-- no heart rate, a daily metric.
INSERT INTO heart_rate VALUES('fitbit','ABC123','1969-12-31T23:59:59.250Z','1969-12-31T18:29:59.250-05:30',-330,'explicit',58.5,1,'in/archive.zip!/user/hr 07/x.json#/activities-heart-intraday/dataset/012');
INSERT INTO heart_rate VALUES('polar','','2024-03-31T01:30:00.500Z','2024-03-31T07:15:30.500+05:45:30',345,'source_field',70.0,NULL,'samples.csv:17');
INSERT INTO heart_rate VALUES('fitbit','ABC123','2024-01-01T00:00:00.000Z','2023-12-31T14:00:00-10:00',-600,'time_zone',NULL,NULL,'a/b.json#/12345678901234567890');
INSERT INTO heart_rate VALUES('fitbit','ABC123','2024-01-01T00:00:05.000Z','2024-01-01T00:00:05+00:00',0,'unknown',61.0,0,'a/b.json');
INSERT INTO metric_samples VALUES('polar','u1','steps','2020-02-29T23:59:59.999Z','2020-02-29T23:59:59.999Z','2020-03-01T00:59:59.999+01:00',NULL,12.0,'count','x.zip!/steps/2020.json#/0');
INSERT INTO metric_samples VALUES('fitbit','u1','hrv_rmssd','2021-05-23',NULL,NULL,'2021-05-23',41.5,'ms','hrv.json#/hrv/0/value');
COMMIT;
