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
    // Report files larger than this are refused, not read: parsing holds about nine times
    // the file in memory, and 64 MB is some 16,000 reports (10,000 real ones take 40 MB).
    static constexpr qint64 kMaxFileBytes = qint64(64) << 20;

    // Parses one file's bytes. `path` is only recorded (and used in messages).
    static ParsedFile parse(const QByteArray &data, const QString &path);

    // Reads and parses one file. Anything that is not a readable regular file of at most
    // kMaxFileBytes becomes ParsedFile::error, saying what it is ("too large (2.0 GB; the
    // limit is 64 MB)", "not a regular file (a FIFO)", "dangling symbolic link (to x)",
    // "cannot read folder: Permission denied"...). Never waits on a FIFO or a device: only
    // regular files are opened.
    static ParsedFile parseFile(const QString &path);

    // Expands files and folders (recursively, by FolderWalk's rules: hidden files and
    // folders skipped, links to folders not followed) into the list of files to parse,
    // sorted, without duplicates.
    // Missing paths are returned in `missing`. What the walk meets but cannot read as a
    // report (a folder it cannot list, a path longer than the system takes, a dangling link,
    // a FIFO, socket or device) is listed too: parseFile() then says why, so every caller
    // reports it as that path's error instead of skipping it silently.
    static QStringList collectFiles(const QStringList &paths, QStringList *missing = nullptr);

    // The problem parse() records on the second of two reports with the same id in a file.
    static bool isDuplicateId(const Problem &problem);
};

} // namespace verdict
