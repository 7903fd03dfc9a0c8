-- The helpdesk's first schema: the same records the embedded file keeps, one table each.
-- Records are kept whole as JSON text in `data` (text, not jsonb: jsonb refuses the \u0000 a user may type);
-- the columns beside it are what queries select and order by. `seq` keeps insertion order, as the file does.

CREATE TABLE bot_state (
  key text PRIMARY KEY,
  etag text NOT NULL,
  data text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  tenant_id text,
  data text NOT NULL
);
CREATE INDEX organizations_tenant_id ON organizations (tenant_id);

-- A domain belongs to one organization only: the primary key is the rule.
CREATE TABLE organization_domains (
  domain text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE
);
CREATE INDEX organization_domains_org_id ON organization_domains (org_id);

CREATE TABLE members (
  email text PRIMARY KEY,
  seq bigserial NOT NULL,
  org_id text NOT NULL,
  data text NOT NULL
);
CREATE INDEX members_org_id ON members (org_id, seq);

CREATE TABLE audit_entries (
  seq bigserial PRIMARY KEY,
  subject text NOT NULL,
  data text NOT NULL,
  -- Set for entries moved from a store file, so importing the same file twice adds them once.
  import_key text UNIQUE
);
CREATE INDEX audit_entries_subject ON audit_entries (subject, seq);

CREATE TABLE takeovers (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  domain text NOT NULL,
  status text NOT NULL,
  data text NOT NULL
);
CREATE INDEX takeovers_domain ON takeovers (domain);
CREATE INDEX takeovers_status ON takeovers (status);

CREATE TABLE answers (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  data text NOT NULL
);

CREATE TABLE tickets (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  requester_user_id text,
  created_at timestamptz NOT NULL,
  transcript_removed boolean NOT NULL DEFAULT false,
  data text NOT NULL
);
CREATE INDEX tickets_requester ON tickets (requester_user_id);
CREATE INDEX tickets_retention ON tickets (created_at) WHERE NOT transcript_removed;

-- Ticket numbers: HD-1001 is number 1.
CREATE SEQUENCE ticket_number;

-- When each background job last ran, on any instance: a round is claimed by moving this forward.
CREATE TABLE job_rounds (
  job text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);
