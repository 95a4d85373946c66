// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace verdict {

// A problem found while parsing a report: kept on the proposal, never a reason to drop it.
struct Problem
{
    int line = 0; // 1-based line of the source file
    QString message;
};

// One file a proposal wants to create or update.
struct Artifact
{
    QString path;             // as written in the report, e.g. "generated_1.sql"
    QString declaredLanguage; // from the extension or fence tag; "plaintext" when unknown
    QString language;         // content-based guess; language ids as in DESIGN.md
    int firstLine = 0;        // 1-based, first line of the content itself
    int lastLine = 0;         // 1-based, last content line (inclusive); < firstLine if empty
    bool fenced = false;
    QString fenceTag;         // the tag after ``` if any
    QString content;          // exact content, lines joined with '\n', no trailing newline
    QString sha256;           // hex sha256 of content (UTF-8)
};

// One "# FSAR Proposal Report" block.
struct Proposal
{
    QString sourceFile;  // path of the report file as given
    int sourceLine = 0;  // 1-based line of "# FSAR Proposal Report"
    int endLine = 0;     // 1-based last line belonging to this report
    QString id;          // empty when missing (with a problem)
    std::optional<QString> timestamp; // ISO 8601 as written, when well-formed
    std::optional<int> severity;
    std::optional<bool> blockExecution;
    std::optional<QString> kind;        // word before the first colon of the body
    std::optional<QString> opportunity; // "This is for opportunity: NAME"
    QString body;        // the proposal text (after "- proposal:") up to "## Risks"
    // The same text as the file's UTF-8 bytes, when the parser could take them as they
    // were (no CR, valid UTF-8); else empty. Stores write it instead of converting `body`
    // again: a big import is tens of megabytes of bodies. Whoever changes `body` clears it.
    QByteArray bodyUtf8;
    int bodyFirstLine = 0;
    std::vector<Artifact> artifacts;
    QStringList risks;
    QStringList mitigations;
    std::vector<Problem> problems;
    QString sha256;      // hex sha256 of the report's exact text (identity of a revision)
};

// The result of parsing one file: either an error for that file alone, or its proposals.
struct ParsedFile
{
    QString path;
    QString error; // empty when the file is a report
    std::vector<Proposal> proposals;
};

} // namespace verdict
