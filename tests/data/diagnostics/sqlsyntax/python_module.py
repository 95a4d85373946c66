import sqlite3


def count_users(db_path):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM users").fetchone()[0]
