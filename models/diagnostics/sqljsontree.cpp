// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/sqljsontree.h"

#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace verdict {

namespace {

// Past this depth the index refuses the text (whatever Qt says): a bound on the recursion.
constexpr int kMaxDepth = 4096;

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

bool SqlJsonTree::parse(const QByteArray &json)
{
    m_json = json;
    m_nodes.clear();
    m_plain = true;
    int pos = 0;
    const int root = parseValue(pos, 1);
    skipBlank(pos);
    if (root != 0 || pos != int(m_json.size())
        || (m_nodes[0].kind != Kind::Object && m_nodes[0].kind != Kind::Array)
        || (!m_plain && QJsonDocument::fromJson(m_json).isNull())) {
        m_nodes.clear();
        return false;
    }
    return true;
}

void SqlJsonTree::skipBlank(int &pos) const
{
    const int n = int(m_json.size());
    const char *s = m_json.constData();
    while (pos < n && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
        ++pos;
}

int SqlJsonTree::parseString(int &pos)
{
    // At the opening quote.
    const int n = int(m_json.size());
    const char *s = m_json.constData();
    Node node;
    node.kind = Kind::String;
    node.begin = ++pos;
    // Plain characters (printable ASCII other than " and \) skipped in a tight loop.
    static const auto plain = [] {
        std::array<bool, 256> t{};
        for (int c = 0x20; c < 0x80; ++c)
            t[size_t(c)] = c != '"' && c != '\\';
        return t;
    }();
    for (;;) {
        while (pos < n && plain[static_cast<unsigned char>(s[pos])])
            ++pos;
        if (pos >= n || s[pos] == '"')
            break;
        const unsigned char c = static_cast<unsigned char>(s[pos]);
        if (c < 0x20)
            return -1; // control characters must be escaped
        if (c >= 0x80)
            m_plain = false;
        if (c == '\\') {
            node.escaped = true;
            ++pos;
            if (pos >= n)
                return -1;
            if (s[pos] == 'u') {
                m_plain = false; // Qt's reading of surrogates and NUL decides
                for (int k = 1; k <= 4; ++k) {
                    if (pos + k >= n || hexDigit(s[pos + k]) < 0)
                        return -1;
                }
                pos += 4;
            } else if (!std::strchr("\"\\/bfnrt", s[pos]) || s[pos] == 0) {
                return -1;
            }
        }
        ++pos;
    }
    if (pos >= n)
        return -1;
    node.end = pos++;
    node.next = int(m_nodes.size()) + 1;
    m_nodes.push_back(node);
    return int(m_nodes.size()) - 1;
}

int SqlJsonTree::parseValue(int &pos, int depth)
{
    skipBlank(pos);
    const int n = int(m_json.size());
    const char *s = m_json.constData();
    if (pos >= n)
        return -1;
    const char c = s[pos];
    if (c == '"')
        return parseString(pos);
    if (c == '{' || c == '[') {
        if (depth > kMaxDepth)
            return -1;
        if (depth > kPlainDepth)
            m_plain = false;
        const bool object = c == '{';
        const char close = object ? '}' : ']';
        const int self = int(m_nodes.size());
        Node node;
        node.kind = object ? Kind::Object : Kind::Array;
        node.begin = pos++;
        m_nodes.push_back(node);
        int count = 0;
        skipBlank(pos);
        if (pos < n && s[pos] == close) {
            ++pos;
        } else {
            for (;;) {
                if (object) {
                    skipBlank(pos);
                    if (pos >= n || s[pos] != '"' || parseString(pos) < 0)
                        return -1;
                    skipBlank(pos);
                    if (pos >= n || s[pos] != ':')
                        return -1;
                    ++pos;
                }
                if (parseValue(pos, depth + 1) < 0)
                    return -1;
                ++count;
                skipBlank(pos);
                if (pos < n && s[pos] == ',') {
                    ++pos;
                } else if (pos < n && s[pos] == close) {
                    ++pos;
                    break;
                } else {
                    return -1;
                }
            }
        }
        Node &done = m_nodes[size_t(self)];
        done.end = pos;
        done.count = count;
        done.next = int(m_nodes.size());
        return self;
    }
    Node node;
    node.begin = pos;
    if (c == '-' || (c >= '0' && c <= '9')) {
        // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        node.kind = Kind::Number;
        const auto digit = [&](int at) { return at < n && s[at] >= '0' && s[at] <= '9'; };
        const auto digits = [&]() {
            if (!digit(pos))
                return false;
            while (digit(pos))
                ++pos;
            return true;
        };
        if (s[pos] == '-')
            ++pos;
        const int first = pos;
        if (pos < n && s[pos] == '0')
            ++pos;
        else if (!digits())
            return -1;
        if (pos - first > 9)
            m_plain = false; // beyond int: Qt's range rules decide
        if (pos < n && (s[pos] == '.' || s[pos] == 'e' || s[pos] == 'E'))
            m_plain = false; // not an integer (libpg_query writes only integers)
        if (pos < n && s[pos] == '.') {
            ++pos;
            if (!digits())
                return -1;
        }
        if (pos < n && (s[pos] == 'e' || s[pos] == 'E')) {
            ++pos;
            if (pos < n && (s[pos] == '+' || s[pos] == '-'))
                ++pos;
            if (!digits())
                return -1;
        }
    } else {
        static const struct
        {
            const char *word;
            Kind kind;
        } kWords[] = {{"true", Kind::True}, {"false", Kind::False}, {"null", Kind::Null}};
        bool found = false;
        for (const auto &w : kWords) {
            const int len = int(std::strlen(w.word));
            if (pos + len <= n && std::memcmp(s + pos, w.word, size_t(len)) == 0) {
                node.kind = w.kind;
                pos += len;
                found = true;
                break;
            }
        }
        if (!found)
            return -1;
    }
    node.end = pos;
    node.next = int(m_nodes.size()) + 1;
    m_nodes.push_back(node);
    return int(m_nodes.size()) - 1;
}

bool SqlJsonTree::keyIs(int node, QLatin1String key) const
{
    const Node &k = m_nodes[size_t(node)];
    // The raw bytes are the key when they hold no escape and the key is ASCII.
    const bool ascii = std::all_of(key.begin(), key.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80;
    });
    if (k.escaped || !ascii)
        return Value(this, node).toString() == key;
    return k.end - k.begin == key.size()
           && std::memcmp(m_json.constData() + k.begin, key.data(), size_t(key.size())) == 0;
}

bool SqlJsonTree::Value::isObject() const
{
    return m_node >= 0 && m_tree->m_nodes[size_t(m_node)].kind == Kind::Object;
}

bool SqlJsonTree::Value::isArray() const
{
    return m_node >= 0 && m_tree->m_nodes[size_t(m_node)].kind == Kind::Array;
}

bool SqlJsonTree::Value::isString() const
{
    return m_node >= 0 && m_tree->m_nodes[size_t(m_node)].kind == Kind::String;
}

bool SqlJsonTree::Value::isNumber() const
{
    return m_node >= 0 && m_tree->m_nodes[size_t(m_node)].kind == Kind::Number;
}

SqlJsonTree::Value SqlJsonTree::Value::value(QLatin1String key) const
{
    if (!isObject())
        return {};
    const auto &nodes = m_tree->m_nodes;
    const int stop = nodes[size_t(m_node)].next;
    for (int k = m_node + 1; k < stop; k = nodes[size_t(k + 1)].next) {
        if (m_tree->keyIs(k, key))
            return Value(m_tree, k + 1);
    }
    return {};
}

QString SqlJsonTree::Value::toString() const
{
    if (!isString())
        return {};
    const Node &node = m_tree->m_nodes[size_t(m_node)];
    const char *s = m_tree->m_json.constData();
    if (!node.escaped)
        return QString::fromUtf8(s + node.begin, node.end - node.begin);
    // As Qt's parser: UTF-8 runs decoded, each \uXXXX one UTF-16 unit.
    QString out;
    int run = node.begin;
    int i = node.begin;
    const auto flush = [&](int upTo) {
        if (upTo > run)
            out += QString::fromUtf8(s + run, upTo - run);
    };
    while (i < node.end) {
        if (s[i] != '\\') {
            ++i;
            continue;
        }
        flush(i);
        const char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'b': out += QLatin1Char('\b'); break;
        case 'f': out += QLatin1Char('\f'); break;
        case 'n': out += QLatin1Char('\n'); break;
        case 'r': out += QLatin1Char('\r'); break;
        case 't': out += QLatin1Char('\t'); break;
        case 'u': {
            ushort unit = 0;
            for (int k = 0; k < 4; ++k)
                unit = ushort(unit * 16 + hexDigit(s[i + k]));
            out += QChar(unit);
            i += 4;
            break;
        }
        default: out += QLatin1Char(e); break; // " \ /
        }
        run = i;
    }
    flush(node.end);
    return out;
}

