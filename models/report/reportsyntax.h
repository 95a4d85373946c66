// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The shapes of a report's lines (format: docs/ARCHITECTURE.md, "The report format"):
// section headers, "- key: value" fields, timestamps, the file markers and fences.

#include <QString>
#include <QStringView>

namespace verdict::ReportSyntax {

// "## Risks" / "## Mitigations" / any other "## " section header; returns the name.
bool sectionHeader(QStringView t, QStringView *name);

enum class Section { None, Risks, Mitigations, Other };

inline Section sectionOf(QStringView t)
{
    QStringView name;
    if (!sectionHeader(t, &name))
        return Section::None;
    if (name.compare(QLatin1String("risks"), Qt::CaseInsensitive) == 0)
        return Section::Risks;
    if (name.compare(QLatin1String("mitigations"), Qt::CaseInsensitive) == 0)
        return Section::Mitigations;
    return Section::Other;
}

// "- key: value" (also "* key: value", any spacing, key in any case, spaces or dashes
// for underscores). The key comes back normalized: lower case, underscores.
bool fieldLine(QStringView t, QString *key, QStringView *value);

// 2026-01-02T19:12:25.611Z, also without seconds or fraction, or with a +hh:mm offset.
bool isTimestamp(QStringView v);

bool isKindWord(QStringView w);

QString quoted(QStringView s);

const QString &createNeedle();

const QString &contentNeedle();

// The marker as the reports write it, capitalized or not; searched in the raw bytes with
// memmem, which is far faster than a case-insensitive QString search on every line.
inline constexpr char kCreateMarker[] = "reate or update the file";

bool isOpportunityLine(QStringView t);

bool isMakeSureLine(QStringView t);

inline bool isFenceOpen(QStringView t)
{
    return t.startsWith(QLatin1String("```")) || t.startsWith(QLatin1String("~~~"));
}

bool isBareFence(QStringView t);

QString stripPathQuotes(QStringView p);

} // namespace verdict::ReportSyntax
