// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/proposaljson.h"

#include "domain/textform.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace verdict::ProposalJson {

namespace {

QJsonValue optionalString(const std::optional<QString> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

std::optional<QString> optionalStringFrom(const QJsonValue &v)
{
    return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
}

QStringList stringsFromValue(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array)
        out << item.toString();
    return out;
}

} // namespace

QJsonObject toJson(const Proposal &p)
{
    QJsonArray artifacts;
    for (const Artifact &a : p.artifacts) {
        artifacts.append(QJsonObject{{QStringLiteral("path"), a.path},
                                     {QStringLiteral("declaredLanguage"), a.declaredLanguage},
                                     {QStringLiteral("language"), a.language},
                                     {QStringLiteral("firstLine"), a.firstLine},
                                     {QStringLiteral("lastLine"), a.lastLine},
                                     {QStringLiteral("fenced"), a.fenced},
                                     {QStringLiteral("fenceTag"), a.fenceTag},
                                     {QStringLiteral("content"), a.content},
                                     {QStringLiteral("sha256"), a.sha256}});
    }
    QJsonArray problems;
    for (const Problem &pr : p.problems)
        problems.append(QJsonArray{pr.line, pr.message});
    return QJsonObject{
        {QStringLiteral("sourceFile"), p.sourceFile},
        {QStringLiteral("sourceLine"), p.sourceLine},
        {QStringLiteral("endLine"), p.endLine},
        {QStringLiteral("id"), p.id},
        {QStringLiteral("timestamp"), optionalString(p.timestamp)},
        {QStringLiteral("severity"), p.severity ? QJsonValue(*p.severity) : QJsonValue()},
        {QStringLiteral("blockExecution"),
         p.blockExecution ? QJsonValue(*p.blockExecution) : QJsonValue()},
        {QStringLiteral("kind"), optionalString(p.kind)},
        {QStringLiteral("opportunity"), optionalString(p.opportunity)},
        {QStringLiteral("body"), p.body},
        {QStringLiteral("bodyFirstLine"), p.bodyFirstLine},
        {QStringLiteral("artifacts"), artifacts},
        {QStringLiteral("risks"), QJsonArray::fromStringList(p.risks)},
        {QStringLiteral("mitigations"), QJsonArray::fromStringList(p.mitigations)},
        {QStringLiteral("problems"), problems},
        {QStringLiteral("sha256"), p.sha256}};
}

QByteArray toText(const Proposal &p)
{
    return QJsonDocument(toJson(p)).toJson(QJsonDocument::Compact);
}

Proposal fromJson(const QJsonObject &o)
{
    Proposal p;
    p.sourceFile = o.value(QStringLiteral("sourceFile")).toString();
    p.sourceLine = o.value(QStringLiteral("sourceLine")).toInt();
    p.endLine = o.value(QStringLiteral("endLine")).toInt();
    p.id = o.value(QStringLiteral("id")).toString();
    p.timestamp = optionalStringFrom(o.value(QStringLiteral("timestamp")));
    const QJsonValue severity = o.value(QStringLiteral("severity"));
    if (severity.isDouble())
        p.severity = severity.toInt();
    const QJsonValue block = o.value(QStringLiteral("blockExecution"));
    if (block.isBool())
        p.blockExecution = block.toBool();
    p.kind = optionalStringFrom(o.value(QStringLiteral("kind")));
    p.opportunity = optionalStringFrom(o.value(QStringLiteral("opportunity")));
    p.body = o.value(QStringLiteral("body")).toString();
    p.bodyFirstLine = o.value(QStringLiteral("bodyFirstLine")).toInt();
    const QJsonArray artifacts = o.value(QStringLiteral("artifacts")).toArray();
    for (const QJsonValue &v : artifacts) {
        const QJsonObject a = v.toObject();
        Artifact art;
        art.path = a.value(QStringLiteral("path")).toString();
        art.declaredLanguage = a.value(QStringLiteral("declaredLanguage")).toString();
        art.language = a.value(QStringLiteral("language")).toString();
        art.firstLine = a.value(QStringLiteral("firstLine")).toInt();
        art.lastLine = a.value(QStringLiteral("lastLine")).toInt();
        art.fenced = a.value(QStringLiteral("fenced")).toBool();
        art.fenceTag = a.value(QStringLiteral("fenceTag")).toString();
        art.content = a.value(QStringLiteral("content")).toString();
        art.sha256 = a.value(QStringLiteral("sha256")).toString();
        p.artifacts.push_back(art);
    }
    p.risks = stringsFromValue(o.value(QStringLiteral("risks")));
    p.mitigations = stringsFromValue(o.value(QStringLiteral("mitigations")));
    const QJsonArray problems = o.value(QStringLiteral("problems")).toArray();
    for (const QJsonValue &v : problems) {
        const QJsonArray pr = v.toArray();
        p.problems.push_back(Problem{pr.at(0).toInt(), pr.at(1).toString()});
    }
    p.sha256 = o.value(QStringLiteral("sha256")).toString();
    return p;
}

Proposal fromText(const QByteArray &text)
{
    return fromJson(QJsonDocument::fromJson(text).object());
}

// Written directly, not through QJsonArray/QJsonDocument: an import writes three of these
// per proposal, and the detour cost more than writing the row.
QByteArray strings(const QStringList &list)
{
    return TextForm::jsonStringArray(list);
}

QStringList stringsFrom(const QByteArray &json)
{
    return stringsFromValue(QJsonDocument::fromJson(json).array());
}

QByteArray problems(const std::vector<Problem> &problems)
{
    QByteArray out;
    out.append('[');
    for (size_t i = 0; i < problems.size(); ++i) {
        if (i > 0)
            out.append(',');
        out.append('[');
        out.append(QByteArray::number(problems[i].line));
        out.append(',');
        TextForm::appendJsonString(out, problems[i].message);
        out.append(']');
    }
    out.append(']');
    return out;
}

std::vector<Problem> problemsFrom(const QByteArray &json)
{
    std::vector<Problem> out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &v : array) {
        const QJsonArray pair = v.toArray();
        out.push_back(Problem{pair.at(0).toInt(), pair.at(1).toString()});
    }
    return out;
}

} // namespace verdict::ProposalJson
