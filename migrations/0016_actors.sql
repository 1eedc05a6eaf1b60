-- Every admin action names the admin (issue 21): the email from their ID token, or `password` for the shared
-- password (the only sign-in before this version, so earlier admin actions were its).
ALTER TABLE events ADD COLUMN actor TEXT;
UPDATE events SET actor = 'password' WHERE kind IN ('admin_signed_in', 'admin_signed_out', 'admin_user_added',
    'admin_checked', 'admin_exported', 'admin_token_created', 'admin_token_revoked', 'admin_endpoint_changed')
    OR (kind = 'link_minted' AND detail = 'console');
CREATE INDEX IF NOT EXISTS events_actor_pos ON events (actor, pos);
-- Who may use the console through single sign-on, bound to the issuer and subject their first sign-in presented
-- (an email alone does not make an admin: another subject with the same email is refused).
CREATE TABLE IF NOT EXISTS admin_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    email TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX IF NOT EXISTS admin_identities_email ON admin_identities (issuer, email);
