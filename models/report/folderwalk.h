// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace verdict {

// The one walk of a report folder, with one set of rules for the import
// (ReportParser::collectFiles: the CLI and the GUI's import) and the folder watcher:
// - every entry whose name does not start with '.' is a candidate: there is no extension
//   filter, the parser says which files hold reports (and why the others do not);
// - hidden files are not listed and hidden folders not entered;
// - regular files and links to files are listed, and so are FIFOs, sockets, devices,
//   dangling links and link loops: ReportParser::parseFile says why they cannot be read,
//   rather than them being skipped without a word (it never opens them);
// - subfolders are entered; links to folders are not followed (a link named as the root
//   is), so no walk can loop through links; a folder reached twice another way (a bind
//   mount) is read once;
// - a folder that cannot be listed is itself listed as an entry (parseFile says why).
// POSIX: it must see what QDirIterator hides (folders it cannot open, special files).
class FolderWalk final
{
public:
    struct Limits
    {
        int maxDepth = -1;   // levels below the root entered; -1: no limit
        int maxFolders = -1; // folders listed in all, the shallowest first; -1: no limit
    };

    struct Result
    {
        QStringList entries; // what to hand to the parser, sorted
        QStringList folders; // the folders listed, root first, breadth first
    };

    // Walks the folder `root` (paths come back as `root` + "/" + names, cleaned).
    static Result walk(const QString &root, const Limits &limits);
    static Result walk(const QString &root) { return walk(root, Limits()); }
};

} // namespace verdict
