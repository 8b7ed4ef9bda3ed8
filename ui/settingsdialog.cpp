#include "ui/settingsdialog.h"

#include "core/store/settingsstore.h"
#include "core/template/spacenamevalidator.h"
#include "ui/appsettings.h"
#include "ui/messagewidget.h"
#include "ui/trayicon.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QUuid>
#include <QVBoxLayout>

namespace Knot {

namespace {

QString kindName(EngineRecord::Kind kind, const QString& unknown)
{
    switch (kind) {
    case EngineRecord::Kind::Docker:
        return QStringLiteral("Docker");
    case EngineRecord::Kind::Podman:
        return QStringLiteral("Podman");
    case EngineRecord::Kind::Unknown:
        break;
    }
    return unknown;
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings* settings,
                               SettingsStore* store,
                               const QList<EngineRecord>& engines,
                               ConnectionTester tester,
                               QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_store(store)
    , m_engines(engines)
    , m_tester(std::move(tester))
    , m_message(new MessageWidget(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_message->setObjectName(QStringLiteral("settingsMessage"));

    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    tabs->addTab(createEnginesTab(), tr("Engines"));
    tabs->addTab(createAppearanceTab(), tr("Appearance"));
    tabs->addTab(createSpacesTab(), tr("Spaces && Terminal"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(620, 480);
    refreshEngines();
}

QWidget* SettingsDialog::createEnginesTab()
{
    auto* tab = new QWidget(this);
    m_engineList = new QListWidget(tab);
    m_engineList->setObjectName(QStringLiteral("engineList"));
    m_engineList->setTextElideMode(Qt::ElideMiddle);
    m_engineList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_removeEngine = new QPushButton(tr("Remove"), tab);
    m_removeEngine->setObjectName(QStringLiteral("removeEngineButton"));
    m_defaultEngine = new QPushButton(tr("Set as Default"), tab);
    m_defaultEngine->setObjectName(QStringLiteral("defaultEngineButton"));
    m_testEngine = new QPushButton(tr("Test Connection"), tab);
    m_testEngine->setObjectName(QStringLiteral("testEngineButton"));
    m_testEngine->setEnabled(static_cast<bool>(m_tester));

    auto* side = new QVBoxLayout;
    side->addWidget(m_testEngine);
    side->addWidget(m_defaultEngine);
    side->addWidget(m_removeEngine);
    side->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(m_engineList, 1);
    top->addLayout(side);

    auto* add = new QGroupBox(tr("Add Engine"), tab);
    m_engineName = new QLineEdit(add);
    m_engineName->setObjectName(QStringLiteral("engineNameEdit"));
    m_engineName->setPlaceholderText(tr("e.g. Local Podman"));
    m_engineType = new QComboBox(add);
    m_engineType->setObjectName(QStringLiteral("engineTypeCombo"));
    m_engineType->addItem(tr("Unix socket"), static_cast<int>(EngineEndpoint::Transport::Unix));
    m_engineType->addItem(tr("TCP endpoint"), static_cast<int>(EngineEndpoint::Transport::Tcp));
    m_engineType->addItem(tr("SSH (remote socket)"), static_cast<int>(EngineEndpoint::Transport::Ssh));
    m_engineAddress = new QLineEdit(add);
    m_engineAddress->setObjectName(QStringLiteral("engineAddressEdit"));
    auto* addButton = new QPushButton(tr("Add"), add);
    addButton->setObjectName(QStringLiteral("addEngineButton"));
    auto updatePlaceholder = [this] {
        switch (static_cast<EngineEndpoint::Transport>(m_engineType->currentData().toInt())) {
        case EngineEndpoint::Transport::Unix:
            m_engineAddress->setPlaceholderText(QStringLiteral("/run/user/1000/podman/podman.sock"));
            m_engineAddress->setToolTip({});
            break;
        case EngineEndpoint::Transport::Tcp:
            m_engineAddress->setPlaceholderText(QStringLiteral("192.168.1.10:2375"));
            m_engineAddress->setToolTip({});
            break;
        case EngineEndpoint::Transport::Ssh:
            m_engineAddress->setPlaceholderText(QStringLiteral("dev@build-box/run/user/1000/podman/podman.sock"));
            m_engineAddress->setToolTip(
                tr("user@host[:port][/socket path]. Without a path: /var/run/docker.sock. Your ssh "
                   "configuration and agent log in; a key is needed (no password prompts)."));
            break;
        }
    };
    updatePlaceholder();
    auto* form = new QFormLayout(add);
    form->addRow(tr("Name:"), m_engineName);
    form->addRow(tr("Connection:"), m_engineType);
    form->addRow(tr("Address:"), m_engineAddress);
    form->addRow(QString(), addButton);

    auto* layout = new QVBoxLayout(tab);
    layout->addLayout(top, 1);
    layout->addWidget(add);

    connect(m_engineType, &QComboBox::currentIndexChanged, this, updatePlaceholder);
    connect(addButton, &QPushButton::clicked, this, &SettingsDialog::addEngine);
    connect(m_removeEngine, &QPushButton::clicked, this, &SettingsDialog::removeEngine);
    connect(m_defaultEngine, &QPushButton::clicked, this, &SettingsDialog::setDefaultEngine);
    connect(m_testEngine, &QPushButton::clicked, this, &SettingsDialog::testEngine);
    connect(m_engineList, &QListWidget::currentRowChanged, this, &SettingsDialog::updateEngineButtons);
    return tab;
}

QWidget* SettingsDialog::createAppearanceTab()
{
    auto* tab = new QWidget(this);
    m_style = new QComboBox(tab);
    m_style->setObjectName(QStringLiteral("styleCombo"));
    m_style->addItem(tr("System"), static_cast<int>(AppSettings::Style::System));
    m_style->addItem(tr("Fusion"), static_cast<int>(AppSettings::Style::Fusion));
    m_style->setCurrentIndex(m_style->findData(static_cast<int>(m_settings->style())));
    m_theme = new QComboBox(tab);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("System"), static_cast<int>(AppSettings::Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(AppSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(AppSettings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(m_settings->theme())));
    m_closeToTray = new QCheckBox(tr("Keep running in the system tray when the window is closed"), tab);
    m_closeToTray->setObjectName(QStringLiteral("closeToTrayCheck"));
    m_closeToTray->setChecked(m_settings->closeToTray());
    if (!TrayIcon::isAvailable()) {
        m_closeToTray->setToolTip(tr("This desktop has no system tray; closing the window quits."));
    }

    auto* form = new QFormLayout(tab);
    form->addRow(tr("Style:"), m_style);
    form->addRow(tr("Theme:"), m_theme);
    form->addRow(QString(), m_closeToTray);
    return tab;
}

QWidget* SettingsDialog::createSpacesTab()
{
    auto* tab = new QWidget(this);
    m_shell = new QComboBox(tab);
    m_shell->setObjectName(QStringLiteral("defaultShellCombo"));
    const QStringList shells = SpaceNameValidator::shells();
    m_shell->addItems(shells);
    const QString shell = m_store ? m_store->defaultShell().valueOr(shells.first()) : shells.first();
    m_shell->setCurrentIndex(std::max(0, static_cast<int>(shells.indexOf(shell))));
    m_scrollback = new QSpinBox(tab);
    m_scrollback->setObjectName(QStringLiteral("scrollbackSpin"));
    m_scrollback->setRange(100, 1000000);
    m_scrollback->setSingleStep(1000);
    m_scrollback->setSuffix(tr(" lines"));
    m_scrollback->setValue(m_store ? m_store->scrollbackLines().valueOr(10000) : 10000);
    m_shell->setEnabled(m_store);
    m_scrollback->setEnabled(m_store);

    auto* form = new QFormLayout(tab);
    form->addRow(tr("Default terminal shell:"), m_shell);
    form->addRow(tr("Terminal scrollback:"), m_scrollback);
    return tab;
}

Result<QString> SettingsDialog::endpointFor(EngineEndpoint::Transport transport, const QString& address)
{
    const QString trimmed = address.trimmed();
    if (trimmed.isEmpty()) {
        return Error::invalid(tr("Enter the engine's address."));
    }
    if (transport == EngineEndpoint::Transport::Ssh) {
        const auto endpoint =
            EngineEndpoint::parse(trimmed.startsWith(QStringLiteral("ssh://")) ? trimmed : u"ssh://" + trimmed);
        if (!endpoint) {
            return Error::invalid(
                tr("Enter the SSH address as user@host[:port][/socket path], e.g. dev@build-box/var/run/docker.sock."));
        }
        return endpoint->toString();
    }
    if (transport == EngineEndpoint::Transport::Unix) {
        const QString path = trimmed.startsWith(QStringLiteral("unix://")) ? trimmed.mid(7) : trimmed;
        if (!QDir::isAbsolutePath(path)) {
            return Error::invalid(tr("The socket path must be absolute, e.g. /run/user/1000/podman/podman.sock."));
        }
        return QString(QStringLiteral("unix://") + QDir::cleanPath(path));
    }
    const QString hostPort = trimmed.startsWith(QStringLiteral("tcp://")) ? trimmed.mid(6) : trimmed;
    const QUrl url(QStringLiteral("tcp://") + hostPort);
    if (!url.isValid() || url.host().isEmpty() || url.port() < 1 || !url.path().isEmpty()) {
        return Error::invalid(tr("Enter the TCP endpoint as host:port, e.g. 192.168.1.10:2375."));
    }
    return QStringLiteral("tcp://%1:%2").arg(url.host()).arg(url.port());
}

QString SettingsDialog::describe(const EngineVersion& version)
{
    const QString kind = kindName(version.kind, tr("Unknown engine"));
    QString text = tr("%1 %2, API %3").arg(kind, version.productVersion, version.apiVersion);
    if (!version.os.isEmpty()) {
        text += QStringLiteral(" (%1/%2)").arg(version.os, version.arch);
    }
    return text;
}

void SettingsDialog::accept()
{
    if (m_store) {
        // The database may refuse (read-only, locked): say so and keep the dialog open.
        VoidResult saved = m_store->setDefaultShell(m_shell->currentText());
        if (saved) {
            saved = m_store->setScrollbackLines(m_scrollback->value());
        }
        if (!saved) {
            m_message->showError(tr("Could not save the settings: %1").arg(saved.error().toString()));
            return;
        }
    }
    const auto style = static_cast<AppSettings::Style>(m_style->currentData().toInt());
    const auto theme = static_cast<AppSettings::Theme>(m_theme->currentData().toInt());
    const bool appearance = style != m_settings->style() || theme != m_settings->theme();
    m_settings->setStyle(style);
    m_settings->setTheme(theme);
    m_settings->setCloseToTray(m_closeToTray->isChecked());
    if (appearance) {
        Q_EMIT appearanceChanged();
    }
    if (m_enginesChanged) {
        Q_EMIT enginesChanged(m_engines);
    }
    QDialog::accept();
}

void SettingsDialog::refreshEngines()
{
    const int current = m_engineList->currentRow();
    m_engineList->clear();
    for (const EngineRecord& engine : m_engines) {
        const QString kind = kindName(engine.kind, tr("kind not known yet"));
        const QString text = tr("%1 — %2 — %3").arg(engine.name, engine.endpoint, kind);
        auto* item = new QListWidgetItem(engine.isDefault ? tr("%1 (default)").arg(text) : text, m_engineList);
        QFont font = item->font();
        font.setBold(engine.isDefault);
        item->setFont(font);
    }
    m_engineList->setCurrentRow(std::min(std::max(current, 0), static_cast<int>(m_engines.size()) - 1));
    updateEngineButtons();
}

void SettingsDialog::updateEngineButtons()
{
    const int row = m_engineList->currentRow();
    m_removeEngine->setEnabled(row >= 0 && !isTesting());
    m_defaultEngine->setEnabled(row >= 0 && !m_engines[row].isDefault);
    // While a test runs the button cancels it.
    m_testEngine->setText(isTesting() ? tr("Cancel Test") : tr("Test Connection"));
    m_testEngine->setEnabled(isTesting() || (row >= 0 && m_tester));
}

void SettingsDialog::addEngine()
{
    const auto endpoint = endpointFor(static_cast<EngineEndpoint::Transport>(m_engineType->currentData().toInt()),
                                      m_engineAddress->text());
    if (!endpoint) {
        m_message->showError(endpoint.error().message);
        m_engineAddress->setFocus();
        return;
    }
    for (const EngineRecord& engine : m_engines) {
        if (engine.endpoint == *endpoint) {
            m_message->showError(tr("“%1” is already in the list as %2.").arg(*endpoint, engine.name));
            return;
        }
    }
    EngineRecord engine;
    engine.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    engine.name = m_engineName->text().trimmed().isEmpty() ? *endpoint : m_engineName->text().trimmed();
    engine.endpoint = *endpoint;
    engine.isDefault = m_engines.isEmpty();
    m_engines.append(engine);
    m_enginesChanged = true;
    m_engineName->clear();
    m_engineAddress->clear();
    m_message->hideMessage();
    refreshEngines();
    m_engineList->setCurrentRow(m_engines.size() - 1);
}

void SettingsDialog::removeEngine()
{
    const int row = selectedEngine();
    if (row < 0) {
        return;
    }
    const bool wasDefault = m_engines[row].isDefault;
    m_engines.removeAt(row);
    if (wasDefault && !m_engines.isEmpty()) {
        m_engines.first().isDefault = true;
    }
    m_enginesChanged = true;
    refreshEngines();
}

void SettingsDialog::setDefaultEngine()
{
    const int row = selectedEngine();
    if (row < 0) {
        return;
    }
    for (int i = 0; i < m_engines.size(); ++i) {
        m_engines[i].isDefault = i == row;
    }
    m_enginesChanged = true;
    refreshEngines();
}

void SettingsDialog::testEngine()
{
    if (isTesting()) {
        cancelTest();
        return;
    }
    const int row = selectedEngine();
    if (row < 0 || !m_tester) {
        return;
    }
    const EngineRecord engine = m_engines[row];
    const int test = m_testing = ++m_tests;
    updateEngineButtons();
    m_message->showMessage(tr("Connecting to %1…").arg(engine.endpoint), MessageWidget::Type::Info);
    QPointer<SettingsDialog> self(this);
    m_tester(engine, [self, test, id = engine.id](const Result<EngineVersion>& result) {
        if (SettingsDialog* dialog = self.data(); dialog && dialog->m_testing == test) {
            dialog->showTestResult(id, result);
        }
    });
}

void SettingsDialog::cancelTest()
{
    m_testing = -1;
    m_message->showInfo(tr("Connection test cancelled."));
    updateEngineButtons();
}

void SettingsDialog::showTestResult(const QString& engineId, const Result<EngineVersion>& result)
{
    m_testing = -1;
    const auto it =
        std::find_if(m_engines.begin(), m_engines.end(), [&](const EngineRecord& e) { return e.id == engineId; });
    const QString name = it != m_engines.end() ? it->name : engineId;
    if (result) {
        m_message->showInfo(tr("%1 answers: %2").arg(name, describe(*result)));
        // Now the kind is known: remember it with the engine.
        if (it != m_engines.end() && it->kind != result->kind && result->kind != EngineRecord::Kind::Unknown) {
            it->kind = result->kind;
            m_enginesChanged = true;
            refreshEngines();
        }
    } else {
        m_message->showError(tr("%1 does not answer: %2").arg(name, result.error().toString()));
    }
    updateEngineButtons();
}

int SettingsDialog::selectedEngine() const
{
    return m_engineList->currentRow();
}

} // namespace Knot
