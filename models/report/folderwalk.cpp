// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/folderwalk.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <deque>
#include <set>
#include <utility>

#include <dirent.h>
#include <sys/stat.h>

namespace verdict {

FolderWalk::Result FolderWalk::walk(const QString &root, const Limits &limits)
{
    Result out;
    std::set<std::pair<dev_t, ino_t>> seen;
    // Breadth first, so the folder cap drops the deepest folders, not a whole branch.
    std::deque<std::pair<QString, int>> queue{{QDir::cleanPath(root), 0}};
    while (!queue.empty()) {
        const auto [dir, depth] = queue.front();
        queue.pop_front();
        DIR *d = ::opendir(QFile::encodeName(dir).constData());
        if (!d) {
            out.entries.append(dir); // parseFile() says why it cannot be listed
            continue;
        }
        struct stat ds;
        if (::fstat(::dirfd(d), &ds) == 0 && !seen.insert({ds.st_dev, ds.st_ino}).second) {
            ::closedir(d); // reached twice (a bind mount): read once
            continue;
        }
        out.folders.append(dir);
        const QString prefix = dir.endsWith(QLatin1Char('/')) ? dir : dir + QLatin1Char('/');
        while (const dirent *e = ::readdir(d)) {
            if (e->d_name[0] == '.') // hidden, and "." and ".."
                continue;
            const QString entry = prefix + QFile::decodeName(e->d_name);
            unsigned char type = e->d_type;
            if (type == DT_UNKNOWN) { // file systems that do not say: ask
                struct stat es;
                if (::lstat(QFile::encodeName(entry).constData(), &es) == 0) {
                    type = S_ISDIR(es.st_mode)   ? DT_DIR
                           : S_ISLNK(es.st_mode) ? DT_LNK
                                                 : DT_REG;
                }
            }
            if (type == DT_DIR) {
                const bool deeper = limits.maxDepth < 0 || depth < limits.maxDepth;
                const bool room = limits.maxFolders < 0
                                  || int(out.folders.size() + queue.size()) < limits.maxFolders;
                if (deeper && room)
                    queue.emplace_back(entry, depth + 1);
            } else if (type != DT_LNK || !QFileInfo(entry).isDir()) {
                out.entries.append(entry);
            }
            // Links to folders are not followed (loops).
        }
        ::closedir(d);
    }
    std::sort(out.entries.begin(), out.entries.end());
    return out;
}

} // namespace verdict
