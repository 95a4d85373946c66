// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgresstore.h"
#include "store/sqlitestore.h"
#include "store/store.h"

#include <QDir>
#include <QStandardPaths>

namespace verdict {

bool isServerUrl(const QString &url)
{
    if (url.startsWith(QLatin1String("postgresql://"))
        || url.startsWith(QLatin1String("postgres://")))
        return true;
    // A libpq key=value string: "host=... dbname=..." (a path never holds '=' before a '/').
    const int eq = url.indexOf(QLatin1Char('='));
    return eq > 0 && !url.left(eq).contains(QLatin1Char('/'))
           && !url.startsWith(QLatin1String("sqlite:"));
}

QString sqlitePathOf(const QString &url)
{
    if (isServerUrl(url))
        return {};
    return url.startsWith(QLatin1String("sqlite:")) ? url.mid(7) : url;
}

QString defaultStoreUrl(const QString &commandLineUrl)
{
    if (!commandLineUrl.isEmpty())
        return commandLineUrl;
    const QString env = qEnvironmentVariable("VERDICT_DB");
    if (!env.isEmpty())
        return env;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("verdict.sqlite"));
}

QString storeLibraryVersions()
{
    return SqliteStore::libraryVersion() + QStringLiteral(", ") + PostgresStore::libraryVersion();
}

namespace {

// A store's own messages are redacted already; this is the net under them, for any the
// store did not produce (whatever echoes the URL it was given).
Error redacted(Error error, const QString &url)
{
    error.message = redactStoreUrl(error.message, url);
    return error;
}

} // namespace

Result<std::unique_ptr<Store>> openStore(const QString &url)
{
    if (isServerUrl(url)) {
        auto store = PostgresStore::open(url);
        if (!store)
            return redacted(store.error(), url);
        return std::unique_ptr<Store>(std::move(store).value());
    }
    const QString path = sqlitePathOf(url);
    if (path.isEmpty())
        return makeError(QStringLiteral("empty database path"));
    auto store = SqliteStore::open(path);
    if (!store)
        return store.error();
    return std::unique_ptr<Store>(std::move(store).value());
}

Result<StoreProbe> probeStore(const QString &url)
{
    if (isServerUrl(url)) {
        auto probe = PostgresStore::probe(url);
        if (!probe)
            return redacted(probe.error(), url);
        return probe;
    }
    const QString path = sqlitePathOf(url);
    if (path.isEmpty())
        return makeError(QStringLiteral("empty database path"));
    return SqliteStore::probe(path);
}

} // namespace verdict
