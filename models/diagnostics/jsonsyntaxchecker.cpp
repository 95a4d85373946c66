// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/jsonsyntaxchecker.h"

#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/sqljsontree.h"

#include <QJsonDocument>

namespace verdict {

namespace {

int unclosedString(const QString &text)
{
    int start = -1;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (start < 0) {
            if (c == QLatin1Char('"'))
                start = i;
        } else if (c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('"')) {
            start = -1;
        } else if (c == QLatin1Char('\n')) {
            return start;
        }
    }
    return start;
}

} // namespace

QJsonParseError JsonSyntaxChecker::parse(const QString &content)
{
    // The very same string is asked for twice in a row (a shared QString): a hit costs a
    // pointer comparison, a different text one comparison of its characters at most.
    thread_local QString lastContent;
    thread_local QJsonParseError last{};
    thread_local bool known = false;
    if (known && lastContent == content)
        return last;
    last = QJsonParseError{};
    // A text the index vouches for is one Qt accepts (SqlJsonTree's contract, tested
    // against Qt): Qt's parser, which builds the whole document, then only runs on what the
    // index refused, for its verdict and its words (it also accepts a few texts leniently).
    thread_local SqlJsonTree index;
    const QByteArray utf8 = content.toUtf8();
    if (!index.parse(utf8))
        QJsonDocument::fromJson(utf8, &last);
    lastContent = content;
    known = true;
    return last;
}

bool JsonSyntaxChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Json;
}

std::vector<Diagnostic> JsonSyntaxChecker::check(const Artifact &artifact,
                                                 const Proposal &proposal)
{
    if (artifact.content.size() > kMaxCheckedArtifactChars) {
        return {artifactDiagnostic(artifact, proposal, QStringLiteral("not-checked"),
                                   DiagnosticSeverity::Info,
                                   QStringLiteral("JSON not checked: the file is too large"), 1,
                                   1)};
    }
    const QJsonParseError error = parse(artifact.content);
    if (error.error == QJsonParseError::NoError)
        return {};
    const TextMap map(artifact.content);
    int offset = map.offsetFromUtf8(error.offset);
    if (error.error == QJsonParseError::UnterminatedString) {
        // Qt reports the end of the input; the reviewer needs the string that never closed
        // (JSON strings cannot span lines, so the first one still open at a line end).
        const int open = unclosedString(artifact.content);
        if (open >= 0 && open < offset)
            offset = open;
    }
    const QString message = QStringLiteral("JSON %1: no JSON parser will accept this file%2")
                                .arg(error.errorString(),
                                     LanguageMismatchChecker::checkedAsNote(artifact));
    return {artifactDiagnostic(artifact, proposal, QStringLiteral("syntax-error"),
                               DiagnosticSeverity::Error, message, map.lineOf(offset),
                               map.columnOf(offset))};
}

} // namespace verdict
