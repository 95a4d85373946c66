// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace verdict {

// A read-only view of a JSON text (libpg_query's parse trees; JSON artifacts are vouched for
// with it before Qt's parser is asked), indexed in one pass: every value's place in the text
// and where its subtree ends, nothing decoded. Strings are decoded and numbers read only
// when asked for, so a lint rule reading a few fields of a statement does not build the
// whole tree as QJsonDocument does.
//
// Reads what QJsonDocument::fromJson(text) would hold: a text that is not valid JSON gives an
// undefined root. Texts it cannot vouch for on its own (non-ASCII, where Qt also validates
// UTF-8; \u escapes; numbers other than integers of up to 9 digits; nesting deeper than
// kPlainDepth) are checked by QJsonDocument once before being indexed, so what Qt rejects
// is rejected here too. A few texts that are not JSON but that Qt 5 reads leniently
// (unknown escapes, raw control characters in strings, "1.") are refused; libpg_query never
// writes them.
class SqlJsonTree final
{
public:
    static constexpr int kPlainDepth = 64;

    class Value
    {
    public:
        Value() = default;

        bool isUndefined() const { return m_node < 0; }
        bool isObject() const;
        bool isArray() const;
        bool isString() const;
        bool isNumber() const;

        // Object members (an undefined Value, or false, when this is not an object or has
        // no such key), as QJsonObject::value() and contains().
        Value value(QLatin1String key) const;
        bool contains(QLatin1String key) const { return !value(key).isUndefined(); }

        // As QJsonValue::toString() and toInt(): empty / 0 for other types; toInt() also 0
        // for numbers that are not integers in int's range.
        QString toString() const;
        int toInt() const;

        // Array elements (none when this is not an array), as QJsonValue::toArray().
        int size() const;
        bool isEmpty() const { return size() == 0; }
        Value first() const;
        Value last() const;

        class Iterator
        {
        public:
            Value operator*() const { return Value(m_tree, m_node); }
            Iterator &operator++();
            bool operator!=(const Iterator &o) const { return m_node != o.m_node; }

        private:
            friend class Value;
            Iterator(const SqlJsonTree *tree, int node) : m_tree(tree), m_node(node) {}
            const SqlJsonTree *m_tree;
            int m_node;
        };
        // Array elements (none when this is not an array).
        Iterator begin() const;
        Iterator end() const;

        // Each member of an object, in the text's order: fn(QString key, Value value).
        template<class Fn>
        void forEachMember(Fn fn) const
        {
            if (!isObject())
                return;
            const int stop = m_tree->m_nodes[size_t(m_node)].next;
            for (int key = m_node + 1; key < stop; key = m_tree->m_nodes[size_t(key + 1)].next)
                fn(Value(m_tree, key).toString(), Value(m_tree, key + 1));
        }

    private:
        friend class SqlJsonTree;
        Value(const SqlJsonTree *tree, int node) : m_tree(tree), m_node(node) {}

        const SqlJsonTree *m_tree = nullptr;
        int m_node = -1;
    };

    // Indexes `json` (shared, not copied). False, and an undefined root, when it is not
    // valid JSON. The tree can be reused: its buffers keep their capacity.
    bool parse(const QByteArray &json);
    Value root() const { return m_nodes.empty() ? Value() : Value(this, 0); }

private:
    enum class Kind : std::uint8_t { Object, Array, String, Number, True, False, Null };
    struct Node
    {
        int begin = 0;   // strings: after the opening quote; others: first character
        int end = 0;     // strings: the closing quote; others: past the last character
        int next = 0;    // index of the node after this value's subtree
        int count = 0;   // containers: members or elements
        Kind kind = Kind::Null;
        bool escaped = false; // strings with a backslash
    };

    int parseValue(int &pos, int depth);
    int parseString(int &pos);
    void skipBlank(int &pos) const;
    bool keyIs(int node, QLatin1String key) const;

    QByteArray m_json;
    std::vector<Node> m_nodes;
    bool m_plain = true; // ASCII only and no deeper than kPlainDepth
};

} // namespace verdict
