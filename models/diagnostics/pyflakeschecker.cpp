// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/pyflakeschecker.h"

#include "diagnostics/childprocess.h"
#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/toolprobe.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <optional>

namespace verdict {

namespace {

// Reads "BASE64(file name) BASE64(source)" lines; answers one JSON line each. pyflakes reads
// the syntax tree only: nothing is executed or imported from the snippet. Memory is capped
// as in the syntax checker's worker.
//
// Syntax errors: the line the parser stops at is replaced (indentation kept) by `pass`, or,
// when the next line with code is indented deeper (so the block it opened still parses), by
// a header of the same kind of scope (`def _verdict_replaced_():` for a def, `while 1:` for
// a loop, `if 1:` otherwise), up to 20 times; then pyflakes runs on what parses. Findings on
// a replaced line, or naming an identifier written on one (a definition the replacement
// removed shows as an undefined or unused name elsewhere), are dropped. Columns go out as
// 1-based UTF-16 offsets (pyflakes gives 0-based UTF-8 ones). At most 100 findings
// (CheckerSet keeps no more), so an answer stays a short line.
const char kWorkerScript[] = R"PY(
import sys, ast, base64, collections, gc, json, re
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
except Exception:
    pass
from pyflakes import checker as C
# pyflakes 2 (Debian 12) walks the whole tree for nodes a type comment could belong to even
# when it is given no tokens, so no comment to place: a quarter of its time, for an empty
# answer. That answer is given without the walk (pyflakes 3 has no type comments).
if hasattr(C, '_collect_type_comments'):
    _collect = C._collect_type_comments
    C._collect_type_comments = lambda tree, tokens: (
        _collect(tree, tokens) if tokens else collections.defaultdict(list))
# For every node pyflakes asks whether a `from __future__` import may still come
# (futuresAllowed: an all() over a generator of the scope stack), a tenth of its time. The
# same answer without the generator, where the getter is the one this was written against
# (pyflakes 2.5 and 3.2; checked by its source, else left alone).
try:
    import inspect
    _fa = C.Checker.futuresAllowed
    if 'all(isinstance(scope, ModuleScope)' in inspect.getsource(_fa.fget):
        def _futures_allowed(self, _module=C.ModuleScope):
            for scope in self.scopeStack:
                if not isinstance(scope, _module):
                    return False
            return self.scope._futures_allowed
        C.Checker.futuresAllowed = property(_futures_allowed, _fa.fset)
except Exception:
    pass
IDENT = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
def deeper(lines, i):
    ind = len(lines[i]) - len(lines[i].lstrip())
    for j in range(i + 1, len(lines)):
        s = lines[j].strip()
        if s and not s.startswith('#'):
            return len(lines[j]) - len(lines[j].lstrip()) > ind
    return False
STAND_IN = '_verdict_replaced_'
def stand_in(old, opens):
    # A block keeps the kind of scope it opened: a broken 'def' stays a function (or its
    # 'return' would read as outside one), a loop stays a loop ('break').
    if not opens:
        return 'pass'
    word = old.split(None, 1)[0] if old.strip() else ''
    if word in ('def', 'async'):
        return 'def %s():' % STAND_IN
    if word == 'class':
        return 'class %s:' % STAND_IN
    if word in ('for', 'while'):
        return 'while 1:'
    return 'if 1:'
def parse(src, name):
    try:
        return ast.parse(src, filename=name), src, {}
    except SyntaxError:
        pass
    lines = src.split('\n')
    replaced = {}
    for _ in range(20):
        try:
            text = '\n'.join(lines)
            return ast.parse(text, filename=name), text, replaced
        except SyntaxError as e:
            n = e.lineno or 0
            if n < 1 or n > len(lines) or n in replaced:
                break
            old = lines[n - 1]
            replaced[n] = old
            pad = old[:len(old) - len(old.lstrip())]
            lines[n - 1] = pad + stand_in(old, deeper(lines, n - 1))
    return None, src, replaced
def check(name, src):
    tree, text, replaced = parse(src, name)
    if tree is None:
        return {'ok': False, 'syntax': True}
    # Type comments need the tokens in pyflakes 2 (Debian 12); pyflakes 3 (Debian 13)
    # dropped both make_tokens and file_tokens.
    tokens = C.make_tokens(text) if 'type:' in text and hasattr(C, 'make_tokens') else ()
    w = C.Checker(tree, filename=name, file_tokens=tokens) if tokens else \
        C.Checker(tree, filename=name)
    names = {STAND_IN} if replaced else set()
    for old in replaced.values():
        names.update(IDENT.findall(old))
    lines = src.split('\n')
    out = []
    for m in sorted(w.messages, key=lambda m: (m.lineno, m.col)):
        if m.lineno in replaced:
            continue
        if names and any(isinstance(a, str) and a.split('.')[0] in names
                         for a in m.message_args):
            continue
        line = lines[m.lineno - 1] if 0 < m.lineno <= len(lines) else ''
        head = line.encode('utf-8')[:max(0, m.col or 0)].decode('utf-8', 'ignore')
        col = len(head.encode('utf-16-le')) // 2 + 1
        out.append([type(m).__name__, m.lineno, col, m.message % m.message_args])
        if len(out) >= 100:
            break
    return {'ok': True, 'msgs': out, 'replaced': len(replaced)}
# pyflakes' scopes and bindings hold reference cycles, so the cycle collector is needed; run
# by itself it also walked each syntax tree while it was being built, many times over. It
# runs once after each snippet instead, when the tree is gone (what was loaded at start
# frozen out of its way): 16% less time, and nothing left behind.
gc.disable()
gc.freeze()
for raw in sys.stdin.buffer:
    try:
        a, _, b = raw.strip().partition(b' ')
        r = check(base64.b64decode(a).decode('utf-8', 'replace'),
                  base64.b64decode(b).decode('utf-8', 'replace'))
    except BaseException as e:
        r = {'ok': False, 'line': 0, 'col': 0, 'msg': str(e), 'kind': type(e).__name__}
    r = json.dumps(r)
    gc.collect()
    sys.stdout.write(r + '\n')
    sys.stdout.flush()
)PY";

struct MessageRule
{
    const char *messageClass;
    const char *rule; // after "pyflakes/"
    DiagnosticSeverity severity;
    const char *description;
};

using S = DiagnosticSeverity;

// Error: the code fails when it runs (NameError, TypeError, ...) or CPython refuses to
// compile it. Warning: almost certainly a mistake, but the code runs. Info: untidy, harmless.
const MessageRule kMessageRules[] = {
    {"UndefinedName", "undefined-name", S::Error,
     "A name is used that nothing defines or imports: NameError when the line runs (a "
     "hallucinated helper shows itself this way)."},
    {"UndefinedLocal", "undefined-local", S::Error,
     "A local variable is used before it is assigned (UnboundLocalError)."},
    {"UndefinedExport", "undefined-export", S::Error,
     "__all__ names something the module does not define."},
    {"ReturnOutsideFunction", "return-outside-function", S::Error,
     "'return' outside a function: CPython refuses to compile it."},
    {"YieldOutsideFunction", "yield-outside-function", S::Error,
     "'yield' outside a function: CPython refuses to compile it."},
    {"BreakOutsideLoop", "break-outside-loop", S::Error,
     "'break' outside a loop: CPython refuses to compile it."},
    {"ContinueOutsideLoop", "continue-outside-loop", S::Error,
     "'continue' outside a loop: CPython refuses to compile it."},
    {"ContinueInFinally", "continue-in-finally", S::Error,
     "'continue' in a 'finally' clause (refused by Python before 3.8)."},
    {"DefaultExceptNotLast", "default-except-not-last", S::Error,
     "A bare 'except:' before other handlers: CPython refuses to compile it."},
    {"DuplicateArgument", "duplicate-argument", S::Error,
     "Two parameters of one function have the same name: CPython refuses to compile it."},
    {"TwoStarredExpressions", "two-starred-expressions", S::Error,
     "Two starred expressions in one assignment: CPython refuses to compile it."},
    {"TooManyExpressionsInStarredAssignment", "too-many-expressions-in-starred-assignment",
     S::Error, "Too many expressions in a star-unpacking assignment."},
    {"LateFutureImport", "late-future-import", S::Error,
     "'from __future__' import after other statements: CPython refuses to compile it."},
    {"FutureFeatureNotDefined", "future-feature-not-defined", S::Error,
     "'from __future__ import' of a feature that does not exist."},
    {"ImportStarNotPermitted", "import-star-not-permitted", S::Error,
     "'from ... import *' inside a function: CPython refuses to compile it."},
    {"InvalidPrintSyntax", "invalid-print-syntax", S::Error,
     "'print >>f' (Python 2) with the print function: TypeError when it runs."},
    {"PercentFormatInvalidFormat", "percent-format-invalid-format", S::Error,
     "A '%' format string that is not valid: ValueError when it runs."},
    {"PercentFormatMixedPositionalAndNamed", "percent-format-mixed-positional-and-named",
     S::Error, "A '%' format string mixes positional and named placeholders."},
    {"PercentFormatUnsupportedFormatCharacter", "percent-format-unsupported-format-character",
     S::Error, "A '%' format string uses a conversion that does not exist."},
    {"PercentFormatPositionalCountMismatch", "percent-format-positional-count-mismatch",
     S::Error, "A '%' format has more or fewer placeholders than values: TypeError."},
    {"PercentFormatMissingArgument", "percent-format-missing-argument", S::Error,
     "A '%' format names a key the mapping does not have: KeyError."},
    {"PercentFormatExpectedMapping", "percent-format-expected-mapping", S::Error,
     "A '%' format with named placeholders is given a sequence."},
    {"PercentFormatExpectedSequence", "percent-format-expected-sequence", S::Error,
     "A '%' format with positional placeholders is given a mapping."},
    {"PercentFormatStarRequiresSequence", "percent-format-star-requires-sequence", S::Error,
     "A '%' format with '*' width or precision is given a mapping."},
    {"StringDotFormatInvalidFormat", "string-dot-format-invalid-format", S::Error,
     "A str.format() string that is not valid: ValueError when it runs."},
    {"StringDotFormatMissingArgument", "string-dot-format-missing-argument", S::Error,
     "str.format() is missing an argument for a placeholder: IndexError or KeyError."},
    {"StringDotFormatMixingAutomatic", "string-dot-format-mixing-automatic", S::Error,
     "str.format() mixes automatic and manual field numbering: ValueError."},
    {"RedefinedWhileUnused", "redefined-while-unused", S::Warning,
     "A name is defined again before its first definition was used."},
    {"ImportShadowedByLoopVar", "import-shadowed-by-loop-var", S::Warning,
     "A loop variable shadows an import."},
    {"UnusedVariable", "unused-variable", S::Warning,
     "A local variable is assigned but never used."},
    {"ImportStarUsage", "import-star-usage", S::Warning,
     "A name may be undefined, or defined by a 'from ... import *'."},
    {"IsLiteral", "is-literal", S::Warning,
     "'is' compared with a literal (use ==): the result depends on the interpreter."},
    {"AssertTuple", "assert-tuple", S::Warning,
     "'assert' on a tuple: always true, the assertion checks nothing."},
    {"IfTuple", "if-tuple", S::Warning, "'if' on a tuple literal: always true."},
    {"MultiValueRepeatedKeyLiteral", "multi-value-repeated-key-literal", S::Warning,
     "A dictionary literal repeats a key with different values."},
    {"MultiValueRepeatedKeyVariable", "multi-value-repeated-key-variable", S::Warning,
     "A dictionary literal repeats a variable key with different values."},
    {"RaiseNotImplemented", "raise-not-implemented", S::Warning,
     "'raise NotImplemented' (a TypeError when it runs): NotImplementedError is meant."},
    {"PercentFormatExtraNamedArguments", "percent-format-extra-named-arguments", S::Warning,
     "A '%' format is given named values it never uses."},
    {"StringDotFormatExtraNamedArguments", "string-dot-format-extra-named-arguments",
     S::Warning, "str.format() is given named arguments it never uses."},
    {"StringDotFormatExtraPositionalArguments",
     "string-dot-format-extra-positional-arguments", S::Warning,
     "str.format() is given positional arguments it never uses."},
    {"ForwardAnnotationSyntaxError", "forward-annotation-syntax-error", S::Warning,
     "A string annotation that does not parse."},
    {"CommentAnnotationSyntaxError", "comment-annotation-syntax-error", S::Warning,
     "A '# type:' comment that does not parse."},
    {"DoctestSyntaxError", "doctest-syntax-error", S::Warning,
     "A doctest that does not parse."},
    {"UnusedImport", "unused-import", S::Info, "A module or name is imported but not used."},
    {"ImportStarUsed", "import-star-used", S::Info,
     "'from ... import *' is used, so undefined names cannot be found."},
    {"FStringMissingPlaceholders", "f-string-missing-placeholders", S::Info,
     "An f-string without placeholders (a plain string is meant, or a value is missing)."},
};

const QHash<QString, const MessageRule *> &ruleIndex()
{
    static const QHash<QString, const MessageRule *> index = [] {
        QHash<QString, const MessageRule *> h;
        for (const MessageRule &r : kMessageRules)
            h.insert(QString::fromLatin1(r.messageClass), &r);
        return h;
    }();
    return index;
}

QString kebab(const QString &camel)
{
    QString out;
    for (int i = 0; i < camel.size(); ++i) {
        const QChar c = camel.at(i);
        if (c.isUpper() && i > 0)
            out += QLatin1Char('-');
        out += c.toLower();
    }
    return out;
}

const QString kPackage = QStringLiteral("python3-pyflakes");

} // namespace

