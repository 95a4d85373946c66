// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportlines.h"

#include <cstring>

namespace verdict::ReportLines {

std::vector<ByteLine> splitLines(const char *data, qsizetype begin, qsizetype size,
                                 bool hasCr)
{
    std::vector<ByteLine> lines;
    // Report lines average 40 bytes: one allocation for nearly every file, not a dozen.
    lines.reserve(size_t((size - begin) / 32 + 16));
    qsizetype pos = begin;
    if (!hasCr) {
        while (pos < size) {
            const void *nl = std::memchr(data + pos, '\n', size_t(size - pos));
            const qsizetype end = nl ? static_cast<const char *>(nl) - data : size;
            lines.push_back({pos, end});
            pos = end + 1;
        }
        return lines;
    }
    qsizetype start = pos;
    while (pos < size) {
        const char c = data[pos];
        if (c == '\n' || c == '\r') {
            lines.push_back({start, pos});
            if (c == '\r' && pos + 1 < size && data[pos + 1] == '\n')
                ++pos;
            start = pos + 1;
        }
        ++pos;
    }
    if (start < size)
        lines.push_back({start, size});
    return lines;
}

void splitLines(QStringView text, std::vector<QStringView> &lines)
{
    lines.clear();
    const QChar *p = text.data();
    const qsizetype size = text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = p[i].unicode();
        if (c == u'\n' || c == u'\r') {
            lines.push_back(text.mid(start, i - start));
            if (c == u'\r' && i + 1 < size && p[i + 1] == QLatin1Char('\n'))
                ++i;
            start = i + 1;
        }
    }
    if (start < size)
        lines.push_back(text.mid(start));
}

qsizetype invalidUtf8(const unsigned char *p, qsizetype size)
{
    qsizetype bad = 0;
    qsizetype i = 0;
    while (i < size) {
        // ASCII fast path, 8 bytes at a time.
        if (i + 8 <= size) {
            quint64 word;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int need = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            ++bad;
            ++i;
            continue;
        }
        int k = 1;
        for (; k <= need && i + k < size; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                break;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (k <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            ++bad;
            i += std::max(1, k);
            continue;
        }
        i += need + 1;
    }
    return bad;
}

bool isBlankBytes(const char *p, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        const char c = p[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

bool isHeaderBytes(const char *p, qsizetype size)
{
    qsizetype i = 0;
    while (i < size && (p[i] == ' ' || p[i] == '\t'))
        ++i;
    if (i >= size || p[i] != '#')
        return false;
    ++i;
    if (i < size && p[i] == '#')
        return false;
    while (i < size && (p[i] == ' ' || p[i] == '\t'))
        ++i;
    static const char kTitle[] = "fsar proposal report";
    const qsizetype n = qsizetype(sizeof kTitle) - 1;
    if (size - i < n)
        return false;
    for (qsizetype k = 0; k < n; ++k) {
        char c = p[i + k];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != kTitle[k])
            return false;
    }
    return isBlankBytes(p + i + n, size - i - n);
}

} // namespace verdict::ReportLines
