-- Small persistent settings, e.g. the development link secret generated when running on the sandbox.
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
