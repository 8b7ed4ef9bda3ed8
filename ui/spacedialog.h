#pragma once

#include "core/model/space.h"
#include "core/model/template.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QToolButton;
class QVBoxLayout;

namespace Knot {

// Create Space and Edit Space: name (validated live, error next to the field), description, icon
// (the template's by default), additional names bound to the template's HTTP ports, terminal shell,
// one input per custom field, and Start Space on Create (create mode, container templates only).
class SpaceDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Create,
        Edit,
    };

    // Checks a name's syntax; returns the message to show, or an empty string when it is fine.
    // (Uniqueness is checked here against takenNames.)
    using NameValidator = std::function<QString(const QString& name)>;

    struct Options
    {
        Mode mode = Mode::Create;
        Template tmpl;
        Space space;            // Edit: the space; Create: ignored
        QStringList takenNames; // names and additional names of the other spaces (own names are ignored)
        QString defaultShell = QStringLiteral("bash");
        NameValidator validator;
    };

    SpaceDialog(const Options& options, QWidget* parent = nullptr);

    // The space as entered: a new one (no id) in create mode, the edited one otherwise.
    Space space() const;
    bool startOnCreate() const;
    bool hasErrors() const { return m_errorCount > 0; }
    // HTTP(S) ports of the template an additional name can be bound to.
    static QList<TemplatePort> httpPorts(const Template& tmpl);

    void accept() override;

Q_SIGNALS:
    void validated();

private:
    struct NameRow
    {
        QWidget* widget;
        QLineEdit* name;
        QComboBox* port;
        QLabel* error;
    };

    void addNameRow(const AdditionalName& name);
    void removeNameRow(QWidget* widget);
    void validate();
    QString checkName(const QString& name, QStringList& seen) const;
    void showError(QLabel* label, QLineEdit* edit, const QString& error);

    Options m_options;
    QStringList m_taken; // lower case
    int m_errorCount = 0;
    int m_rowCounter = 0;
    QLineEdit* m_name;
    QLabel* m_nameError;
    QLineEdit* m_description;
    QLineEdit* m_icon;
    QLabel* m_iconPreview;
    QVBoxLayout* m_nameRows;
    QToolButton* m_addName;
    QList<NameRow> m_rows;
    QComboBox* m_shell;
    QList<QPair<QString, QLineEdit*>> m_customFields;
    QCheckBox* m_startOnCreate = nullptr;
    QDialogButtonBox* m_buttons;
};

} // namespace Knot
