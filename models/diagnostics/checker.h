// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "domain/proposal.h"

#include <QString>
#include <QVector>

#include <utility>
#include <vector>

namespace verdict {

// One artifact-level check. Checkers report lines and columns of the REPORT file (use
// TextMap and artifactDiagnostic() below), never execute the content, and never throw.
// A checker instance is used by one thread at a time (it may own a worker process).
class Checker
{
public:
    virtual ~Checker() = default;

    // Stable id of the checker (not necessarily the rule id it reports).
    virtual QString id() const = 0;
    // Bumped whenever the checker's output for the same input may change: part of the
    // diagnostics cache key.
    virtual QString version() const = 0;
    virtual bool appliesTo(const Artifact &artifact) const = 0;
    virtual std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) = 0;
    // The artifacts this checker applies to that are about to be checked, so a checker
    // whose tool starts slowly can run it once over all of them (check() then answers from
    // what it kept). Optional: check() alone must give the same answer.
    virtual void prepare(const std::vector<const Artifact *> &artifacts) { Q_UNUSED(artifacts) }
    // True for checkers that do something in prepare().
    virtual bool batches() const { return false; }
};

// Maps offsets in an artifact's content to 1-based lines and columns (columns count UTF-16
// characters, as editors do).
class TextMap final
{
public:
    explicit TextMap(const QString &text);

    int lineCount() const { return m_lineStarts.size(); }
    // UTF-16 offset -> 1-based line / column. Offsets past the end clamp to the end.
    int lineOf(int offset) const;
    int columnOf(int offset) const;
    // Offset of a 1-based line's first character (clamped).
    int lineStart(int line) const;
    // Length of a 1-based line in UTF-16 characters (without the '\n').
    int lineLength(int line) const;
    QString lineText(int line) const;
    // Byte offset into the UTF-8 form -> UTF-16 offset.
    int offsetFromUtf8(int byteOffset) const;
    // Code point offset (0-based) -> UTF-16 offset.
    int offsetFromCodePoint(int codePoint) const;

private:
    QString m_text;
    QVector<int> m_lineStarts;
};

// Builds a diagnostic on an artifact; `line` and `column` are artifact-relative (1-based) and
// are clamped into the artifact, then mapped to report-file lines.
Diagnostic artifactDiagnostic(const Artifact &artifact, const Proposal &proposal,
                              const QString &rule, DiagnosticSeverity severity,
                              const QString &message, int line, int column);

// The latest answers about texts, found by text: a parser's answer is asked for again by
// another checker (language detection asks whether a text parses before the syntax checker
// reports why not), or after a batch's prepare(). Holds its texts (shared, not copied), so a
// hit is usually the very same string. Bounded: the oldest answer makes way.
template <typename T, size_t kEntries = 64>
class RecentAnswers final
{
public:
    const T *find(const QString &text) const
    {
        for (const auto &e : m_entries) {
            if (e.first.size() == text.size()
                && (e.first.constData() == text.constData() || e.first == text))
                return &e.second;
        }
        return nullptr;
    }
    void insert(const QString &text, T value)
    {
        if (m_entries.size() < kEntries) {
            m_entries.emplace_back(text, std::move(value));
        } else {
            m_entries[m_next] = {text, std::move(value)};
            m_next = (m_next + 1) % kEntries;
        }
    }

private:
    std::vector<std::pair<QString, T>> m_entries;
    size_t m_next = 0;
};

// Artifacts larger than this are not run through parsers (bounded time and memory).
constexpr int kMaxCheckedArtifactChars = 1 << 20;

// Line and column (report file) of each artifact's "Create or update the file PATH"
// sentence (column of PATH), in the order of proposal.artifacts. One pass over the body for
// all of them: a proposal may carry thousands of artifacts.
std::vector<std::pair<int, int>> artifactHeaderPositions(const Proposal &proposal);

// Report text quoted in a message (an id, a path), cut to `max` characters with an
// ellipsis: whatever the report holds, a message stays one bounded line.
QString elided(const QString &text, int max = 120);

} // namespace verdict