const std::vector<RuleInfo> &PyflakesChecker::rules()
{
    static const std::vector<RuleInfo> all = [] {
        std::vector<RuleInfo> out;
        for (const MessageRule &r : kMessageRules)
            out.push_back({QStringLiteral("pyflakes/") + QLatin1String(r.rule),
                           QString::fromLatin1(r.messageClass), QString::fromUtf8(r.description),
                           r.severity});
        return out;
    }();
    return all;
}

QString PyflakesChecker::ruleFor(const QString &messageClass)
{
    const MessageRule *r = ruleIndex().value(messageClass);
    return QStringLiteral("pyflakes/") + (r ? QString::fromLatin1(r->rule) : kebab(messageClass));
}

PyflakesChecker::PyflakesChecker(const QString &python)
{
    const ToolProbe found = ToolProbe::pyflakes(python);
    m_python = found.program;
    m_toolVersion = found.version;
    if (!m_python.isEmpty())
        m_worker = std::make_unique<LineWorker>(
            m_python,
            QStringList{QStringLiteral("-I"), QStringLiteral("-c"),
                        QString::fromUtf8(kWorkerScript)},
            checkerEnvironment());
}

PyflakesChecker::~PyflakesChecker() = default;

QString PyflakesChecker::version() const
{
    // The mapping and the worker are this file's; what pyflakes finds is its version's.
    return QStringLiteral("2/") + (m_toolVersion.isEmpty() ? QStringLiteral("none")
                                                           : m_toolVersion);
}

