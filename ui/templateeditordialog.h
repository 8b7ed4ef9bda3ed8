#pragma once

#include "core/model/diagnostic.h"
#include "core/model/template.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace Knot {

class MessageWidget;
class YamlEditor;

// Creates or edits a template: every Template field, YAML editors for the container spec (`job`)
// and the volume definition with inline diagnostics from an injected validator (re-run ~300 ms
// after each change), ports and custom fields tables, features, VNC and code-server settings.
// Save stays disabled while errors exist; closing with changes asks first.
class TemplateEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // Diagnostics per document: `job` and `volumes` lines are in their editors; `fields` are
    // about the other fields (name, ports, custom fields, VNC).
    struct Validation
    {
        Diagnostics job;
        Diagnostics volumes;
        Diagnostics fields;
    };
    using Validator = std::function<Validation(const Template& tmpl)>;

    static constexpr int ValidationDelayMs = 300;

    TemplateEditorDialog(const Template& tmpl, Validator validator, QWidget* parent = nullptr);

    // The template as edited (id and timestamps of the original kept).
    Template editedTemplate() const;
    bool isModified() const;
    bool hasErrors() const;
    const Validation& lastValidation() const { return m_validation; }
    MessageWidget* messageWidget() const { return m_message; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    // After each validation run (tests wait for it).
    void validated();

private:
    QWidget* createGeneralTab();
    QWidget* createDocumentTab(YamlEditor* editor, QListWidget* errors, const QString& hint);
    QWidget* createPortsTab();
    QWidget* createCustomFieldsTab();
    QWidget* createFeaturesTab();
    void load(const Template& tmpl);
    void addPortRow(const TemplatePort& port);
    void addCustomFieldRow(const CustomField& field);
    void scheduleValidation();
    void validate();
    void showDiagnostics(
        YamlEditor* editor, QListWidget* list, int tab, const QString& title, const Diagnostics& diagnostics);

    Template m_original;
    Validator m_validator;
    Validation m_validation;
    QTimer* m_timer;
    MessageWidget* m_message;
    QTabWidget* m_tabs;
    QLineEdit* m_name = nullptr;
    QLabel* m_nameError = nullptr;
    QLineEdit* m_description = nullptr;
    QLineEdit* m_icon = nullptr;
    QComboBox* m_platform = nullptr;
    QComboBox* m_pullPolicy = nullptr;
    YamlEditor* m_job;
    QListWidget* m_jobErrors;
    YamlEditor* m_volumes;
    QListWidget* m_volumeErrors;
    QTableWidget* m_ports = nullptr;
    QTableWidget* m_customFields = nullptr;
    QCheckBox* m_terminal = nullptr;
    QCheckBox* m_codeServer = nullptr;
    QCheckBox* m_vscodeTunnel = nullptr;
    QCheckBox* m_ssh = nullptr;
    QCheckBox* m_runCommand = nullptr;
    QSpinBox* m_codeServerPort = nullptr;
    QGroupBox* m_vnc = nullptr;
    QSpinBox* m_vncPort = nullptr;
    QComboBox* m_vncTransport = nullptr;
    QLineEdit* m_vncPassword = nullptr;
    QLabel* m_fieldErrors;
    QDialogButtonBox* m_buttons;
};

} // namespace Knot
