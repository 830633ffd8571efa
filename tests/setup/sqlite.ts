// Runs before any module of a test file: this project's files talk to SQLite.
delete process.env.DATABASE_URL;
process.env.TEST_DB_KIND = 'sqlite';
