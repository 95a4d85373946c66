// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/dangeroustargetchecker.h"

#include "diagnostics/checker.h"

#include <QSet>

namespace verdict {

namespace {

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

// Where the path leads before it even names a file: outside the project, or empty.
// `rest` is what follows the prefix that made it so (a drive, a ~, a variable).
QString outsideReason(const QString &path, QString *rest)
{
    const QString outside = QStringLiteral("writes outside the project: ");
    *rest = path;
    if (path.startsWith(QLatin1String("//"))) {
        rest->remove(0, 2);
        return outside + QStringLiteral("absolute path (network share)");
    }
    if (path.startsWith(QLatin1Char('/')))
        return outside + QStringLiteral("absolute path");
    if (path.size() >= 2 && isAsciiLetter(path.at(0)) && path.at(1) == QLatin1Char(':')) {
        rest->remove(0, 2);
        return outside + QStringLiteral("absolute path (drive %1:)").arg(path.at(0).toUpper());
    }
    const qsizetype slash = path.indexOf(QLatin1Char('/'));
    const QString first = slash < 0 ? path : path.left(slash);
    *rest = slash < 0 ? QString() : path.mid(slash + 1);
    if (first.startsWith(QLatin1Char('~')))
        return outside + QStringLiteral("home folder (%1)").arg(elided(first, 40));
    const QString name = first.toUpper();
    if (name == QLatin1String("$HOME") || name == QLatin1String("${HOME}")
        || name == QLatin1String("%USERPROFILE%") || name == QLatin1String("%HOMEPATH%"))
        return outside + QStringLiteral("home folder (%1)").arg(first);
    if (first.startsWith(QLatin1Char('$'))
        || (first.size() > 2 && first.startsWith(QLatin1Char('%'))
            && first.endsWith(QLatin1Char('%'))))
        return outside
               + QStringLiteral("starts with an environment variable (%1), which can point "
                                "anywhere")
                     .arg(elided(first, 40));
    *rest = path;
    return QString();
}

bool anyOf(const QString &s, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (s == QLatin1String(n))
            return true;
    }
    return false;
}

// Files that run code or grant access by themselves, wherever they sit: `parts` are the
// normalised path's components in lower case (file systems may not tell case apart).
QString sensitiveReason(const QStringList &parts)
{
    if (parts.isEmpty())
        return QString();
    const QString &base = parts.last();
    const auto has = [&parts](const char *name) {
        return parts.contains(QLatin1String(name));
    };
    // A folder `dir` directly holding a component that `match` accepts.
    const auto under = [&parts](const char *dir, const auto &match) {
        for (int i = 0; i + 1 < parts.size(); ++i) {
            if (parts.at(i) == QLatin1String(dir) && match(parts.at(i + 1)))
                return true;
        }
        return false;
    };
    const auto is = [](const char *name) {
        return [name](const QString &s) { return s == QLatin1String(name); };
    };
    const auto startsWith = [](const char *prefix) {
        return [prefix](const QString &s) { return s.startsWith(QLatin1String(prefix)); };
    };

    if (has(".git"))
        return QStringLiteral("inside .git: hooks and config run commands on the next git "
                              "operation");
    if (under(".github", is("workflows")) || under(".github", is("actions"))
        || base.endsWith(QLatin1String(".gitlab-ci.yml")) || has(".circleci")
        || has(".buildkite") || base == QLatin1String("jenkinsfile")
        || anyOf(base, {".travis.yml", ".drone.yml", "azure-pipelines.yml",
                        "bitbucket-pipelines.yml"}))
        return QStringLiteral("CI configuration: runs with the project's CI secrets");
    if (has(".ssh") || under("etc", is("ssh"))
        || anyOf(base, {"authorized_keys", "authorized_keys2", "sshd_config", "ssh_config"}))
        return QStringLiteral("SSH configuration: keys and authorized_keys grant logins, its "
                              "config redirects connections");
    if (anyOf(base, {".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile",
                     ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".zlogout", ".cshrc",
                     ".tcshrc", ".login", ".kshrc", ".mkshrc", ".envrc", ".xprofile",
                     ".xinitrc", ".xsessionrc", "bash.bashrc", "config.fish"})
        || has("profile.d") || under("etc", is("profile")) || under("etc", is("environment"))
        || under("zsh", [](const QString &s) {
               return anyOf(s, {"zshrc", "zprofile", "zshenv", "zlogin", "zlogout"});
           }))
        return QStringLiteral("shell start-up file: runs on every login or new shell");
    if (anyOf(base, {"crontab", "anacrontab"}) || has("crontabs")
        || under("etc", startsWith("cron")) || under("spool", startsWith("cron"))
        || has("cron.d"))
        return QStringLiteral("cron job: runs on a schedule");
    if (has("sudoers") || has("sudoers.d"))
        return QStringLiteral("sudo rules: can grant root");
    if (base.endsWith(QLatin1String(".service")) || base.endsWith(QLatin1String(".timer"))
        || base.endsWith(QLatin1String(".socket")) || parts.mid(0, parts.size() - 1)
                                                          .contains(QLatin1String("systemd")))
        return QStringLiteral("systemd unit: runs as a service");
    return QString();
}

} // namespace

QString DangerousTargetChecker::reason(const QString &rawPath)
{
    QString path = rawPath.trimmed();
    if (path.isEmpty())
        return QString();
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    QStringList why;
    QString rest;
    const QString outside = outsideReason(path, &rest);
    if (!outside.isEmpty())
        why << outside;

    // Normalise: '.' and empty components go, '..' takes one back; one above the start
    // leaves the project (outside of an absolute path it is that path's business).
    QStringList parts;
    bool climbs = false;
    for (const QString &part : rest.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (parts.isEmpty())
                climbs = true;
            else
                parts.removeLast();
            continue;
        }
        parts << part.toLower();
    }
    if (climbs && outside.isEmpty())
        why << QStringLiteral("writes outside the project: '..' climbs above the project");
    const QString sensitive = sensitiveReason(parts);
    if (!sensitive.isEmpty())
        why << sensitive;
    return why.join(QStringLiteral("; "));
}

std::vector<Diagnostic> DangerousTargetChecker::check(const Proposal &proposal)
{
    std::vector<Diagnostic> out;
    QSet<QString> seen;
    std::vector<std::pair<int, int>> positions;
    for (size_t i = 0; i < proposal.artifacts.size(); ++i) {
        const Artifact &a = proposal.artifacts[i];
        if (seen.contains(a.path))
            continue;
        seen.insert(a.path);
        const QString why = reason(a.path);
        if (why.isEmpty())
            continue;
        if (positions.empty())
            positions = artifactHeaderPositions(proposal);
        Diagnostic d;
        d.rule = QStringLiteral("dangerous-target");
        d.severity = DiagnosticSeverity::Error;
        d.file = proposal.sourceFile;
        d.proposalId = proposal.id;
        d.artifact = a.path;
        d.line = positions[i].first;
        d.column = positions[i].second;
        d.message = elided(a.path) + QStringLiteral(": ") + why;
        out.push_back(d);
    }
    return out;
}

} // namespace verdict
