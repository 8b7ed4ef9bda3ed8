#include "ui/spacedialog.h"

#include "core/template/spacenamevalidator.h"
#include "ui/icons.h"
#include "ui/palettecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Knot {

namespace {
QLabel* errorLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, PaletteColors::error(parent->palette()));
    label->setPalette(palette);
    label->hide();
    return label;
}
} // namespace

SpaceDialog::SpaceDialog(const Options& options, QWidget* parent)
    : QDialog(parent)
    , m_options(options)
    , m_name(new QLineEdit(this))
    , m_nameError(errorLabel(this, QStringLiteral("nameError")))
    , m_description(new QLineEdit(this))
    , m_icon(new QLineEdit(this))
    , m_iconPreview(new QLabel(this))
    , m_nameRows(new QVBoxLayout)
    , m_addName(new QToolButton(this))
    , m_shell(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    const bool create = options.mode == Mode::Create;
    setObjectName(QStringLiteral("spaceDialog"));
    setWindowTitle(create ? tr("Create Space from %1").arg(options.tmpl.name)
                          : tr("Edit Space — %1").arg(options.space.name));

    // The space's own names are not taken when editing it.
    QStringList own;
    if (!create) {
        own.append(options.space.name.toLower());
        for (const AdditionalName& name : options.space.additionalNames) {
            own.append(name.name.toLower());
        }
    }
    for (const QString& name : options.takenNames) {
        if (!own.contains(name.toLower())) {
            m_taken.append(name.toLower());
        }
    }

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. api-server"));
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("Optional"));
    m_icon->setObjectName(QStringLiteral("iconEdit"));
    m_icon->setPlaceholderText(options.tmpl.icon.isEmpty() ? tr("The template's icon") : options.tmpl.icon);
    m_iconPreview->setObjectName(QStringLiteral("iconPreview"));
    auto* iconRow = new QHBoxLayout;
    iconRow->addWidget(m_iconPreview);
    iconRow->addWidget(m_icon, 1);

    m_addName->setObjectName(QStringLiteral("addNameButton"));
    m_addName->setText(QStringLiteral("+"));
    const bool hasHttpPorts = !httpPorts(options.tmpl).isEmpty();
    m_addName->setEnabled(hasHttpPorts);
    m_addName->setToolTip(hasHttpPorts ? tr("Add a name for one of the template's web ports")
                                       : tr("The template declares no HTTP ports to give a name to"));
    auto* namesBox = new QVBoxLayout;
    namesBox->addLayout(m_nameRows);
    namesBox->addWidget(m_addName, 0, Qt::AlignLeft);

    m_shell->setObjectName(QStringLiteral("shellCombo"));
    m_shell->addItems(SpaceNameValidator::shells());

    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Icon:"), iconRow);
    form->addRow(tr("Additional Space Names:"), namesBox);
    form->addRow(tr("Terminal Shell:"), m_shell);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (!options.tmpl.customFields.isEmpty()) {
        auto* fields = new QGroupBox(tr("Custom Fields"), this);
        fields->setObjectName(QStringLiteral("customFieldsGroup"));
        auto* fieldsForm = new QFormLayout(fields);
        for (const CustomField& field : options.tmpl.customFields) {
            auto* edit = new QLineEdit(fields);
            edit->setObjectName(QStringLiteral("customField_") + field.name);
            edit->setPlaceholderText(field.description);
            edit->setToolTip(field.description);
            fieldsForm->addRow(field.name + u':', edit);
            m_customFields.append({field.name, edit});
        }
        layout->addWidget(fields);
    }
    if (create && !options.tmpl.isManual()) {
        m_startOnCreate = new QCheckBox(tr("Start Space on Create"), this);
        m_startOnCreate->setObjectName(QStringLiteral("startOnCreateCheck"));
        m_startOnCreate->setChecked(true);
        layout->addWidget(m_startOnCreate);
    }
    layout->addStretch(1);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    QPushButton* ok = m_buttons->addButton(create ? tr("Create") : tr("Save"), QDialogButtonBox::AcceptRole);
    ok->setObjectName(QStringLiteral("okButton"));
    ok->setDefault(true);
    layout->addWidget(m_buttons);

    // Fill in what we know.
    const Space& space = options.space;
    if (create) {
        const QStringList shells = SpaceNameValidator::shells();
        m_shell->setCurrentText(shells.contains(options.defaultShell) ? options.defaultShell : shells.first());
    } else {
        m_name->setText(space.name);
        m_description->setText(space.description);
        m_icon->setText(space.icon);
        m_shell->setCurrentText(space.shell);
        for (const AdditionalName& name : space.additionalNames) {
            addNameRow(name);
        }
        for (const auto& [field, edit] : std::as_const(m_customFields)) {
            edit->setText(space.customFields.value(field));
        }
    }

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SpaceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SpaceDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SpaceDialog::validate);
    connect(m_icon, &QLineEdit::textChanged, this, &SpaceDialog::validate);
    connect(m_addName, &QToolButton::clicked, this, [this] {
        addNameRow({});
        m_rows.last().name->setFocus();
    });
    validate();
    // An empty name in a fresh dialog is not an error yet; the Create button is simply disabled.
    if (create) {
        m_nameError->hide();
    }
    resize(520, sizeHint().height());
}