int PyflakesChecker::workerStarts() const
{
    return m_worker ? m_worker->starts() : 0;
}

qint64 PyflakesChecker::workerPid() const
{
    return m_worker && m_worker->isRunning() ? qint64(m_worker->pid()) : -1;
}

namespace {

// What check() sends for an artifact it asks about (nothing for one it answers itself).
std::optional<QByteArray> requestLine(const Artifact &artifact)
{
    // The syntax checker reports a NUL; Python's parser would stop at it anyway.
    if (artifact.content.size() > kMaxCheckedArtifactChars || artifact.content.contains(QChar(0)))
        return std::nullopt;
    const QString name = QFileInfo(artifact.path).fileName();
    return name.toUtf8().toBase64() + ' ' + artifact.content.toUtf8().toBase64();
}

} // namespace

LineWorker::Batch *PyflakesChecker::batchFor(const std::vector<const Artifact *> &artifacts)
{
    m_batch.begin(m_worker.get(), m_timeoutMs);
    if (!m_worker)
        return nullptr;
    for (const Artifact *a : artifacts) {
        if (m_batch.contains(a->content))
            continue;
        if (auto line = requestLine(*a))
            m_batch.add(a->content, std::move(*line));
    }
    return m_batch.pending();
}

void PyflakesChecker::batchAnswered()
{
    m_batch.answered([this](LineWorker::Status status, const QByteArray &response) {
        return workerReply(status, response, QStringLiteral("pyflakes"), m_timeoutMs);
    });
}

