import boto3

AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLX"
db_password = "S3cure-Passw0rd!"
config = {"api_key": "q8ZrT1xW4yP9mN2b"}
DATABASE_URL = "postgresql://app:hunter2hunter2@db.internal:5432/app"
GITHUB_TOKEN = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