QList<TemplatePort> SpaceDialog::httpPorts(const Template& tmpl)
{
    QList<TemplatePort> ports;
    for (const TemplatePort& port : tmpl.ports) {
        if (port.protocol == PortProtocol::Http || port.protocol == PortProtocol::Https) {
            ports.append(port);
        }
    }
    return ports;
}

void SpaceDialog::addNameRow(const AdditionalName& name)
{
    const int number = m_rowCounter++;
    auto* widget = new QWidget(this);
    auto* row = new QHBoxLayout;
    auto* edit = new QLineEdit(name.name, widget);
    edit->setObjectName(QStringLiteral("additionalName_%1").arg(number));
    edit->setPlaceholderText(tr("name"));
    auto* port = new QComboBox(widget);
    port->setObjectName(QStringLiteral("additionalPort_%1").arg(number));
    for (const TemplatePort& p : httpPorts(m_options.tmpl)) {
        port->addItem(QStringLiteral("%1 (%2)").arg(p.name).arg(p.port), p.port);
    }
    if (name.port > 0) {
        port->setCurrentIndex(port->findData(name.port));
    }
    auto* remove = new QToolButton(widget);
    remove->setObjectName(QStringLiteral("removeName_%1").arg(number));
    remove->setText(QStringLiteral("−"));
    remove->setToolTip(tr("Remove this name"));
    row->addWidget(edit, 1);
    row->addWidget(port);
    row->addWidget(remove);
    auto* column = new QVBoxLayout(widget);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(row);
    QLabel* error = errorLabel(widget, QStringLiteral("additionalNameError_%1").arg(number));
    column->addWidget(error);
    m_nameRows->addWidget(widget);
    m_rows.append({widget, edit, port, error});

    connect(edit, &QLineEdit::textChanged, this, &SpaceDialog::validate);
    connect(port, &QComboBox::currentIndexChanged, this, &SpaceDialog::validate);
    connect(remove, &QToolButton::clicked, this, [this, widget] { removeNameRow(widget); });
    validate();
}

void SpaceDialog::removeNameRow(QWidget* widget)
{
    m_rows.removeIf([widget](const NameRow& row) { return row.widget == widget; });
    widget->deleteLater();
    validate();
}

Space SpaceDialog::space() const
{
    Space space = m_options.mode == Mode::Edit ? m_options.space : Space {};
    if (m_options.mode == Mode::Create) {
        space.templateId = m_options.tmpl.id;
    }
    space.name = m_name->text().trimmed();
    space.description = m_description->text().trimmed();
    // Empty keeps following the template's icon, even when the template changes it later.
    space.icon = m_icon->text().trimmed();
    space.shell = m_shell->currentText();
    space.additionalNames.clear();
    for (const NameRow& row : m_rows) {
        space.additionalNames.append({row.name->text().trimmed(), row.port->currentData().toInt()});
    }
    space.customFields.clear();
    for (const auto& [field, edit] : m_customFields) {
        space.customFields.insert(field, edit->text());
    }
    return space;
}

bool SpaceDialog::startOnCreate() const
{
    return m_startOnCreate && m_startOnCreate->isChecked();
}

void SpaceDialog::accept()
{
    validate();
    if (hasErrors()) {
        m_nameError->setVisible(!m_nameError->text().isEmpty());
        return;
    }
    QDialog::accept();
}

QString SpaceDialog::checkName(const QString& name, QStringList& seen) const
{
    if (name.isEmpty()) {
        return tr("Enter a name.");
    }
    if (m_options.validator) {
        const QString error = m_options.validator(name);
        if (!error.isEmpty()) {
            return error;
        }
    }
    const QString lower = name.toLower();
    if (m_taken.contains(lower)) {
        return tr("“%1” is already used by another space.").arg(name);
    }
    if (seen.contains(lower)) {
        return tr("“%1” is used twice in this space.").arg(name);
    }
    seen.append(lower);
    return {};
}

void SpaceDialog::showError(QLabel* label, QLineEdit* edit, const QString& error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
    edit->setToolTip(error);
    m_errorCount += error.isEmpty() ? 0 : 1;
}

void SpaceDialog::validate()
{
    m_errorCount = 0;
    QStringList seen;
    showError(m_nameError, m_name, checkName(m_name->text().trimmed(), seen));
    for (const NameRow& row : std::as_const(m_rows)) {
        QString error = checkName(row.name->text().trimmed(), seen);
        if (error.isEmpty() && row.port->currentIndex() < 0) {
            error = tr("Choose the port this name leads to.");
        }
        showError(row.error, row.name, error);
    }
    const int size = m_name->fontMetrics().height();
    m_iconPreview->setPixmap(
        Icons::fromSetting(m_icon->text().trimmed(), Icons::fromSetting(m_options.tmpl.icon)).pixmap(size, size));
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(false);
    for (QAbstractButton* button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole) {
            button->setEnabled(m_errorCount == 0);
        }
    }
    Q_EMIT validated();
}

} // namespace Knot