int SqlJsonTree::Value::toInt() const
{
    if (!isNumber())
        return 0;
    const Node &node = m_tree->m_nodes[size_t(m_node)];
    const char *s = m_tree->m_json.constData();
    // Integers (all libpg_query writes) read directly; 0 outside int's range.
    bool negative = s[node.begin] == '-';
    qint64 v = 0;
    int i = node.begin + (negative ? 1 : 0);
    for (; i < node.end && s[i] >= '0' && s[i] <= '9'; ++i) {
        v = v * 10 + (s[i] - '0');
        if (v > qint64(std::numeric_limits<int>::max()) + 1)
            return 0;
    }
    if (i == node.end) {
        v = negative ? -v : v;
        return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max()
                   ? int(v)
                   : 0;
    }
    // A fraction or an exponent: as QJsonValue, the value if it is an integer in range.
    const double d = m_tree->m_json.mid(node.begin, node.end - node.begin).toDouble();
    if (!(d >= double(std::numeric_limits<int>::min())
          && d <= double(std::numeric_limits<int>::max())))
        return 0;
    const int whole = int(d);
    return double(whole) == d ? whole : 0;
}

int SqlJsonTree::Value::size() const
{
    return isArray() ? m_tree->m_nodes[size_t(m_node)].count : 0;
}

SqlJsonTree::Value SqlJsonTree::Value::first() const
{
    return isEmpty() ? Value() : Value(m_tree, m_node + 1);
}

SqlJsonTree::Value SqlJsonTree::Value::last() const
{
    Value out;
    for (const Value v : *this)
        out = v;
    return out;
}

SqlJsonTree::Value::Iterator &SqlJsonTree::Value::Iterator::operator++()
{
    m_node = m_tree->m_nodes[size_t(m_node)].next;
    return *this;
}

SqlJsonTree::Value::Iterator SqlJsonTree::Value::begin() const
{
    if (isEmpty())
        return end();
    return Iterator(m_tree, m_node + 1);
}

SqlJsonTree::Value::Iterator SqlJsonTree::Value::end() const
{
    return Iterator(m_tree, isArray() ? m_tree->m_nodes[size_t(m_node)].next : -1);
}

} // namespace verdict
