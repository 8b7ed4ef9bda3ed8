#include "core/template/templateparser.h"

namespace Knot {

namespace {

const QStringList UnsupportedBlocks {
    QStringLiteral("range"), QStringLiteral("with"), QStringLiteral("define"), QStringLiteral("block")};
const QStringList UnsupportedActions {QStringLiteral("template"), QStringLiteral("break"), QStringLiteral("continue")};

bool isIdentifier(const TemplateToken& token, const QString& name)
{
    return token.kind == TemplateToken::Kind::Identifier && token.text == name;
}

} // namespace

TemplateParser::TemplateParser(const QList<TemplateItem>& items, const QStringList& functions)
    : m_items(items), m_functions(functions)
{
    while (m_index < m_items.size()) {
        const Stop stop = parseList(m_nodes);
        if (stop == Stop::EndOfInput) {
            break;
        }
        const auto& item = m_items.at(m_index - 1);
        error(item.tokens.first().offset,
              stop == Stop::End ? QStringLiteral("unexpected \"end\": no \"if\" to close")
                                : QStringLiteral("unexpected \"else\" outside an \"if\""));
    }
}

TemplateParser::Stop TemplateParser::parseList(std::vector<TemplateNode>& nodes)
{
    while (m_index < m_items.size()) {
        const TemplateItem& item = m_items.at(m_index++);
        if (item.kind == TemplateItem::Kind::Text) {
            TemplateNode node;
            node.begin = item.begin;
            node.end = item.end;
            nodes.push_back(node);
            continue;
        }
        if (item.tokens.isEmpty()) {
            if (!item.comment) {
                error(item.begin, QStringLiteral("missing value for command"));
            }
            continue;
        }
        const TemplateToken& first = item.tokens.first();
        if (isIdentifier(first, QStringLiteral("if"))) {
            parseIf(item, nodes);
            continue;
        }
        if (isIdentifier(first, QStringLiteral("else"))) {
            return Stop::Else;
        }
        if (isIdentifier(first, QStringLiteral("end"))) {
            if (item.tokens.size() > 1) {
                error(item.tokens.at(1).offset, QStringLiteral("unexpected \"%1\" in end").arg(item.tokens.at(1).text));
            }
            return Stop::End;
        }
        if (first.kind == TemplateToken::Kind::Identifier
            && (UnsupportedBlocks.contains(first.text) || UnsupportedActions.contains(first.text))) {
            error(first.offset, QStringLiteral("\"%1\" is not supported in knot templates").arg(first.text));
            if (UnsupportedBlocks.contains(first.text)) {
                // Swallow the block up to its end so its `end` is not reported as stray.
                std::vector<TemplateNode> ignored;
                while (parseList(ignored) == Stop::Else) { }
            }
            continue;
        }
        TemplateNode node;
        node.kind = TemplateNode::Kind::Action;
        node.begin = item.begin;
        node.end = item.end;
        int index = 0;
        if (parsePipeline(item.tokens, index, node.pipeline, first.offset)) {
            if (index < item.tokens.size()) {
                error(item.tokens.at(index).offset, QStringLiteral("unexpected \")\""));
            } else {
                nodes.push_back(node);
            }
        }
    }
    return Stop::EndOfInput;
}

void TemplateParser::parseIf(const TemplateItem& item, std::vector<TemplateNode>& nodes)
{
    TemplateNode node;
    node.kind = TemplateNode::Kind::If;
    node.begin = item.begin;
    node.end = item.end;

    auto parseCondition = [this](const TemplateItem& action, int firstToken, TemplatePipeline& pipeline) {
        int index = firstToken;
        if (index >= action.tokens.size()) {
            error(action.tokens.constLast().offset, QStringLiteral("missing condition in \"if\""));
            return;
        }
        if (parsePipeline(action.tokens, index, pipeline, action.tokens.at(firstToken).offset)
            && index < action.tokens.size()) {
            error(action.tokens.at(index).offset, QStringLiteral("unexpected \")\""));
        }
    };

    node.branches.emplace_back();
    parseCondition(item, 1, node.branches.back().condition);
    Stop stop = parseList(node.branches.back().body);
    bool seenElse = false;
    while (stop == Stop::Else) {
        const TemplateItem& elseItem = m_items.at(m_index - 1);
        if (seenElse) {
            error(elseItem.tokens.first().offset, QStringLiteral("expected \"end\", found a second \"else\""));
        }
        if (!seenElse && elseItem.tokens.size() > 1 && isIdentifier(elseItem.tokens.at(1), QStringLiteral("if"))) {
            node.branches.emplace_back();
            parseCondition(elseItem, 2, node.branches.back().condition);
            stop = parseList(node.branches.back().body);
            continue;
        }
        if (elseItem.tokens.size() > 1) {
            error(elseItem.tokens.at(1).offset,
                  QStringLiteral("unexpected \"%1\" in else").arg(elseItem.tokens.at(1).text));
        }
        seenElse = true;
        stop = parseList(node.elseBody);
    }
    if (stop == Stop::EndOfInput) {
        error(item.tokens.first().offset, QStringLiteral("unterminated \"if\": missing ${{ end }}"));
    }
    nodes.push_back(std::move(node));
}

bool TemplateParser::parsePipeline(const QList<TemplateToken>& tokens,
                                   int& index,
                                   TemplatePipeline& pipeline,
                                   int offset)
{
    pipeline.offset = offset;
    TemplateCommand command;
    command.offset = offset;
    auto finishCommand = [&](int at) {
        if (command.operands.empty()) {
            error(at, QStringLiteral("missing value for command"));
            return false;
        }
        pipeline.commands.push_back(std::move(command));
        command = {};
        return true;
    };
    while (index < tokens.size()) {
        const TemplateToken& token = tokens.at(index);
        if (token.kind == TemplateToken::Kind::RightParen) {
            break;
        }
        if (token.kind == TemplateToken::Kind::Pipe) {
            if (!finishCommand(token.offset)) {
                return false;
            }
            ++index;
            if (index < tokens.size()) {
                command.offset = tokens.at(index).offset;
            }
            continue;
        }
        TemplateOperand operand;
        if (!parseOperand(tokens, index, operand)) {
            return false;
        }
        command.operands.push_back(std::move(operand));
    }
    const int end = index < tokens.size() ? tokens.at(index).offset : tokens.constLast().offset;
    return finishCommand(end);
}

bool TemplateParser::parseOperand(const QList<TemplateToken>& tokens, int& index, TemplateOperand& operand)
{
    const TemplateToken& token = tokens.at(index++);
    operand.offset = token.offset;
    switch (token.kind) {
    case TemplateToken::Kind::Field:
        operand.kind = TemplateOperand::Kind::Field;
        if (!token.text.isEmpty()) {
            operand.path = token.text.split(u'.');
        }
        return true;
    case TemplateToken::Kind::String:
    case TemplateToken::Kind::Number:
        operand.kind = TemplateOperand::Kind::Literal;
        operand.value = token.value;
        return true;
    case TemplateToken::Kind::Identifier:
        if (token.text == QStringLiteral("true") || token.text == QStringLiteral("false")) {
            operand.kind = TemplateOperand::Kind::Literal;
            operand.value = token.text == QStringLiteral("true");
            return true;
        }
        if (token.text == QStringLiteral("nil")) {
            operand.kind = TemplateOperand::Kind::Literal;
            return true;
        }
        if (m_functions.contains(token.text)) {
            operand.kind = TemplateOperand::Kind::Function;
            operand.name = token.text;
            return true;
        }
        if (token.text == QStringLiteral("if") || token.text == QStringLiteral("else")
            || token.text == QStringLiteral("end") || UnsupportedBlocks.contains(token.text)
            || UnsupportedActions.contains(token.text)) {
            error(token.offset, QStringLiteral("unexpected \"%1\" in command").arg(token.text));
        } else {
            error(token.offset, QStringLiteral("function \"%1\" not defined").arg(token.text));
        }
        return false;
    case TemplateToken::Kind::LeftParen: {
        operand.kind = TemplateOperand::Kind::Pipeline;
        operand.pipeline = std::make_shared<TemplatePipeline>();
        if (index >= tokens.size()) {
            error(token.offset, QStringLiteral("unclosed left parenthesis"));
            return false;
        }
        if (!parsePipeline(tokens, index, *operand.pipeline, tokens.at(index).offset)) {
            return false;
        }
        if (index >= tokens.size()) {
            error(token.offset, QStringLiteral("unclosed left parenthesis"));
            return false;
        }
        ++index; // the right parenthesis
        return true;
    }
    case TemplateToken::Kind::Variable:
        error(token.offset, QStringLiteral("variables (%1) are not supported in knot templates").arg(token.text));
        return false;
    case TemplateToken::Kind::Assign:
        error(token.offset, QStringLiteral("assignments are not supported in knot templates"));
        return false;
    case TemplateToken::Kind::Char:
        error(token.offset, QStringLiteral("character literals are not supported; use a \"string\""));
        return false;
    case TemplateToken::Kind::Pipe:
    case TemplateToken::Kind::RightParen:
        break;
    }
    error(token.offset, QStringLiteral("unexpected \"%1\"").arg(token.text));
    return false;
}

} // namespace Knot
