// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/proposal.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace verdict {

// Parses FSAR Proposal Reports (format in DESIGN.md). Pure functions: no I/O besides
// reading the named file, safe on any thread, never throws, never crashes on any bytes.
// Linear in the input; files over 4 MB with many reports are read on the thread pool.
//
// Identities: Proposal::sha256 hashes the report's lines (header line to its last non-blank
// line) joined with '\n', so CRLF vs LF, a BOM or the report's place in its file do not
// change it; Artifact::sha256 hashes Artifact::content (UTF-8). Line ends are \n, \r\n or
// a lone \r, as QTextStream::readLine counts them.
class ReportParser final
{
public:
    // Parses one file's bytes. `path` is only recorded (and used in messages).
    static ParsedFile parse(const QByteArray &data, const QString &path);

    // Reads and parses one file; an unreadable file becomes ParsedFile::error.
    static ParsedFile parseFile(const QString &path);

    // Expands files and folders (recursively, hidden files and folders skipped) into
    // the list of files to parse, sorted, without duplicates. Missing paths are returned
    // in `missing`.
    static QStringList collectFiles(const QStringList &paths, QStringList *missing = nullptr);
};

} // namespace verdict
