-- 003_settings: settings shared by every `serve` replica on this database, one JSON value per
-- name: the policy in force (`policy`) and the registry settings (`registry`: the default
-- registry URL and the namespace of user servers in the served Registry API).
CREATE TABLE settings (
  name        text COLLATE "C" PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
