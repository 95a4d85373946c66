// SPDX-License-Identifier: GPL-3.0-or-later
#include "linediff.h"

#include <algorithm>

namespace verdict {

namespace {

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    return text.split(QLatin1Char('\n'));
}

} // namespace

std::vector<LineDiff::Line> LineDiff::diff(const QStringList &a, const QStringList &b)
{
    const int n0 = int(a.size());
    const int m0 = int(b.size());
    // Common head and tail cost nothing to match; Myers runs on the middle only.
    int head = 0;
    while (head < n0 && head < m0 && a.at(head) == b.at(head))
        ++head;
    int tail = 0;
    while (tail < n0 - head && tail < m0 - head && a.at(n0 - 1 - tail) == b.at(m0 - 1 - tail))
        ++tail;
    int n = n0 - head - tail;
    int m = m0 - head - tail;
    auto A = [&](int i) -> const QString & { return a.at(head + i); };
    auto B = [&](int j) -> const QString & { return b.at(head + j); };

    // Forward Myers, keeping each round's frontier (diagonals -d..d) for the walk back.
    const int max = n + m;
    std::vector<std::vector<int>> trace;
    std::vector<int> v(size_t(2 * max + 3), 0);
    const int off = max + 1;
    int found = -1;
    // The trace grows with D squared: past this many edits, a rewrite is shown as one.
    constexpr int kMaxEdits = 4000;
    for (int d = 0; d <= std::min(max, kMaxEdits) && found < 0; ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x;
            if (k == -d || (k != d && v[size_t(off + k - 1)] < v[size_t(off + k + 1)]))
                x = v[size_t(off + k + 1)]; // down: an insertion
            else
                x = v[size_t(off + k - 1)] + 1; // right: a deletion
            int y = x - k;
            while (x < n && y < m && A(x) == B(y)) {
                ++x;
                ++y;
            }
            v[size_t(off + k)] = x;
            if (x >= n && y >= m)
                found = d;
        }
        trace.emplace_back(v.begin() + (off - d), v.begin() + (off + d + 1));
    }

    // Walk back from (n, m), collecting the middle script in reverse.
    std::vector<Line> middle;
    if (found < 0) {
        for (int j = m - 1; j >= 0; --j)
            middle.push_back({Kind::Added, B(j), 0, head + j + 1});
        for (int i = n - 1; i >= 0; --i)
            middle.push_back({Kind::Removed, A(i), head + i + 1, 0});
        found = 0;
        n = m = 0; // nothing left to walk
    }
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int> &prev = trace[size_t(d - 1)]; // diagonals -(d-1)..(d-1)
        auto at = [&](int k) { return prev[size_t(k + d - 1)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = at(prevK);
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            --x;
            --y;
            middle.push_back({Kind::Same, A(x), head + x + 1, head + y + 1});
        }
        if (down) {
            --y;
            middle.push_back({Kind::Added, B(y), 0, head + y + 1});
        } else {
            --x;
            middle.push_back({Kind::Removed, A(x), head + x + 1, 0});
        }
    }
    while (x > 0 && y > 0) {
        --x;
        --y;
        middle.push_back({Kind::Same, A(x), head + x + 1, head + y + 1});
    }

    std::vector<Line> out;
    out.reserve(size_t(head + tail) + middle.size());
    for (int i = 0; i < head; ++i)
        out.push_back({Kind::Same, a.at(i), i + 1, i + 1});
    out.insert(out.end(), middle.rbegin(), middle.rend());
    for (int i = 0; i < tail; ++i) {
        const int ai = n0 - tail + i;
        const int bi = m0 - tail + i;
        out.push_back({Kind::Same, a.at(ai), ai + 1, bi + 1});
    }
    return out;
}

std::vector<LineDiff::Line> LineDiff::diffTexts(const QString &oldText, const QString &newText)
{
    return diff(splitLines(oldText), splitLines(newText));
}

QString LineDiff::format(const std::vector<Line> &lines)
{
    QString out;
    for (const Line &l : lines) {
        switch (l.kind) {
        case Kind::Same: out += QStringLiteral("  "); break;
        case Kind::Removed: out += QStringLiteral("- "); break;
        case Kind::Added: out += QStringLiteral("+ "); break;
        }
        out += l.text;
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace verdict
