// SPDX-License-Identifier: GPL-3.0-or-later
#include "reasonpresets.h"

#include "store/sqlitestore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

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
    QString json;
    if (auto *sqlite = dynamic_cast<SqliteStore *>(store)) {
        auto value = sqlite->meta(kKey);
        if (value)
            json = value.value();
    } else {
        json = QSettings().value(kKey).toString();
    }
    if (json.isEmpty())
        return defaults();
    return fromJson(json).value_or(defaults());
}

Result<void> ReasonPresets::save(Store *store, const QStringList &presets)
{
    QStringList clean;
    for (const QString &p : presets) {
        if (!p.trimmed().isEmpty())
            clean << p.trimmed();
    }
    if (auto *sqlite = dynamic_cast<SqliteStore *>(store))
        return sqlite->setMeta(kKey, toJson(clean));
    QSettings().setValue(kKey, toJson(clean));
    return {};
}

} // namespace verdict
