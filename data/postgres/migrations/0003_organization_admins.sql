-- Who administers which organization, by lower-case email ('email:...') and by user id ('user:...'), so
-- Directory.organizationsAdministeredBy looks a person up by key instead of reading every organization.
-- Kept by saveOrganization and by the file import.
CREATE TABLE organization_admins (
  admin_key text NOT NULL,
  org_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (admin_key, org_id)
);
CREATE INDEX organization_admins_org_id ON organization_admins (org_id);

-- The admins of organizations stored before this table. jsonb refuses the \u0000 escape a stored text may
-- hold, so such a row is read as having no admins here; its next save lists them.
INSERT INTO organization_admins (admin_key, org_id)
SELECT DISTINCT admin_key, id
  FROM (
    SELECT o.id, CASE WHEN strpos(o.data, '\u0000') = 0 THEN o.data::jsonb END AS doc FROM organizations o
  ) AS parsed,
  LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(doc -> 'admins') = 'array' THEN doc -> 'admins' ELSE '[]'::jsonb END) AS admin,
  LATERAL (VALUES ('email:' || lower(admin ->> 'email')), ('user:' || (admin ->> 'userId'))) AS keys (admin_key)
 WHERE admin_key IS NOT NULL;
