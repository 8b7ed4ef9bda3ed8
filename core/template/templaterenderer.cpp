#include "core/template/templaterenderer.h"

#include "core/template/templatefunctions.h"
#include "core/template/templatelexer.h"
#include "core/template/templateparser.h"

#include <algorithm>
#include <optional>

namespace Knot {

namespace {

// Walks the parsed tree once to check every field path, then renders it.
class Evaluator
{
public:
    Evaluator(const QString& source, const QString& field, const QVariantMap& data, const QStringList& openMaps)
        : m_source(source), m_field(field), m_data(data), m_openMaps(openMaps)
    {
        m_lineStarts.append(0);
        for (int i = 0; i < source.size(); ++i) {
            if (source.at(i) == u'\n') {
                m_lineStarts.append(i + 1);
            }
        }
    }

    void error(int offset, const QString& message)
    {
        Diagnostic diagnostic;
        diagnostic.line = lineOf(offset);
        diagnostic.column = offset - m_lineStarts.at(diagnostic.line - 1) + 1;
        diagnostic.field = m_field;
        diagnostic.message = message;
        if (!m_diagnostics.contains(diagnostic)) {
            m_diagnostics.append(diagnostic);
        }
    }

    void check(const std::vector<TemplateNode>& nodes)
    {
        for (const TemplateNode& node : nodes) {
            check(node.pipeline);
            for (const auto& branch : node.branches) {
                check(branch.condition);
                check(branch.body);
            }
            check(node.elseBody);
        }
    }

    void render(const std::vector<TemplateNode>& nodes)
    {
        for (const TemplateNode& node : nodes) {
            switch (node.kind) {
            case TemplateNode::Kind::Text:
                emit(m_source.mid(node.begin, node.end - node.begin), node.begin, true);
                break;
            case TemplateNode::Kind::Action:
                if (const auto value = evaluate(node.pipeline)) {
                    if (value->isValid()) {
                        emit(TemplateFunctions::print(*value), node.begin, false);
                    } else {
                        error(node.pipeline.offset, QStringLiteral("the value is nil"));
                    }
                }
                break;
            case TemplateNode::Kind::If:
                renderIf(node);
                break;
            }
        }
    }

