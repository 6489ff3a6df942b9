-- 002_fleet: members' machines report after each sync; one row per machine, client and profile
-- holds the last report (the audit trail keeps every one).
CREATE TABLE fleet_reports (
  machine_id   text COLLATE "C" NOT NULL,
  client_id    text COLLATE "C" NOT NULL,
  profile_id   text COLLATE "C" NOT NULL,
  reported_at  timestamptz NOT NULL,
  report       jsonb NOT NULL,
  PRIMARY KEY (machine_id, client_id, profile_id)
);