bool PyflakesChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Python;
}

std::vector<Diagnostic> PyflakesChecker::check(const Artifact &artifact,
                                               const Proposal &proposal)
{
    auto info = [&](const QString &why) {
        return std::vector<Diagnostic>{artifactDiagnostic(
            artifact, proposal, QStringLiteral("not-checked"), DiagnosticSeverity::Info,
            QStringLiteral("Python not linted: %1").arg(why), 1, 1)};
    };
    if (!m_worker)
        return info(QStringLiteral("pyflakes is not installed (Debian package %1)")
                        .arg(kPackage));
    if (artifact.content.size() > kMaxCheckedArtifactChars)
        return info(QStringLiteral("the file is too large"));
    const WorkerReply *batched = m_batch.find(artifact.content);
    std::optional<QByteArray> line;
    if (!batched && !(line = requestLine(artifact)))
        return {};
    const WorkerReply reply = batched ? *batched
                                      : askWorkerLine(*m_worker, QStringLiteral("pyflakes"),
                                                      *line, m_timeoutMs);
    if (!reply.failure.isEmpty())
        return info(reply.failure);
    const QJsonObject &r = reply.answer;
    if (!r.value(QLatin1String("ok")).toBool()) {
        // Not even a repaired text parses: the syntax checker has said why.
        if (r.value(QLatin1String("syntax")).toBool())
            return {};
        return info(QStringLiteral("pyflakes failed (%1)")
                        .arg(r.value(QLatin1String("kind")).toString()));
    }
    const QJsonArray msgs = r.value(QLatin1String("msgs")).toArray();
    if (msgs.isEmpty())
        return {};
    const QString note = LanguageMismatchChecker::checkedAsNote(artifact);
    const TextMap map(artifact.content);
    std::vector<Diagnostic> out;
    for (const QJsonValue &v : msgs) {
        const QJsonArray m = v.toArray();
        const QString cls = m.at(0).toString();
        const MessageRule *rule = ruleIndex().value(cls);
        const int l = std::clamp(m.at(1).toInt(), 1, map.lineCount());
        const int col = std::clamp(m.at(2).toInt(), 1, map.lineLength(l) + 1);
        QString message = m.at(3).toString();
        if (cls == QLatin1String("UndefinedName"))
            message += QStringLiteral(": nothing in this file defines or imports it");
        out.push_back(artifactDiagnostic(artifact, proposal, ruleFor(cls),
                                         rule ? rule->severity : DiagnosticSeverity::Warning,
                                         message + note, l, col));
    }
    return out;
}

} // namespace verdict
