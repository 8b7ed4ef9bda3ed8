#pragma once

#include "core/template/templatelexer.h"

#include <QStringList>
#include <QVariant>

#include <memory>
#include <vector>

namespace Knot {

struct TemplatePipeline;

// One operand of a command: a field path, a literal, a function name or a parenthesized pipeline.
struct TemplateOperand
{
    enum class Kind
    {
        Field,
        Literal,
        Function,
        Pipeline,
    };

    Kind kind = Kind::Literal;
    QStringList path; // Field: segments after the root ("space", "name"); empty = the root itself
    QVariant value;   // Literal
    QString name;     // Function
    std::shared_ptr<TemplatePipeline> pipeline;
    int offset = 0;
};

struct TemplateCommand
{
    std::vector<TemplateOperand> operands;
    int offset = 0;
};

// `a | f b | g`: each command's result becomes the last argument of the next.
struct TemplatePipeline
{
    std::vector<TemplateCommand> commands;
    int offset = 0;
};

struct TemplateNode
{
    enum class Kind
    {
        Text,
        Action,
        If,
    };

    struct Branch
    {
        TemplatePipeline condition;
        std::vector<TemplateNode> body;
    };

    Kind kind = Kind::Text;
    int begin = 0; // Text: source range; Action/If: offset of the action
    int end = 0;
    TemplatePipeline pipeline;    // Action
    std::vector<Branch> branches; // If: `if` and each `else if`
    std::vector<TemplateNode> elseBody;
};

// Builds the tree of a template from the lexer's items. Knows the function names (unknown ones are
// parse errors, as in Go) and rejects what the desktop does not support (range, with, $variables, …).
class TemplateParser
{
public:
    TemplateParser(const QList<TemplateItem>& items, const QStringList& functions);

    std::vector<TemplateNode> nodes() const { return m_nodes; }
    QList<QPair<int, QString>> errors() const { return m_errors; }

private:
    enum class Stop
    {
        EndOfInput,
        Else,
        End,
    };

    // Parses nodes until `else`, `end` or the end of input; m_index then points past the stopping action.
    Stop parseList(std::vector<TemplateNode>& nodes);
    void parseIf(const TemplateItem& item, std::vector<TemplateNode>& nodes);
    bool parsePipeline(const QList<TemplateToken>& tokens, int& index, TemplatePipeline& pipeline, int offset);
    bool parseOperand(const QList<TemplateToken>& tokens, int& index, TemplateOperand& operand);
    void error(int offset, const QString& message) { m_errors.append({offset, message}); }

    const QList<TemplateItem> m_items;
    const QStringList m_functions;
    qsizetype m_index = 0;
    std::vector<TemplateNode> m_nodes;
    QList<QPair<int, QString>> m_errors;
};

} // namespace Knot
