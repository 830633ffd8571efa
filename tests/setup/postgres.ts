// Runs before any module of a test file: this project's files talk to PostgreSQL. The URL only
// selects the kind of database here; each file gets its own database (tests/support/database.ts).
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
process.env.TEST_DB_KIND = 'postgres';
