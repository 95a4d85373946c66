import logging

log = logging.getLogger(__name__)


def sync_users(client):
    users = client.fetch_all()
    for user in users:
        record = normalize_user_record(user)
        log.info("synced %s", record)
    return len(users)
