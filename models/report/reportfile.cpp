// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportfile.h"

#include "report/reportparser.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <climits>

// POSIX: files are examined before they are opened. Verdict runs on Linux.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace verdict::ReportFile {

namespace {

QString sizeText(qint64 bytes)
{
    if (bytes >= (qint64(1) << 30))
        return QStringLiteral("%1 GB").arg(double(bytes) / double(qint64(1) << 30), 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / double(1 << 20), 0, 'f', 1);
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    return QStringLiteral("not a file");
}

// Why `native` cannot be opened or examined (errno `error` from stat or open).
QString openError(const QByteArray &native, int error)
{
    if (error == ENAMETOOLONG) {
        return QStringLiteral("cannot read: the path is too long (%1 bytes; the system takes "
                              "%2)")
            .arg(native.size())
            .arg(PATH_MAX - 1);
    }
    if (error == ELOOP)
        return QStringLiteral("cannot read: symbolic link loop");
    struct stat link;
    if (error == ENOENT && ::lstat(native.constData(), &link) == 0 && S_ISLNK(link.st_mode)) {
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlink(native.constData(), target.data(), size_t(target.size()));
        return QStringLiteral("dangling symbolic link (to %1)")
            .arg(n > 0 ? QFile::decodeName(target.left(int(n))) : QStringLiteral("?"));
    }
    if (::lstat(native.constData(), &link) == 0 && S_ISDIR(link.st_mode))
        return QStringLiteral("cannot read folder: %1").arg(qt_error_string(error));
    return QStringLiteral("cannot read: %1").arg(qt_error_string(error));
}

} // namespace

QString readRegularFile(const QString &path, QByteArray *data)
{
    const QByteArray native = QFile::encodeName(path);
    // Examined before it is opened: opening a FIFO waits for a writer, and opening some
    // devices does something.
    struct stat st;
    if (::stat(native.constData(), &st) != 0)
        return openError(native, errno);
    if (S_ISDIR(st.st_mode)) {
        // A folder the walk could not list comes here to say why.
        DIR *dir = ::opendir(native.constData());
        if (!dir)
            return openError(native, errno);
        ::closedir(dir);
        return QStringLiteral("cannot read: a folder, not a file");
    }
    if (!S_ISREG(st.st_mode))
        return QStringLiteral("not a regular file (%1)").arg(kindOf(st.st_mode));
    const auto tooLarge = [](qint64 size) {
        return QStringLiteral("too large (%1; the limit is %2 MB)")
            .arg(sizeText(size))
            .arg(ReportParser::kMaxFileBytes >> 20);
    };
    if (st.st_size > ReportParser::kMaxFileBytes)
        return tooLarge(st.st_size);
    // O_NONBLOCK: should it have become a FIFO since, the open still returns at once.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return openError(native, errno);
    QString error;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = QStringLiteral("not a regular file (%1)").arg(kindOf(st.st_mode));
    } else {
        // Read to the end, not to the size stat gave: the file may grow while it is read.
        data->resize(int(std::min<qint64>(st.st_size, ReportParser::kMaxFileBytes) + 1));
        qint64 done = 0;
        for (;;) {
            if (done == data->size()) {
                if (done > ReportParser::kMaxFileBytes) {
                    error = tooLarge(done);
                    break;
                }
                data->resize(int(std::min<qint64>(done * 2, ReportParser::kMaxFileBytes + 1)));
            }
            const ssize_t n = ::read(fd, data->data() + done, size_t(data->size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                error = QStringLiteral("cannot read: %1").arg(qt_error_string(errno));
                break;
            }
            if (n == 0)
                break;
            done += n;
        }
        data->resize(int(done));
    }
    ::close(fd);
    if (!error.isEmpty())
        data->clear();
    return error;
}

} // namespace verdict::ReportFile
