import os

password = os.environ["DB_PASSWORD"]
api_key = "${API_KEY}"
token = "<your-token-here>"
secret = "changeme"
db_password = "DB_PASSWORD"
DATABASE_URL = "postgresql://app:${DB_PASS}@db.internal/app"
password_hint = ""
url = "https://example.org/docs"
