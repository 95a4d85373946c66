// SPDX-License-Identifier: GPL-3.0-or-later
#include "reasonpresets.h"

#include "store/store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace verdict {

namespace {
const QString kKey = QStringLiteral("reason_presets");
} // namespace

QStringList ReasonPresets::defaults()
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("verdict::ReasonPresets", text);
    };
    return {tr("wrong language"), tr("unsafe operation"), tr("incomplete"), tr("duplicate"),
            tr("secret in code")};
}

QString ReasonPresets::toJson(const QStringList &presets)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(presets)).toJson(QJsonDocument::Compact));
}

std::optional<QStringList> ReasonPresets::fromJson(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue &v : doc.array()) {
        if (!v.isString())
            return std::nullopt;
        const QString s = v.toString().trimmed();
        if (!s.isEmpty())
            out << s;
    }
    return out;
}

QStringList ReasonPresets::load(Store *store)
{
    // In the database (SQLite or the team server): a lead sets them for the team.
    const auto json = store ? store->setting(kKey) : Result<QString>(QString());
    if (!json || json->isEmpty())
        return defaults();
    return fromJson(*json).value_or(defaults());
}

Result<void> ReasonPresets::save(Store *store, const QStringList &presets)
{
    QStringList clean;
    for (const QString &p : presets) {
        if (!p.trimmed().isEmpty())
            clean << p.trimmed();
    }
    if (!store)
        return makeError(QStringLiteral("no database to keep the reason presets in"));
    return store->setSetting(kKey, toJson(clean));
}

} // namespace verdict
