// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/jsonvalidator.h"

#include <QString>

#include <cmath>
#include <limits>

namespace verdict {

namespace {

class JsonValidator
{
public:
    explicit JsonValidator(QStringView t) : m_p(t.data()), m_end(t.data() + t.size()) {}

    bool valid()
    {
        space();
        if (m_p == m_end || (m_p->unicode() != u'{' && m_p->unicode() != u'['))
            return false;
        if (!value(0))
            return false;
        space();
        return m_p == m_end;
    }

private:
    void space()
    {
        while (m_p < m_end) {
            const char16_t c = m_p->unicode();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                return;
            ++m_p;
        }
    }
    bool eat(char16_t c)
    {
        space();
        if (m_p < m_end && m_p->unicode() == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool literal(const char *word)
    {
        for (; *word; ++word, ++m_p) {
            if (m_p == m_end || m_p->unicode() != static_cast<unsigned char>(*word))
                return false;
        }
        return true;
    }
    static bool digit(char16_t c) { return c >= u'0' && c <= u'9'; }
    void digits()
    {
        while (m_p < m_end && digit(m_p->unicode()))
            ++m_p;
    }
    // Scanned and converted as Qt's parser does: lenient about the shape ("1.", ".5"),
    // strict about the value (the text must convert; 1e-999 does not).
    bool number()
    {
        const QChar *start = m_p;
        if (m_p < m_end && m_p->unicode() == u'-')
            ++m_p;
        if (m_p < m_end && m_p->unicode() == u'0')
            ++m_p;
        else
            digits();
        const QChar *intEnd = m_p;
        if (m_p < m_end && m_p->unicode() == u'.') {
            ++m_p;
            digits();
        }
        if (m_p < m_end && (m_p->unicode() == u'e' || m_p->unicode() == u'E')) {
            ++m_p;
            if (m_p < m_end && (m_p->unicode() == u'+' || m_p->unicode() == u'-'))
                ++m_p;
            digits();
        }
        const qsizetype size = m_p - start;
        const qsizetype sign = start < m_end && start->unicode() == u'-' ? 1 : 0;
        // The common case, a plain integer that fits: no conversion needed.
        if (intEnd == m_p && size > sign && size - sign <= 18)
            return true;
        if (size == 0)
            return false;
        const QByteArray text = QStringView(start, size).toLatin1();
        bool ok = false;
        if (intEnd == m_p) {
            text.toLongLong(&ok);
            if (ok)
                return true;
        }
        text.toDouble(&ok);
        return ok;
    }
    bool string() // after the opening quote
    {
        while (m_p < m_end) {
            const char16_t c = (m_p++)->unicode();
            if (c == u'"')
                return true;
            if (c != u'\\')
                continue;
            if (m_p == m_end)
                return false;
            const char16_t e = (m_p++)->unicode();
            if (e == u'u') {
                for (int i = 0; i < 4; ++i, ++m_p) {
                    if (m_p == m_end || !isxdigit(m_p->unicode() < 128 ? m_p->unicode() : 0))
                        return false;
                }
            }
            // Like Qt's parser, any other escaped character is taken as itself ("\x",
            // "\0"), and raw control characters inside strings are accepted.
        }
        return false;
    }
    bool value(int depth)
    {
        space();
        if (m_p == m_end)
            return false;
        const char16_t c = m_p->unicode();
        if (c == u'{' || c == u'[') {
            if (depth >= 1024)
                return false;
            ++m_p;
            const char16_t close = c == u'{' ? u'}' : u']';
            if (eat(close))
                return true;
            do {
                if (c == u'{') {
                    if (!eat(u'"') || !string() || !eat(u':'))
                        return false;
                }
                if (!value(depth + 1))
                    return false;
            } while (eat(u','));
            return eat(close);
        }
        if (c == u'"') {
            ++m_p;
            return string();
        }
        if (c == u't')
            return literal("true");
        if (c == u'f')
            return literal("false");
        if (c == u'n')
            return literal("null");
        return number();
    }

    const QChar *m_p;
    const QChar *m_end;
};

} // namespace

bool isJsonDocument(QStringView text)
{
    return JsonValidator(text).valid();
}

} // namespace verdict
