#include "ui/templateeditordialog.h"

#include "ui/messagebox.h"
#include "ui/messagewidget.h"
#include "ui/palettecolors.h"
#include "ui/yamleditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Knot {

namespace {

enum Tab
{
    GeneralTab,
    JobTab,
    VolumesTab,
    PortsTab,
    CustomFieldsTab,
    FeaturesTab,
};

constexpr int LineRole = Qt::UserRole + 1;
constexpr int ColumnRole = Qt::UserRole + 2;

QSpinBox* portSpin(QWidget* parent, int value)
{
    auto* spin = new QSpinBox(parent);
    spin->setRange(1, 65535);
    spin->setValue(value);
    return spin;
}

// A table with Add/Remove buttons under it; `add` appends an empty row.
QWidget* tableWithButtons(QTableWidget* table, const QString& addName, const std::function<void()>& add)
{
    auto* page = new QWidget;
    auto* addButton = new QPushButton(QObject::tr("Add"), page);
    addButton->setObjectName(addName);
    auto* removeButton = new QPushButton(QObject::tr("Remove"), page);
    removeButton->setObjectName(addName + QStringLiteral("Remove"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(removeButton);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    QObject::connect(addButton, &QPushButton::clicked, table, add);
    QObject::connect(removeButton, &QPushButton::clicked, table, [table] {
        const int row = table->currentRow();
        if (row >= 0) {
            table->removeRow(row);
        }
    });
    return page;
}

QString cellText(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

TemplateEditorDialog::TemplateEditorDialog(const Template& tmpl, Validator validator, QWidget* parent)
    : QDialog(parent)
    , m_original(tmpl)
    , m_validator(std::move(validator))
    , m_timer(new QTimer(this))
    , m_message(new MessageWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_job(new YamlEditor(this))
    , m_jobErrors(new QListWidget(this))
    , m_volumes(new YamlEditor(this))
    , m_volumeErrors(new QListWidget(this))
    , m_fieldErrors(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("templateEditorDialog"));
    setWindowTitle(tmpl.id.isEmpty() ? tr("New Template") : tr("Edit Template — %1").arg(tmpl.name));
    m_message->setObjectName(QStringLiteral("editorMessage"));
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_job->setObjectName(QStringLiteral("jobEditor"));
    m_jobErrors->setObjectName(QStringLiteral("jobErrors"));
    m_volumes->setObjectName(QStringLiteral("volumesEditor"));
    m_volumeErrors->setObjectName(QStringLiteral("volumesErrors"));
    m_fieldErrors->setObjectName(QStringLiteral("fieldErrors"));
    m_fieldErrors->setWordWrap(true);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));

    m_tabs->addTab(createGeneralTab(), tr("General"));
    m_tabs->addTab(createDocumentTab(m_job,
                                     m_jobErrors,
                                     tr("The container spec in knot's format. Variables such as "
                                        "${{ .space.name }} are resolved at each start.")),
                   tr("Container"));
    m_tabs->addTab(createDocumentTab(m_volumes,
                                     m_volumeErrors,
                                     tr("Named volumes (volumes:) and managed host paths (paths:) "
                                        "the space owns; they are deleted with it.")),
                   tr("Volumes"));
    m_tabs->addTab(createPortsTab(), tr("Ports"));
    m_tabs->addTab(createCustomFieldsTab(), tr("Custom Fields"));
    m_tabs->addTab(createFeaturesTab(), tr("Features"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_fieldErrors);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TemplateEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TemplateEditorDialog::reject);

    load(tmpl);

    m_timer->setSingleShot(true);
    m_timer->setInterval(ValidationDelayMs);
    connect(m_timer, &QTimer::timeout, this, &TemplateEditorDialog::validate);
    // Every edit re-validates after a pause in typing.
    for (auto* edit : findChildren<QLineEdit*>()) {
        connect(edit, &QLineEdit::textChanged, this, &TemplateEditorDialog::scheduleValidation);
    }
    for (auto* editor : {m_job, m_volumes}) {
        connect(editor, &QPlainTextEdit::textChanged, this, &TemplateEditorDialog::scheduleValidation);
    }
    for (auto* table : {m_ports, m_customFields}) {
        connect(table->model(), &QAbstractItemModel::dataChanged, this, &TemplateEditorDialog::scheduleValidation);
        connect(table->model(), &QAbstractItemModel::rowsInserted, this, &TemplateEditorDialog::scheduleValidation);
        connect(table->model(), &QAbstractItemModel::rowsRemoved, this, &TemplateEditorDialog::scheduleValidation);
    }
    for (auto* check : findChildren<QCheckBox*>()) {
        connect(check, &QCheckBox::toggled, this, &TemplateEditorDialog::scheduleValidation);
    }
    connect(m_vnc, &QGroupBox::toggled, this, &TemplateEditorDialog::scheduleValidation);
    for (auto* spin : findChildren<QSpinBox*>()) {
        connect(spin, &QSpinBox::valueChanged, this, &TemplateEditorDialog::scheduleValidation);
    }
    for (auto* combo : findChildren<QComboBox*>()) {
        connect(combo, &QComboBox::currentIndexChanged, this, &TemplateEditorDialog::scheduleValidation);
    }
    for (auto* list : {m_jobErrors, m_volumeErrors}) {
        YamlEditor* editor = list == m_jobErrors ? m_job : m_volumes;
        connect(list, &QListWidget::itemClicked, editor, [editor](QListWidgetItem* item) {
            editor->goToLine(item->data(LineRole).toInt(), item->data(ColumnRole).toInt());
        });
        connect(list, &QListWidget::itemActivated, editor, [editor](QListWidgetItem* item) {
            editor->goToLine(item->data(LineRole).toInt(), item->data(ColumnRole).toInt());
        });
    }
    validate();
    resize(760, 620);
}

QWidget* TemplateEditorDialog::createGeneralTab()
{
    auto* tab = new QWidget(this);
    m_name = new QLineEdit(tab);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_nameError = new QLabel(tab);
    m_nameError->setObjectName(QStringLiteral("nameError"));
    m_description = new QLineEdit(tab);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_icon = new QLineEdit(tab);
    m_icon->setObjectName(QStringLiteral("iconEdit"));
    m_icon->setPlaceholderText(tr("Icon file, theme icon name or URL"));
    m_platform = new QComboBox(tab);
    m_platform->setObjectName(QStringLiteral("platformCombo"));
    m_platform->addItem(tr("Any local engine"), static_cast<int>(Platform::Container));
    m_platform->addItem(tr("Docker"), static_cast<int>(Platform::Docker));
    m_platform->addItem(tr("Podman"), static_cast<int>(Platform::Podman));
    m_platform->addItem(tr("Manual (no container)"), static_cast<int>(Platform::Manual));
    m_pullPolicy = new QComboBox(tab);
    m_pullPolicy->setObjectName(QStringLiteral("pullPolicyCombo"));
    m_pullPolicy->addItem(tr("Pull if missing"), static_cast<int>(PullPolicy::IfMissing));
    m_pullPolicy->addItem(tr("Always pull"), static_cast<int>(PullPolicy::Always));
    m_pullPolicy->addItem(tr("Never pull"), static_cast<int>(PullPolicy::Never));

    auto* form = new QFormLayout(tab);
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Icon:"), m_icon);
    form->addRow(tr("Engine:"), m_platform);
    form->addRow(tr("Image pull:"), m_pullPolicy);
    return tab;
}

QWidget* TemplateEditorDialog::createDocumentTab(YamlEditor* editor, QListWidget* errors, const QString& hint)
{
    auto* tab = new QWidget(this);
    auto* label = new QLabel(hint, tab);
    label->setWordWrap(true);
    errors->setMaximumHeight(editor->fontMetrics().height() * 5);
    errors->setToolTip(tr("Click a problem to go to its line"));
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(label);
    layout->addWidget(editor, 1);
    layout->addWidget(errors);
    return tab;
}

QWidget* TemplateEditorDialog::createPortsTab()
{
    m_ports = new QTableWidget(0, 3, this);
    m_ports->setObjectName(QStringLiteral("portsTable"));
    m_ports->setHorizontalHeaderLabels({tr("Name"), tr("Port"), tr("Protocol")});
    return tableWithButtons(m_ports, QStringLiteral("addPortButton"), [this] {
        addPortRow({});
        m_ports->setCurrentCell(m_ports->rowCount() - 1, 0);
        m_ports->editItem(m_ports->item(m_ports->rowCount() - 1, 0));
    });
}

QWidget* TemplateEditorDialog::createCustomFieldsTab()
{
    m_customFields = new QTableWidget(0, 2, this);
    m_customFields->setObjectName(QStringLiteral("customFieldsTable"));
    m_customFields->setHorizontalHeaderLabels({tr("Name"), tr("Description")});
    return tableWithButtons(m_customFields, QStringLiteral("addCustomFieldButton"), [this] {
        addCustomFieldRow({});
        m_customFields->setCurrentCell(m_customFields->rowCount() - 1, 0);
        m_customFields->editItem(m_customFields->item(m_customFields->rowCount() - 1, 0));
    });
}

QWidget* TemplateEditorDialog::createFeaturesTab()
{
    auto* tab = new QWidget(this);
    auto check = [tab](const char* name, const QString& text) {
        auto* box = new QCheckBox(text, tab);
        box->setObjectName(QLatin1String(name));
        return box;
    };
    m_terminal = check("terminalCheck", tr("Web terminal"));
    m_codeServer = check("codeServerCheck", tr("Code Server"));
    m_vscodeTunnel = check("vscodeTunnelCheck", tr("VS Code tunnel"));
    m_ssh = check("sshCheck", tr("SSH"));
    m_runCommand = check("runCommandCheck", tr("Run command"));
    m_codeServerPort = portSpin(tab, Template::DefaultCodeServerPort);
    m_codeServerPort->setObjectName(QStringLiteral("codeServerPortSpin"));
    connect(m_codeServer, &QCheckBox::toggled, m_codeServerPort, &QSpinBox::setEnabled);

    m_vnc = new QGroupBox(tr("VNC desktop"), tab);
    m_vnc->setObjectName(QStringLiteral("vncGroup"));
    m_vnc->setCheckable(true);
    m_vncPort = portSpin(m_vnc, VncSettings {}.port);
    m_vncPort->setObjectName(QStringLiteral("vncPortSpin"));
    m_vncTransport = new QComboBox(m_vnc);
    m_vncTransport->setObjectName(QStringLiteral("vncTransportCombo"));
    m_vncTransport->addItem(tr("RFB (plain VNC)"), static_cast<int>(VncTransport::Rfb));
    m_vncTransport->addItem(tr("WebSocket"), static_cast<int>(VncTransport::WebSocket));
    m_vncPassword = new QLineEdit(m_vnc);
    m_vncPassword->setObjectName(QStringLiteral("vncPasswordEdit"));
    m_vncPassword->setEchoMode(QLineEdit::Password);
    auto* vncForm = new QFormLayout(m_vnc);
    vncForm->addRow(tr("Port:"), m_vncPort);
    vncForm->addRow(tr("Transport:"), m_vncTransport);
    vncForm->addRow(tr("Password:"), m_vncPassword);

    auto* form = new QFormLayout(tab);
    form->addRow(m_terminal);
    form->addRow(m_codeServer);
    form->addRow(tr("Code Server port:"), m_codeServerPort);
    form->addRow(m_vscodeTunnel);
    form->addRow(m_ssh);
    form->addRow(m_runCommand);
    form->addRow(m_vnc);
    return tab;
}

void TemplateEditorDialog::load(const Template& tmpl)
{
    m_name->setText(tmpl.name);
    m_description->setText(tmpl.description);
    m_icon->setText(tmpl.icon);
    m_platform->setCurrentIndex(m_platform->findData(static_cast<int>(tmpl.platform)));
    m_pullPolicy->setCurrentIndex(m_pullPolicy->findData(static_cast<int>(tmpl.pullPolicy)));
    m_job->setPlainText(tmpl.job);
    m_volumes->setPlainText(tmpl.volumes);
    for (const TemplatePort& port : tmpl.ports) {
        addPortRow(port);
    }
    for (const CustomField& field : tmpl.customFields) {
        addCustomFieldRow(field);
    }
    m_terminal->setChecked(tmpl.features.terminal);
    m_codeServer->setChecked(tmpl.features.codeServer);
    m_codeServerPort->setEnabled(tmpl.features.codeServer);
    m_codeServerPort->setValue(tmpl.codeServerPort);
    m_vscodeTunnel->setChecked(tmpl.features.vscodeTunnel);
    m_ssh->setChecked(tmpl.features.ssh);
    m_runCommand->setChecked(tmpl.features.runCommand);
    m_vnc->setChecked(tmpl.vnc.has_value());
    const VncSettings vnc = tmpl.vnc.value_or(VncSettings {});
    m_vncPort->setValue(vnc.port);
    m_vncTransport->setCurrentIndex(m_vncTransport->findData(static_cast<int>(vnc.transport)));
    m_vncPassword->setText(vnc.password);
}

void TemplateEditorDialog::addPortRow(const TemplatePort& port)
{
    const int row = m_ports->rowCount();
    m_ports->insertRow(row);
    m_ports->setItem(row, 0, new QTableWidgetItem(port.name));
    auto* spin = portSpin(m_ports, port.port > 0 ? port.port : 8080);
    connect(spin, &QSpinBox::valueChanged, this, &TemplateEditorDialog::scheduleValidation);
    m_ports->setCellWidget(row, 1, spin);
    auto* protocol = new QComboBox(m_ports);
    for (const PortProtocol p : {PortProtocol::Http, PortProtocol::Https, PortProtocol::Tcp}) {
        protocol->addItem(toText(p), static_cast<int>(p));
    }
    protocol->setCurrentIndex(protocol->findData(static_cast<int>(port.protocol)));
    connect(protocol, &QComboBox::currentIndexChanged, this, &TemplateEditorDialog::scheduleValidation);
    m_ports->setCellWidget(row, 2, protocol);
}

void TemplateEditorDialog::addCustomFieldRow(const CustomField& field)
{
    const int row = m_customFields->rowCount();
    m_customFields->insertRow(row);
    m_customFields->setItem(row, 0, new QTableWidgetItem(field.name));
    m_customFields->setItem(row, 1, new QTableWidgetItem(field.description));
}

Template TemplateEditorDialog::editedTemplate() const
{
    Template tmpl = m_original;
    tmpl.name = m_name->text().trimmed();
    tmpl.description = m_description->text().trimmed();
    tmpl.icon = m_icon->text().trimmed();
    tmpl.platform = static_cast<Platform>(m_platform->currentData().toInt());
    tmpl.pullPolicy = static_cast<PullPolicy>(m_pullPolicy->currentData().toInt());
    tmpl.job = m_job->toPlainText();
    tmpl.volumes = m_volumes->toPlainText();
    tmpl.ports.clear();
    for (int row = 0; row < m_ports->rowCount(); ++row) {
        const auto* spin = qobject_cast<QSpinBox*>(m_ports->cellWidget(row, 1));
        const auto* protocol = qobject_cast<QComboBox*>(m_ports->cellWidget(row, 2));
        tmpl.ports.append({cellText(m_ports, row, 0),
                           spin ? spin->value() : 0,
                           protocol ? static_cast<PortProtocol>(protocol->currentData().toInt()) : PortProtocol::Http});
    }
    tmpl.customFields.clear();
    for (int row = 0; row < m_customFields->rowCount(); ++row) {
        tmpl.customFields.append({cellText(m_customFields, row, 0), cellText(m_customFields, row, 1)});
    }
    tmpl.features.terminal = m_terminal->isChecked();
    tmpl.features.codeServer = m_codeServer->isChecked();
    tmpl.features.vscodeTunnel = m_vscodeTunnel->isChecked();
    tmpl.features.ssh = m_ssh->isChecked();
    tmpl.features.runCommand = m_runCommand->isChecked();
    tmpl.codeServerPort = m_codeServerPort->value();
    if (m_vnc->isChecked()) {
        tmpl.vnc = VncSettings {m_vncPort->value(),
                                static_cast<VncTransport>(m_vncTransport->currentData().toInt()),
                                m_vncPassword->text()};
    } else {
        tmpl.vnc.reset();
    }
    return tmpl;
}

bool TemplateEditorDialog::isModified() const
{
    return editedTemplate() != m_original;
}

bool TemplateEditorDialog::hasErrors() const
{
    return m_name->text().trimmed().isEmpty() || Knot::hasErrors(m_validation.job)
           || Knot::hasErrors(m_validation.volumes) || Knot::hasErrors(m_validation.fields);
}

void TemplateEditorDialog::accept()
{
    // Never save what the user has not seen validated.
    if (m_timer->isActive()) {
        m_timer->stop();
        validate();
    }
    if (hasErrors()) {
        m_message->showError(tr("Fix the marked problems before saving."));
        return;
    }
    QDialog::accept();
}

void TemplateEditorDialog::reject()
{
    if (!isModified()) {
        QDialog::reject();
        return;
    }
    MessageBox::question(this,
                         tr("Unsaved Changes"),
                         tr("The template “%1” has unsaved changes.").arg(m_name->text()),
                         QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                         QMessageBox::Save,
                         [this](MessageBox::Button answer) {
                             if (answer == QMessageBox::Save) {
                                 accept();
                             } else if (answer == QMessageBox::Discard) {
                                 QDialog::reject();
                             }
                         });
}

void TemplateEditorDialog::scheduleValidation()
{
    m_timer->start();
}

void TemplateEditorDialog::validate()
{
    const Template tmpl = editedTemplate();
    m_validation = m_validator ? m_validator(tmpl) : Validation {};

    const bool nameMissing = tmpl.name.isEmpty();
    m_nameError->setText(nameMissing ? tr("A template needs a name.") : QString());
    m_nameError->setVisible(nameMissing);
    QPalette errorPalette = m_nameError->palette();
    errorPalette.setColor(QPalette::WindowText, PaletteColors::error(palette()));
    m_nameError->setPalette(errorPalette);
    m_fieldErrors->setPalette(errorPalette);

    showDiagnostics(m_job, m_jobErrors, JobTab, tr("Container"), m_validation.job);
    showDiagnostics(m_volumes, m_volumeErrors, VolumesTab, tr("Volumes"), m_validation.volumes);
    QStringList fields;
    for (const Diagnostic& diagnostic : std::as_const(m_validation.fields)) {
        fields.append(diagnostic.toString());
    }
    m_fieldErrors->setText(fields.join(u'\n'));
    m_fieldErrors->setVisible(!fields.isEmpty());

    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!hasErrors());
    if (!hasErrors()) {
        m_message->hideMessage();
    }
    Q_EMIT validated();
}

void TemplateEditorDialog::showDiagnostics(
    YamlEditor* editor, QListWidget* list, int tab, const QString& title, const Diagnostics& diagnostics)
{
    editor->setDiagnostics(diagnostics);
    list->clear();
    const QColor error = PaletteColors::error(palette());
    const QColor warning = PaletteColors::warning(palette());
    for (const Diagnostic& diagnostic : diagnostics) {
        auto* item = new QListWidgetItem(diagnostic.toString(), list);
        item->setData(LineRole, diagnostic.line);
        item->setData(ColumnRole, diagnostic.column);
        item->setForeground(diagnostic.isError() ? error : warning);
    }
    list->setVisible(!diagnostics.isEmpty());
    int errors = 0;
    for (const Diagnostic& diagnostic : diagnostics) {
        errors += diagnostic.isError() ? 1 : 0;
    }
    m_tabs->setTabText(tab, errors == 0 ? title : tr("%1 (%2)").arg(title).arg(errors));
}

} // namespace Knot
