// SPDX-License-Identifier: GPL-3.0-or-later
// Clean real code raises no false alarm: files from this machine (Python's email/, http/
// and asyncio/ packages, PostgreSQL's extension scripts, Debian's maintainer scripts) are
// wrapped into reports, one per file, and `verdict-cli check --format json` runs over the
// folder (batched, as in use). Asserted: no syntax-error, language-mismatch or not-checked
// at all, and every pyflakes and ShellCheck finding is one the tool reports on the raw file
// itself, at the same line (the report's offset taken off) and column.
//
// A sample by default (a few seconds); VERDICT_REALCODE_ALL=1 takes every file and prints
// the figures (docs/PERFORMANCE.md, "Clean real code"). Files that are not on this machine
// are skipped with the reason.
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class RealCodeTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noFalseAlarms();

private:
    struct Source
    {
        QString path;     // the real file
        QString declared; // the path the report gives it
    };
    std::vector<Source> m_sources;
    bool m_all = false;
};

namespace {

// The report wraps the file so that its first line is report line kFirstLine.
constexpr int kFirstLine = 10;

QStringList filesIn(const QString &dir, const QStringList &patterns, bool recursive = false)
{
    QStringList out;
    const QDir d(dir);
    for (const QString &name : d.entryList(patterns, QDir::Files, QDir::Name))
        out << d.filePath(name);
    if (recursive) {
        for (const QString &sub : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            out << filesIn(d.filePath(sub), patterns, true);
    }
    return out;
}

// Every n-th file, so a sample spreads over the whole list.
QStringList sample(const QStringList &files, int keep, bool all)
{
    if (all || files.size() <= keep)
        return files;
    QStringList out;
    for (int i = 0; i < keep; ++i)
        out << files.at(int(qint64(i) * files.size() / keep));
    return out;
}

struct Finding
{
    int line = 0;
    int column = 0;
    QString what; // pyflakes: its message; ShellCheck: "SC2086"
};

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(program, args);
    if (!p.waitForFinished(300000))
        qFatal("%s did not finish", qPrintable(program));
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool isAscii(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}

} // namespace

void RealCodeTest::initTestCase()
{
    m_all = qEnvironmentVariableIntValue("VERDICT_REALCODE_ALL") != 0;
    const QStringList pythons = QDir(QStringLiteral("/usr/lib"))
                                    .entryList({QStringLiteral("python3.*")}, QDir::Dirs,
                                               QDir::Name | QDir::Reversed);
    QStringList python;
    if (!pythons.isEmpty()) {
        const QString lib = QStringLiteral("/usr/lib/") + pythons.first();
        for (const char *package : {"email", "http", "asyncio"})
            python << filesIn(lib + QLatin1Char('/') + QLatin1String(package),
                              {QStringLiteral("*.py")}, true);
        for (const QString &f : sample(python, 24, m_all))
            m_sources.push_back({f, QStringLiteral("lib/") + f.mid(lib.size() + 1)});
    }
    QStringList sql;
    const QDir postgresql(QStringLiteral("/usr/share/postgresql"));
    for (const QString &version : postgresql.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        sql << filesIn(QStringLiteral("/usr/share/postgresql/%1/extension").arg(version),
                       {QStringLiteral("*.sql")});
    for (const QString &f : sample(sql, 30, m_all))
        m_sources.push_back({f, QStringLiteral("extension/") + f.section(QLatin1Char('/'), -1)});
    // Named .sh so they are checked as shell whatever the content detection makes of them.
    const QStringList scripts =
        filesIn(QStringLiteral("/var/lib/dpkg/info"), {QStringLiteral("*.postinst")});
    for (const QString &f : sample(scripts, 30, m_all))
        m_sources.push_back({f, QStringLiteral("debian/") + f.section(QLatin1Char('/'), -1)
                                    + QStringLiteral(".sh")});
    if (python.isEmpty() || sql.isEmpty() || scripts.isEmpty())
        qWarning("some real files are not on this machine (python %lld, sql %lld, "
                 "postinst %lld): only the others are checked",
                 qlonglong(python.size()), qlonglong(sql.size()), qlonglong(scripts.size()));
    if (m_sources.empty())
        QSKIP("no real files on this machine (Debian's python3, postgresql, dpkg)");
}

void RealCodeTest::noFalseAlarms()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QHash<QString, int> sourceOf; // report file name -> index in m_sources
    for (int i = 0; i < int(m_sources.size()); ++i) {
        QFile in(m_sources[size_t(i)].path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.fileName()));
        QByteArray text = in.readAll();
        if (!text.endsWith('\n'))
            text += '\n';
        const QString name = QStringLiteral("r%1.txt").arg(i, 4, 10, QLatin1Char('0'));
        QFile out(dir.filePath(name));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("# FSAR Proposal Report\n- id: fsar_real" + QByteArray::number(i)
                  + "\n- timestamp: 2026-01-02T19:12:25.611Z\n- severity: 1\n"
                    "- block_execution: false\n- proposal:\n\n"
                    "idea_implementation: Create or update the file "
                  + m_sources[size_t(i)].declared.toUtf8() + " with this complete content:\n\n"
                  + text + "\nThis is for opportunity: Real code\n");
        sourceOf.insert(name, i);
    }
    QProcess check;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("VERDICT_DB"));
    check.setProcessEnvironment(env);
    check.start(QStringLiteral(VERDICT_CLI_PATH),
                {QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"),
                 dir.path()});
    QVERIFY(check.waitForFinished(600000));
    const QJsonArray diagnostics = QJsonDocument::fromJson(check.readAllStandardOutput())
                                       .object()
                                       .value(QLatin1String("diagnostics"))
                                       .toArray();

    // What each linter said, per real file, from the report's diagnostics.
    QHash<QString, std::vector<Finding>> pyflakes;
    QHash<QString, std::vector<Finding>> shellcheck;
    QHash<QString, int> byRule;
    for (const QJsonValue &v : diagnostics) {
        const QJsonObject d = v.toObject();
        const QString rule = d.value(QLatin1String("rule")).toString();
        const QString report =
            d.value(QLatin1String("file")).toString().section(QLatin1Char('/'), -1);
        QVERIFY2(sourceOf.contains(report), qPrintable(report));
        const Source &src = m_sources[size_t(sourceOf.value(report))];
        const int line = d.value(QLatin1String("line")).toInt() - kFirstLine + 1;
        ++byRule[rule];
        const bool alarm = rule == QLatin1String("syntax-error")
                           || rule == QLatin1String("language-mismatch")
                           || rule == QLatin1String("not-checked");
        QVERIFY2(!alarm, qPrintable(QStringLiteral("%1:%2: %3 [%4]")
                                        .arg(src.path)
                                        .arg(line)
                                        .arg(d.value(QLatin1String("message")).toString(), rule)));
        const Finding f{line, d.value(QLatin1String("column")).toInt(),
                        d.value(QLatin1String("message")).toString()};
        if (rule.startsWith(QLatin1String("pyflakes/")))
            pyflakes[src.path].push_back(f);
        else if (rule.startsWith(QLatin1String("shellcheck/")))
            shellcheck[src.path].push_back({f.line, f.column, rule.section(QLatin1Char('/'), 1)});
    }

    // The tools on the raw files: `pyflakes` as Debian runs it, ShellCheck with the options
    // Verdict gives it (sourced files are not followed, no rc file).
    int compared = 0;
    QHash<QString, std::vector<Finding>> rawPyflakes;
    if (!pyflakes.isEmpty()) {
        static const QRegularExpression lineRe(QStringLiteral("^(.+?):(\\d+):(\\d+):? (.*)$"));
        const QString out = run(QStringLiteral("/usr/bin/python3"),
                                QStringList{QStringLiteral("-m"), QStringLiteral("pyflakes")}
                                    + pyflakes.keys());
        for (const QString &l : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QRegularExpressionMatch m = lineRe.match(l);
            if (m.hasMatch())
                rawPyflakes[m.captured(1)].push_back(
                    {m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4)});
        }
    }
    for (auto it = pyflakes.cbegin(); it != pyflakes.cend(); ++it) {
        QFile f(it.key());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        for (const Finding &ours : it.value()) {
            bool found = false;
            for (const Finding &raw : rawPyflakes.value(it.key())) {
                // pyflakes prints 1 + the UTF-8 byte offset: equal to ours on ASCII lines.
                found = found
                        || (raw.line == ours.line && ours.what.startsWith(raw.what)
                            && (raw.column == ours.column
                                || !isAscii(lines.value(ours.line - 1))));
            }
            QVERIFY2(found, qPrintable(QStringLiteral("%1:%2:%3: %4 (not what pyflakes says)")
                                           .arg(it.key())
                                           .arg(ours.line)
                                           .arg(ours.column)
                                           .arg(ours.what)));
            ++compared;
        }
    }
    for (auto it = shellcheck.cbegin(); it != shellcheck.cend(); ++it) {
        QStringList args{QStringLiteral("--norc"), QStringLiteral("--format=gcc"),
                         QStringLiteral("--exclude=SC1090,SC1091")};
        QFile f(it.key());
        QVERIFY(f.open(QIODevice::ReadOnly));
        if (!f.read(2).startsWith("#!"))
            args << QStringLiteral("--shell=bash"); // what Verdict checks a script without #! as
        static const QRegularExpression lineRe(
            QStringLiteral("^.+?:(\\d+):(\\d+): \\w+: .* \\[(SC\\d+)\\]$"));
        std::vector<Finding> raw;
        for (const QString &l : run(QStringLiteral("shellcheck"), args << it.key())
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QRegularExpressionMatch m = lineRe.match(l);
            if (m.hasMatch())
                raw.push_back({m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3)});
        }
        for (const Finding &ours : it.value()) {
            bool found = false;
            for (const Finding &r : raw)
                found = found || (r.line == ours.line && r.column == ours.column
                                  && r.what == ours.what);
            QVERIFY2(found, qPrintable(QStringLiteral("%1:%2:%3: %4 (not what ShellCheck says)")
                                           .arg(it.key())
                                           .arg(ours.line)
                                           .arg(ours.column)
                                           .arg(ours.what)));
            ++compared;
        }
    }
    QStringList rules = byRule.keys();
    rules.sort();
    QStringList counts;
    for (const QString &r : rules)
        counts << QStringLiteral("%1=%2").arg(r).arg(byRule.value(r));
    qInfo("%d real files, %d diagnostics, %d linter findings each found by the tool on the "
          "raw file: %s",
          int(m_sources.size()), int(diagnostics.size()), compared,
          qPrintable(counts.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(RealCodeTest)
#include "realcode_test.moc"
