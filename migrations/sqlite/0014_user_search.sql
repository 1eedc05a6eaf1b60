-- PostgreSQL's 0014 adds a trigram index for "user id contains". SQLite's console is for up to about 10,000 users,
-- where LIKE over every id costs less than keeping an FTS5 table in step, so nothing changes here.
SELECT 1;
