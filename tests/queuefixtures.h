// SPDX-License-Identifier: GPL-3.0-or-later
// Queue rows and decisions from tests/data/queue/entries.json, for the filter tests.
#pragma once

#include "store/store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

namespace verdict::testing {

inline QJsonObject queueFixture()
{
    QFile file(QStringLiteral(VERDICT_TEST_DATA "/queue/entries.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qUtf8Printable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

inline std::vector<QueueEntry> fixtureEntries()
{
    std::vector<QueueEntry> out;
    for (const QJsonValue &v : queueFixture().value(QStringLiteral("entries")).toArray()) {
        const QJsonObject o = v.toObject();
        QueueEntry e;
        e.id = o.value(QStringLiteral("id")).toString();
        if (!o.value(QStringLiteral("severity")).isNull())
            e.severity = o.value(QStringLiteral("severity")).toInt();
        if (!o.value(QStringLiteral("block_execution")).isNull())
            e.blockExecution = o.value(QStringLiteral("block_execution")).toBool();
        e.kind = o.value(QStringLiteral("kind")).toString();
        e.opportunity = o.value(QStringLiteral("opportunity")).toString();
        e.targets = toStringList(o.value(QStringLiteral("targets")));
        e.languages = toStringList(o.value(QStringLiteral("languages")));
        e.status = statusFromId(o.value(QStringLiteral("status")).toString()).value();
        e.sourceFile = o.value(QStringLiteral("source_file")).toString();
        e.errors = o.value(QStringLiteral("errors")).toInt();
        e.warnings = o.value(QStringLiteral("warnings")).toInt();
        e.infos = o.value(QStringLiteral("infos")).toInt();
        e.problems = o.value(QStringLiteral("problems")).toInt();
        out.push_back(e);
    }
    return out;
}

inline std::vector<Decision> fixtureDecisions()
{
    std::vector<Decision> out;
    for (const QJsonValue &v : queueFixture().value(QStringLiteral("decisions")).toArray()) {
        const QJsonObject o = v.toObject();
        Decision d;
        d.proposalId = o.value(QStringLiteral("proposal_id")).toString();
        d.reviewer = o.value(QStringLiteral("reviewer")).toString();
        d.verdict = verdictFromId(o.value(QStringLiteral("verdict")).toString()).value();
        out.push_back(d);
    }
    return out;
}

// "fsar_51f8aa7f-7563-..." -> "51f8aa7f": short names keep the test tables readable.
inline QString shortId(const QString &id)
{
    QString s = id.mid(5);
    const int dash = int(s.indexOf(QLatin1Char('-')));
    return dash > 0 ? s.left(dash) : s;
}

} // namespace verdict::testing
