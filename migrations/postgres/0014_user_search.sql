-- "User id contains" through a trigram index (issue 20): a search reads the ids that hold the text's trigrams, not
-- every id. (SQLite's 0014 is empty: its console is measured at 10,000 users, where reading every id costs less.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS portal_users_search ON portal_users USING gin (LOWER(user_id) gin_trgm_ops);