    RenderResult result() const
    {
        Diagnostics diagnostics = m_diagnostics;
        std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::pair(a.line, a.column) < std::pair(b.line, b.column);
        });
        // A broken template renders nothing: half a spec would only produce confusing follow-up errors.
        if (hasErrors(diagnostics)) {
            return {QString(), diagnostics, {}};
        }
        return {m_output, diagnostics, m_sourceLines};
    }
    bool failed() const { return hasErrors(m_diagnostics); }

private:
    int lineOf(int offset) const
    {
        return int(std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset) - m_lineStarts.cbegin());
    }

    void emit(const QString& text, int offset, bool fromSource)
    {
        for (int i = 0; i < text.size(); ++i) {
            // Literal text advances through the source; a value's characters all sit on its action's line.
            const int line = lineOf(fromSource ? offset + i : offset);
            if (m_lineStartPending) {
                // An output line belongs to the source line its first character comes from.
                m_sourceLines.append(line);
                m_lineStartPending = false;
            }
            if (text.at(i) == u'\n') {
                m_lineStartPending = true;
            }
        }
        m_output += text;
    }

    void renderIf(const TemplateNode& node)
    {
        for (const auto& branch : node.branches) {
            const auto condition = evaluate(branch.condition);
            if (!condition) {
                return;
            }
            if (TemplateFunctions::isTrue(*condition)) {
                render(branch.body);
                return;
            }
        }
        render(node.elseBody);
    }

    void check(const TemplatePipeline& pipeline)
    {
        for (const auto& command : pipeline.commands) {
            for (const auto& operand : command.operands) {
                if (operand.kind == TemplateOperand::Kind::Field) {
                    lookup(operand);
                } else if (operand.kind == TemplateOperand::Kind::Pipeline) {
                    check(*operand.pipeline);
                }
            }
        }
    }

    bool isOpen(const QStringList& path) const { return m_openMaps.contains(path.join(u'.')); }

    std::optional<QVariant> lookup(const TemplateOperand& operand)
    {
        QVariant current = m_data;
        for (qsizetype i = 0; i < operand.path.size(); ++i) {
            const QString& key = operand.path.at(i);
            const QStringList parent = operand.path.mid(0, i);
            const QString parentText = u'.' + parent.join(u'.');
            if (current.typeId() != QMetaType::QVariantMap) {
                error(operand.offset,
                      QStringLiteral("%1 is a %2, it has no field \"%3\"")
                          .arg(parentText, TemplateFunctions::typeName(current), key));
                return std::nullopt;
            }
            const QVariantMap map = current.toMap();
            if (map.contains(key)) {
                current = map.value(key);
            } else if (isOpen(parent)) {
                current = QString();
            } else {
                const QString known = map.isEmpty() ? QStringLiteral("nothing") : map.keys().join(QStringLiteral(", "));
                error(operand.offset,
                      QStringLiteral("unknown variable .%1 (%2 has %3)")
                          .arg(operand.path.mid(0, i + 1).join(u'.'),
                               parent.isEmpty() ? QStringLiteral(".") : parentText,
                               known));
                return std::nullopt;
            }
        }
        return current;
    }

    std::optional<QVariant> evaluate(const TemplatePipeline& pipeline)
    {
        std::optional<QVariant> piped;
        for (const auto& command : pipeline.commands) {
            piped = evaluate(command, piped);
            if (!piped) {
                return std::nullopt;
            }
        }
        return piped;
    }

    std::optional<QVariant> evaluate(const TemplateCommand& command, const std::optional<QVariant>& piped)
    {
        const TemplateOperand& first = command.operands.front();
        if (first.kind != TemplateOperand::Kind::Function) {
            if (command.operands.size() > 1 || piped) {
                error(first.offset, QStringLiteral("can't give argument to non-function"));
                return std::nullopt;
            }
            if (first.kind == TemplateOperand::Kind::Literal && !first.value.isValid()) {
                error(first.offset, QStringLiteral("nil is not a command"));
                return std::nullopt;
            }
            return evaluate(first);
        }
        QVariantList args;
        for (size_t i = 1; i < command.operands.size(); ++i) {
            const auto value = evaluate(command.operands.at(i));
            if (!value) {
                return std::nullopt;
            }
            args.append(*value);
        }
        if (piped) {
            args.append(*piped);
        }
        return call(first, args);
    }

    std::optional<QVariant> evaluate(const TemplateOperand& operand)
    {
        switch (operand.kind) {
        case TemplateOperand::Kind::Field:
            return lookup(operand);
        case TemplateOperand::Kind::Literal:
            return operand.value;
        case TemplateOperand::Kind::Pipeline:
            return evaluate(*operand.pipeline);
        case TemplateOperand::Kind::Function:
            return call(operand, {});
        }
        return std::nullopt;
    }

    std::optional<QVariant> call(const TemplateOperand& function, const QVariantList& args)
    {
        const auto openMap = [this](const QVariantMap& map) {
            return std::any_of(m_openMaps.cbegin(), m_openMaps.cend(), [&](const QString& path) {
                QVariant node = m_data;
                for (const QString& key : path.split(u'.')) {
                    node = node.toMap().value(key);
                }
                return node.toMap() == map;
            });
        };
        auto result = TemplateFunctions::call(function.name, args, openMap);
        if (!result) {
            error(function.offset, QStringLiteral("%1: %2").arg(function.name, result.error().message));
            return std::nullopt;
        }
        return std::move(result).value();
    }

    const QString& m_source;
    const QString m_field;
    const QVariantMap& m_data;
    const QStringList& m_openMaps;
    QList<int> m_lineStarts;
    QString m_output;
    QList<int> m_sourceLines;
    bool m_lineStartPending = true;
    Diagnostics m_diagnostics;
};

} // namespace

int RenderResult::sourceLine(int outputLine) const
{
    return outputLine >= 1 && outputLine <= sourceLines.size() ? sourceLines.at(outputLine - 1) : outputLine;
}

TemplateRenderer::TemplateRenderer(QVariantMap data, QStringList openMaps)
    : m_data(std::move(data)), m_openMaps(std::move(openMaps))
{ }

RenderResult TemplateRenderer::render(const QString& source, const QString& field) const
{
    Evaluator evaluator(source, field, m_data, m_openMaps);
    const TemplateLexer lexer(source);
    for (const auto& [offset, message] : lexer.errors()) {
        evaluator.error(offset, message);
    }
    const TemplateParser parser(lexer.items(), TemplateFunctions::names());
    for (const auto& [offset, message] : parser.errors()) {
        evaluator.error(offset, message);
    }
    const auto nodes = parser.nodes();
    evaluator.check(nodes);
    if (!evaluator.failed()) {
        evaluator.render(nodes);
    }
    return evaluator.result();
}

} // namespace Knot
