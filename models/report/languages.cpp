// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languages.h"

#include <QHash>

namespace verdict::Languages {

namespace {

using P = LanguageParser;

// To add a language: a row here (before plaintext, with its Lang::Index in languages.h),
// then run languages_test (every extension and tag maps back, none is claimed twice) and
// syntaxhighlighteradapter_test (the definition exists in KSyntaxHighlighting).
const std::array<LanguageInfo, Lang::Count> kTable{{
    // index, id, display name, KSyntaxHighlighting definition, parser,
    // extensions, file names, name prefixes, fence tags (besides the id), close relatives
    {Lang::Sql, QLatin1String("sql"), QLatin1String("SQL"), QLatin1String("SQL (PostgreSQL)"),
     P::Sql, "sql psql pgsql ddl", "", "",
     "postgresql postgres psql pgsql plpgsql mysql sqlite tsql plsql", ""},
    {Lang::Python, QLatin1String("python"), QLatin1String("Python"), QLatin1String("Python"),
     P::Python, "py pyw pyi", "", "", "py python3 py3", ""},
    {Lang::Bash, QLatin1String("bash"), QLatin1String("shell"), QLatin1String("Bash"),
     P::Shell, "sh bash zsh ksh", ".bashrc .profile .zshrc .bash_profile", "",
     "sh shell zsh shellscript console ksh", "dockerfile"},
    {Lang::Json, QLatin1String("json"), QLatin1String("JSON"), QLatin1String("JSON"), P::Json,
     "json jsonc geojson", "", "", "jsonc json5", "yaml javascript typescript"},
    {Lang::JavaScript, QLatin1String("javascript"), QLatin1String("JavaScript"),
     QLatin1String("JavaScript"), P::JavaScript, "js mjs cjs jsx", "", "",
     "js node nodejs jsx mjs", "typescript json html"},
    {Lang::TypeScript, QLatin1String("typescript"), QLatin1String("TypeScript"),
     QLatin1String("TypeScript"), P::None, "ts tsx mts cts", "", "", "ts tsx", "javascript json"},
    {Lang::Yaml, QLatin1String("yaml"), QLatin1String("YAML"), QLatin1String("YAML"), P::None,
     "yml yaml", "", "", "yml", "json toml"},
    {Lang::Toml, QLatin1String("toml"), QLatin1String("TOML"), QLatin1String("TOML"), P::None,
     "toml", "", "", "", "yaml"},
    {Lang::Html, QLatin1String("html"), QLatin1String("HTML"), QLatin1String("HTML"), P::None,
     "html htm xhtml", "", "", "htm xhtml", "javascript css"},
    {Lang::Css, QLatin1String("css"), QLatin1String("CSS"), QLatin1String("CSS"), P::None,
     "css", "", "", "", "html"},
    {Lang::Markdown, QLatin1String("markdown"), QLatin1String("Markdown"),
     QLatin1String("Markdown"), P::None, "md markdown", "", "", "md", ""},
    {Lang::Dockerfile, QLatin1String("dockerfile"), QLatin1String("Dockerfile"),
     QLatin1String("Dockerfile"), P::None, "dockerfile", "dockerfile containerfile",
     "dockerfile.", "docker", "bash"},
    {Lang::C, QLatin1String("c"), QLatin1String("C"), QLatin1String("C"), P::None, "c h", "", "",
     "h", "cpp"},
    {Lang::Cpp, QLatin1String("cpp"), QLatin1String("C++"), QLatin1String("C++"), P::None,
     "cc cpp cxx c++ hpp hh hxx", "", "", "c++ cxx cc hpp", "c"},
    {Lang::Go, QLatin1String("go"), QLatin1String("Go"), QLatin1String("Go"), P::None, "go", "",
     "", "golang", ""},
    {Lang::Rust, QLatin1String("rust"), QLatin1String("Rust"), QLatin1String("Rust"), P::None,
     "rs", "", "", "rs", ""},
    {Lang::Java, QLatin1String("java"), QLatin1String("Java"), QLatin1String("Java"), P::None,
     "java", "", "", "", ""},
    // What nothing else claims; never detected from content, no colours.
    {Lang::PlainText, QLatin1String("plaintext"), QLatin1String("plain text"), QLatin1String(),
     P::None, "", "", "", "text txt plain", ""},
}};

struct Lookups
{
    QHash<QString, const LanguageInfo *> ids;
    QHash<QString, const LanguageInfo *> extensions;
    QHash<QString, const LanguageInfo *> fileNames;
    QHash<QString, const LanguageInfo *> fenceTags;
    std::vector<std::pair<QString, const LanguageInfo *>> prefixes;
};

// Built once from the table (thread-safe static); the first claim wins, and
// languages_test fails when a word is claimed twice.
const Lookups &lookups()
{
    static const Lookups l = [] {
        Lookups out;
        for (const LanguageInfo &info : kTable) {
            out.ids.insert(info.id, &info);
            out.fenceTags.insert(info.id, &info);
            for (const QString &w : split(info.extensions)) {
                if (!out.extensions.contains(w))
                    out.extensions.insert(w, &info);
            }
            for (const QString &w : split(info.fileNames)) {
                if (!out.fileNames.contains(w))
                    out.fileNames.insert(w, &info);
            }
            for (const QString &w : split(info.fenceTags)) {
                if (!out.fenceTags.contains(w))
                    out.fenceTags.insert(w, &info);
            }
            for (const QString &w : split(info.namePrefixes))
                out.prefixes.emplace_back(w, &info);
        }
        return out;
    }();
    return l;
}

const LanguageInfo *lookup(const QHash<QString, const LanguageInfo *> &hash, QStringView key)
{
    // QHash<QString> has no QStringView lookup before Qt 6; keys are short.
    return hash.value(key.toString(), nullptr);
}

} // namespace

const std::array<LanguageInfo, Lang::Count> &all()
{
    return kTable;
}

const LanguageInfo *find(QStringView id)
{
    // A linear scan over 18 short ids beats hashing: the detector asks on every call.
    for (const LanguageInfo &info : kTable) {
        if (id == info.id)
            return &info;
    }
    return nullptr;
}

int indexOf(QStringView id)
{
    const LanguageInfo *info = find(id);
    return info ? int(info->index) : -1;
}

QString plainTextId()
{
    return kTable[Lang::PlainText].id;
}

QStringList ids()
{
    QStringList out;
    for (const LanguageInfo &info : kTable)
        out << info.id;
    return out;
}

QString displayName(const QString &id)
{
    const LanguageInfo *info = find(id);
    return info ? QString(info->displayName) : id;
}

LanguageParser parserOf(QStringView id)
{
    const LanguageInfo *info = find(id);
    return info ? info->parser : LanguageParser::None;
}

const LanguageInfo *byExtension(QStringView lowerExtension)
{
    return lookup(lookups().extensions, lowerExtension);
}

const LanguageInfo *byFileName(QStringView lowerFileName)
{
    return lookup(lookups().fileNames, lowerFileName);
}

const LanguageInfo *byNamePrefix(QStringView lowerFileName)
{
    for (const auto &[prefix, info] : lookups().prefixes) {
        if (lowerFileName.startsWith(prefix))
            return info;
    }
    return nullptr;
}

const LanguageInfo *byFenceTag(QStringView lowerTag)
{
    return lookup(lookups().fenceTags, lowerTag);
}

bool related(int a, int b)
{
    // One bit per relative, built once from the table.
    static const std::array<quint32, Lang::Count> kRelatives = [] {
        std::array<quint32, Lang::Count> bits{};
        for (const LanguageInfo &info : kTable) {
            bits[info.index] |= 1u << info.index;
            for (const QString &w : split(info.relatives)) {
                if (const LanguageInfo *other = find(w))
                    bits[info.index] |= 1u << other->index;
            }
        }
        return bits;
    }();
    if (a < 0 || b < 0 || a >= Lang::Count || b >= Lang::Count)
        return a == b;
    return (kRelatives[size_t(a)] >> b) & 1u;
}

QStringList split(const char *list)
{
    return QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace verdict::Languages
