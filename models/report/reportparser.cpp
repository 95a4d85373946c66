// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportparser.h"

#include "report/folderwalk.h"
#include "report/parallelreports.h"
#include "report/reportfile.h"
#include "report/reportlines.h"
#include "report/reportreader.h"
#include "report/reportsyntax.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>

// The parser in files: this one (a file's reports, the folder arguments), reportreader.cpp
// (one report), reportsyntax.cpp (line shapes), reportfile.cpp (reading a file safely),
// folderwalk.cpp (folders); the speed-ups beside them: reportlines.cpp (bytes and lines),
// readerscratch.h (reused tables), parallelreports.cpp (big files on the thread pool).
// Everything is one pass or a constant number of passes over the lines: the parser meets
// fuzzers and 40 MB folders, so no backtracking regular expressions per line and no
// rescans that could go quadratic.

namespace verdict {

using namespace ReportLines;
using ReportSyntax::quoted;

ParsedFile ReportParser::parse(const QByteArray &data, const QString &path)
{
    ParsedFile file;
    file.path = path;
    if (data.isEmpty()) {
        file.error = QStringLiteral("empty file");
        return file;
    }
    if (const void *nul = std::memchr(data.constData(), 0, size_t(data.size()))) {
        file.error = QStringLiteral("binary file (NUL byte at offset %1)")
                         .arg(static_cast<const char *>(nul) - data.constData());
        return file;
    }
    const qsizetype size = data.size();
    const qsizetype bom = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    if (isBlankBytes(data.constData() + bom, size - bom)) {
        file.error = QStringLiteral("empty file");
        return file;
    }
    const qsizetype invalid = invalidUtf8(
        reinterpret_cast<const unsigned char *>(data.constData()) + bom, size - bom);
    // A few stray bytes are tolerated (shown as U+FFFD); many mean it is not text.
    if (invalid >= 8 && invalid * 50 > size - bom) {
        file.error = QStringLiteral("binary file (not UTF-8 text: %1 invalid byte sequences)")
                         .arg(invalid);
        return file;
    }
    const bool hasCr = std::memchr(data.constData(), '\r', size_t(size)) != nullptr;
    const std::vector<ByteLine> lines = splitLines(data.constData(), bom, size, hasCr);

    std::vector<qsizetype> headers;
    for (size_t i = 0; i < lines.size(); ++i) {
        const ByteLine &l = lines[i];
        if (isHeaderBytes(data.constData() + l.begin, l.end - l.begin))
            headers.push_back(qsizetype(i));
    }
    if (headers.empty()) {
        file.error = QStringLiteral("no '# FSAR Proposal Report' header found");
        return file;
    }

    const bool exactBytes = !hasCr && invalid == 0;
    auto readRange = [&](size_t from, size_t to, std::vector<Proposal> *out) {
        ReportReader reader(data, lines, exactBytes, path);
        for (size_t h = from; h < to; ++h) {
            const qsizetype first = headers[h];
            const qsizetype last = h + 1 < headers.size() ? headers[h + 1] - 1
                                                          : qsizetype(lines.size()) - 1;
            out->push_back(reader.read(first, last));
        }
    };
    file.proposals = readReportsInParallel(size, headers.size(), readRange);

    QHash<QString, int> idLines;
    for (Proposal &p : file.proposals) {
        if (!p.id.isEmpty()) {
            const auto seen = idLines.constFind(p.id);
            if (seen != idLines.constEnd()) {
                const Problem dup{p.sourceLine,
                                  QStringLiteral("duplicate id %1 (also the report at line %2)")
                                      .arg(quoted(p.id))
                                      .arg(*seen)};
                const auto at = std::upper_bound(
                    p.problems.begin(), p.problems.end(), dup,
                    [](const Problem &a, const Problem &b) { return a.line < b.line; });
                p.problems.insert(at, dup);
            } else {
                idLines.insert(p.id, p.sourceLine);
            }
        }
    }
    // Text before the first header belongs to no report: say so on the first one.
    for (qsizetype i = 0; i < headers.front(); ++i) {
        const ByteLine &l = lines[size_t(i)];
        if (!isBlankBytes(data.constData() + l.begin, l.end - l.begin)) {
            Proposal &p = file.proposals.front();
            p.problems.insert(p.problems.begin(),
                              {int(i + 1), QStringLiteral("text before the first "
                                                          "'# FSAR Proposal Report' header "
                                                          "is ignored")});
            break;
        }
    }
    return file;
}

ParsedFile ReportParser::parseFile(const QString &path)
{
    QByteArray data;
    const QString error = ReportFile::readRegularFile(path, &data);
    if (!error.isEmpty()) {
        ParsedFile file;
        file.path = path;
        file.error = error;
        return file;
    }
    return parse(data, path);
}

bool ReportParser::isDuplicateId(const Problem &problem)
{
    return problem.message.startsWith(QLatin1String("duplicate id "));
}

QStringList ReportParser::collectFiles(const QStringList &paths, QStringList *missing)
{
    QStringList files;
    for (const QString &p : paths) {
        struct stat st;
        const QByteArray native = QFile::encodeName(p);
        if (::lstat(native.constData(), &st) != 0 && errno == ENOENT) {
            if (missing)
                missing->append(p);
            continue;
        }
        // A link to a folder named on the command line is followed; inside folders not.
        if (!QFileInfo(p).isDir()) {
            files.append(QDir::cleanPath(p));
            continue;
        }
        files.append(FolderWalk::walk(p).entries); // the rules: folderwalk.h
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

} // namespace verdict
