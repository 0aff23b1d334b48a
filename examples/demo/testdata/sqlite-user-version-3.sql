-- A demo.db as the demo made it before schema_migrations, when PRAGMA
-- user_version counted the three migrations applied: what its sqlite_master
-- held, then its rows (a post, a like, a renamed user, a tag of its own),
-- written out by that version of the demo. TestSQLiteFileFromBeforeSchemaMigrations
-- rebuilds the file from it and opens it with the demo as it is now.
PRAGMA user_version = 3;
CREATE TABLE posts (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		title TEXT NOT NULL,
		content TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE contacts (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		name TEXT NOT NULL, email TEXT NOT NULL, message TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
CREATE TABLE messages (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		text TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE documents (
		id INTEGER PRIMARY KEY,
		version INTEGER NOT NULL,
		draft TEXT NOT NULL,
		published TEXT NOT NULL
	);
CREATE TABLE accounts (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		username TEXT NOT NULL UNIQUE,
		email TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
CREATE TABLE subscribers (email TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE cart_items (sku TEXT PRIMARY KEY, quantity INTEGER NOT NULL);
CREATE TABLE journal (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		entry TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
CREATE TABLE tags (name TEXT PRIMARY KEY, uses INTEGER NOT NULL);
INSERT INTO posts VALUES(1,'Made before schema_migrations','This post was written by the demo when PRAGMA user_version counted its migrations.',1767225600000);
INSERT INTO counters VALUES('likes',1);
INSERT INTO counters VALUES('views',0);
INSERT INTO counters VALUES('posts',1);
INSERT INTO users VALUES(1,'Grace Hopper');
INSERT INTO documents VALUES(1,1,'My first article','');
INSERT INTO tags VALUES('go',3);
INSERT INTO tags VALUES('html',2);
INSERT INTO tags VALUES('forms',1);
INSERT INTO tags VALUES('sqlite',1);
CREATE TRIGGER posts_counted AFTER INSERT ON posts BEGIN
		UPDATE counters SET value = value + 1 WHERE name = 'posts';
	END;
CREATE TRIGGER posts_uncounted AFTER DELETE ON posts BEGIN
		UPDATE counters SET value = value - 1 WHERE name = 'posts';
	END;
