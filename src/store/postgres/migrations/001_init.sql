-- 001_init: the first schema of the PostgreSQL store.
-- Records whose shape grows (artifacts, history entries, drafts, deployments, backups, tokens,
-- user servers, audit details) are JSONB; only ids, order and the columns queried on are columns.
-- Ids are COLLATE "C": byte order, as the home folder sorts, and LIKE 'prefix%' uses the index.

-- One row per client/profile with a publish history. Publish locks this row (FOR UPDATE), so two
-- publishers of one profile take turns; `head` is the newest history entry, read in one lookup.
CREATE TABLE profiles (
  client_id   text COLLATE "C" NOT NULL,
  profile_id  text COLLATE "C" NOT NULL,
  head_seq    integer NOT NULL DEFAULT 0,
  head        jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, profile_id)
);

-- Immutable, content-addressed artifacts, one store per client/profile (as in the home folder).
-- json, not jsonb: a signed document is returned exactly as stored (key order, spelling).
CREATE TABLE artifacts (
  client_id    text COLLATE "C" NOT NULL,
  profile_id   text COLLATE "C" NOT NULL,
  artifact_id  text COLLATE "C" NOT NULL,
  body         json NOT NULL,
  stored_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, profile_id, artifact_id)
);

-- The publish history; seq numbers each profile's entries from 1, with no gaps.
CREATE TABLE history (
  client_id    text COLLATE "C" NOT NULL,
  profile_id   text COLLATE "C" NOT NULL,
  seq          integer NOT NULL,
  artifact_id  text COLLATE "C" NOT NULL,
  entry        jsonb NOT NULL,
  PRIMARY KEY (client_id, profile_id, seq)
);

CREATE TABLE drafts (
  client_id   text COLLATE "C" NOT NULL,
  profile_id  text COLLATE "C" NOT NULL,
  body        jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, profile_id)
);

-- The append-only deployment log, and the current deployment of each client/profile.
CREATE TABLE deployment_log (
  seq            bigserial PRIMARY KEY,
  deployment_id  text COLLATE "C" NOT NULL UNIQUE,
  client_id      text COLLATE "C" NOT NULL,
  profile_id     text COLLATE "C" NOT NULL,
  deployed_at    timestamptz NOT NULL,
  record         jsonb NOT NULL
);
CREATE INDEX deployment_log_target ON deployment_log (client_id, profile_id, seq);

CREATE TABLE deployments (
  client_id   text COLLATE "C" NOT NULL,
  profile_id  text COLLATE "C" NOT NULL,
  record      jsonb NOT NULL,
  PRIMARY KEY (client_id, profile_id)
);

-- Byte-exact copies of client files taken before a write; bytes is NULL when the file did not exist.
CREATE TABLE backups (
  client_id   text COLLATE "C" NOT NULL,
  backup_id   text COLLATE "C" NOT NULL,
  meta        jsonb NOT NULL,
  bytes       bytea,
  PRIMARY KEY (client_id, backup_id)
);

-- API tokens: only the SHA-256 of a token is kept, looked up by its hash.
CREATE TABLE tokens (
  seq         bigserial PRIMARY KEY,
  id          text COLLATE "C" NOT NULL UNIQUE,
  hash        text COLLATE "C" NOT NULL UNIQUE,
  expires_at  timestamptz,
  record      jsonb NOT NULL
);

CREATE TABLE user_servers (
  id          text COLLATE "C" PRIMARY KEY,
  definition  jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The audit trail of writes, newest first by seq.
CREATE TABLE audit (
  seq          bigserial PRIMARY KEY,
  id           text COLLATE "C" NOT NULL UNIQUE,
  at           timestamptz NOT NULL,
  actor        text NOT NULL,
  action       text COLLATE "C" NOT NULL,
  target       text NOT NULL,
  artifact_id  text COLLATE "C",
  entry        jsonb NOT NULL
);
CREATE INDEX audit_target ON audit (target, seq);
