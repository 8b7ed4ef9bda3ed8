#include "desktopcontroller.h"

#include "app/desktop/enginestatusmonitor.h"
#include "core/engine/dockerclient.h"
#include "core/forward/portforwarder.h"
#include "core/logging.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/reconciler.h"
#include "core/space/runningspace.h"
#include "core/space/serviceprobe.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "core/template/spacenamevalidator.h"
#include "core/template/templatedocument.h"
#include "core/template/templatehash.h"
#include "core/template/templateresolver.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/messagewidget.h"
#include "ui/orphansdialog.h"
#include "ui/portsmenu.h"
#include "ui/settingsdialog.h"
#include "ui/spacedialog.h"
#include "ui/spaceitemdelegate.h"
#include "ui/spacelistmodel.h"
#include "ui/spaceports.h"
#include "ui/spacespage.h"
#include "ui/templateeditordialog.h"
#include "ui/templatelistmodel.h"
#include "ui/templatespage.h"
#include "ui/terminal/spaceterminals.h"
#include "ui/trayicon.h"
#include "ui/vnc/spacevnc.h"

#include <QCursor>
#include <QFileInfo>

namespace Knot {

namespace {

// The core's template diagnostics, split the way the editor shows them: job and volumes lines in
// their editors (field without the document prefix), everything else in the field list.
TemplateEditorDialog::Validation validateForEditor(const Template& tmpl)
{
    TemplateEditorDialog::Validation validation;
    // Moves `d` into `target` when it belongs to `document`, without the document prefix.
    const auto take = [](Diagnostic& d, const QString& document, Diagnostics& target) {
        if (d.field != document && !d.field.startsWith(document + u'.')) {
            return false;
        }
        d.field = d.field.mid(document.size() + 1);
        target.append(d);
        return true;
    };
    for (Diagnostic d : TemplateResolver::validate(tmpl)) {
        if (!take(d, QStringLiteral("job"), validation.job)
            && !take(d, QStringLiteral("volumes"), validation.volumes)) {
            validation.fields.append(d);
        }
    }
    return validation;
}

} // namespace

DesktopController::DesktopController(Database& db,
                                     EngineManager& engines,
                                     SpaceService& spaces,
                                     Reconciler& reconciler,
                                     AppSettings& settings,
                                     QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_engines(engines)
    , m_spaces(spaces)
    , m_reconciler(reconciler)
    , m_settings(settings)
    , m_spaceModel(std::make_unique<SpaceListModel>())
    , m_templateModel(std::make_unique<TemplateListModel>())
    , m_window(std::make_unique<MainWindow>(&settings, m_spaceModel.get(), m_templateModel.get()))
    , m_terminals(std::make_unique<SpaceTerminals>(spaces, engines, settings.qsettings()))
    , m_vnc(std::make_unique<SpaceVnc>(db, spaces, engines))
    , m_forwarder(std::make_unique<PortForwarder>())
    , m_probe(std::make_unique<ServiceProbe>(spaces,
                                             engines,
                                             [this](EngineClient* client, const QString& containerId) {
                                                 return m_forwarder->listListeningPorts(client, containerId);
                                             }))
    , m_ports(std::make_unique<SpacePorts>(db, spaces, engines))
    , m_store(db)
    , m_status(std::make_unique<EngineStatusMonitor>(
          db, engines, reconciler, SpaceLabels::instanceFilter(spaces.instanceId())))
{
    connect(m_status.get(), &EngineStatusMonitor::changed, m_window.get(), &MainWindow::setEngineStatus);
    m_appearance.apply(m_settings.style(), m_settings.theme());
    // Older versions kept the default shell and scrollback in QSettings.
    if (const auto migrated = m_settings.migrateTo(m_store); !migrated) {
        qCWarning(lcStore) << "Settings not migrated:" << migrated.error().toString();
    }
    m_terminals->setSettingsStore(&m_store);
    m_spaceModel->setProbingServices(true);
    connect(m_probe.get(), &ServiceProbe::statusChanged, m_spaceModel.get(), &SpaceListModel::setServiceStatus);
    // Unpublished ports, the ports found listening, and whatever a remote engine runs are reached
    // through the exec relay.
    const SpaceForwarder forward = [this](const RunningSpace& space, int containerPort) {
        const Result<quint16> local =
            m_forwarder->forward(space.engine, space.container.id, containerPort, space.space.name);
        return QtFuture::makeReadyFuture(local ? Result<int>(int(*local)) : Result<int>(local.error()));
    };
    m_ports->setForwarder(forward);
    m_vnc->setForwarder(forward);
    // A connection through a forward failed: the VNC window using it says why; otherwise it was a port opened in
    // the browser, which only shows a closed connection, and the Spaces page says why.
    connect(m_forwarder.get(),
            &PortForwarder::connectionFailed,
            this,
            [this](const QString& containerId, int containerPort, const QString& message) {
                if (!m_vnc->showForwardFailure(containerId, containerPort, message)) {
                    m_window->spacesPage()->messageWidget()->showWarning(message);
                }
            });
    m_ports->setListeningPorts([this](const RunningSpace& space) {
        return m_forwarder->listListeningPorts(space.engine, space.container.id)
            .then(this, [](const Result<QList<ListeningPort>>& listening) -> Result<QList<int>> {
                if (!listening) {
                    return listening.error();
                }
                return ListeningPort::numbers(*listening);
            });
    });
    connectTemplatesPage();
    connectSpacesPage();
    connectServices();
    connectService();
    connect(m_window.get(), &MainWindow::orphansRequested, this, &DesktopController::showOrphans);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &DesktopController::showSettings);
    connect(m_window->spacesPage()->messageWidget(), &MessageWidget::linkActivated, this, [this](const QString& link) {
        if (link == u"orphans") {
            showOrphans();
        }
    });
    connect(&m_reconciler, &Reconciler::orphansFound, this, [this](const QList<Orphan>& found) {
        setOrphans(found.first().engine, found);
    });
}

DesktopController::~DesktopController() = default;

void DesktopController::start()
{
    reloadTemplates();
    reloadSpaces();
    m_window->show();
    // Starts the search (or the embedded engine) now, not at the first start.
    m_status->start();
    m_reconciler.watchAllEngines();
    m_reconciler.reconcileAll().then(this, [this](const Result<QList<Orphan>>& result) {
        if (!result) {
            m_window->spacesPage()->messageWidget()->showError(result.error().toString());
            return;
        }
        setOrphans(nullptr, *result);
    });
}

void DesktopController::setOrphans(EngineClient* client, const QList<Orphan>& found)
{
    QSet<QString> before;
    for (const auto& orphan : std::as_const(m_orphans)) {
        before.insert(orphan.id);
    }
    if (client) {
        m_orphans.removeIf([client](const Orphan& orphan) { return orphan.engine == client; });
        m_orphans += found;
    } else {
        m_orphans = found;
    }
    if (m_orphansDialog) {
        m_orphansDialog->setOrphans(m_orphans);
    }
    // Tell the user once about new finds, without interrupting them: a notice with a link.
    const bool anyNew =
        std::any_of(m_orphans.cbegin(), m_orphans.cend(), [&](const Orphan& o) { return !before.contains(o.id); });
    if (anyNew && !(m_orphansDialog && m_orphansDialog->isVisible())) {
        m_window->spacesPage()->messageWidget()->showWarning(
            tr("%n container(s) or volume(s) labelled by Knot Desktop belong to no space.",
               nullptr,
               int(m_orphans.size()))
            + QStringLiteral(" <a href=\"orphans\">%1</a>").arg(tr("Review…")));
    }
}

OrphansDialog* DesktopController::showOrphans()
{
    if (!m_orphansDialog) {
        m_orphansDialog =
            new OrphansDialog([this](const Orphan& orphan) { return adoptProblem(orphan); }, m_window.get());
        m_orphansDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_orphansDialog, &OrphansDialog::removeRequested, this, &DesktopController::removeOrphan);
        connect(m_orphansDialog, &OrphansDialog::adoptRequested, this, &DesktopController::adoptOrphan);
        m_orphansDialog->setOrphans(m_orphans);
    }
    m_orphansDialog->show();
    m_orphansDialog->raise();
    if (m_window->spacesPage()->messageWidget()->text().contains(u"href=\"orphans\"")) {
        m_window->spacesPage()->messageWidget()->hideMessage();
    }
    return m_orphansDialog;
}

std::optional<Template> DesktopController::templateWithHash(const QString& hash) const
{
    for (const auto& tmpl : TemplateStore(m_db).list().valueOr({})) {
        if (TemplateHash::compute(tmpl) == hash) {
            return tmpl;
        }
    }
    return std::nullopt;
}

QString DesktopController::adoptProblem(const Orphan& orphan) const
{
    if (orphan.kind != Orphan::Kind::Container) {
        return tr("only containers can be adopted.");
    }
    if (orphan.spaceId.isEmpty()) {
        return tr("the container has no space id label.");
    }
    const QString hash = orphan.labels.value(SpaceLabels::TemplateHash);
    if (hash.isEmpty()) {
        return tr("the container does not say which template it was started from.");
    }
    if (!templateWithHash(hash)) {
        return tr("no template matches the one it was started from (it was changed, deleted or never imported "
                  "here).");
    }
    return {};
}

void DesktopController::removeOrphan(Orphan orphan)
{
    m_reconciler.removeOrphan(orphan).then(this, [this, orphan](const VoidResult& removed) {
        if (!removed) {
            if (m_orphansDialog) {
                m_orphansDialog->messageWidget()->showError(
                    tr("Could not remove %1: %2").arg(orphan.name, removed.error().toString()));
            }
            return;
        }
        QList<Orphan> rest = m_orphans;
        rest.removeIf([&](const Orphan& o) { return o.engine == orphan.engine && o.id == orphan.id; });
        setOrphans(nullptr, rest);
    });
}

void DesktopController::adoptOrphan(Orphan orphan)
{
    const auto fail = [this](const QString& text) {
        if (m_orphansDialog) {
            m_orphansDialog->messageWidget()->showError(text);
        }
    };
    if (const QString problem = adoptProblem(orphan); !problem.isEmpty()) {
        return fail(tr("Cannot adopt %1: %2").arg(orphan.name, problem));
    }
    const QString hash = orphan.labels.value(SpaceLabels::TemplateHash);
    const Template tmpl = *templateWithHash(hash);

    Space space;
    space.id = orphan.spaceId;
    space.templateId = tmpl.id;
    space.shell = m_store.defaultShell().valueOr(QStringLiteral("bash"));
    space.state = SpaceState::Stopped;
    space.startedHash = hash;
    space.everStarted = true;
    // The engine the container is on: the default, or the registered engine the client serves.
    if (!m_engines.serves(orphan.engine, {})) {
        for (const auto& engine : EngineStore(m_db).list().valueOr({})) {
            if (m_engines.serves(orphan.engine, engine.id)) {
                space.engineId = engine.id;
            }
        }
    }
    // Its volumes come along, so deleting the space later removes them too.
    for (const auto& other : std::as_const(m_orphans)) {
        if (other.kind == Orphan::Kind::Volume && other.spaceId == orphan.spaceId && other.engine == orphan.engine) {
            space.volumeRecords.append({VolumeRecord::Kind::Volume, other.name});
        }
    }
    // The container's name (spaces are created as knot-<name>), made valid and unique.
    QString base = orphan.name.startsWith(u"knot-") ? orphan.name.mid(5) : orphan.name;
    if (!SpaceNameValidator::checkFormat(base)) {
        base = QStringLiteral("adopted-") + orphan.spaceId.left(8);
    }
    const QStringList taken = takenNames({});
    space.name = base;
    for (int n = 2; taken.contains(space.name, Qt::CaseInsensitive); ++n) {
        space.name = base + u'-' + QString::number(n);
    }
    const auto inserted = SpaceStore(m_db).insert(space);
    if (!inserted) {
        return fail(tr("Cannot adopt %1: %2").arg(orphan.name, inserted.error().toString()));
    }
    reloadSpaces();
    reloadTemplates();
    QList<Orphan> rest = m_orphans;
    rest.removeIf([&](const Orphan& o) { return o.engine == orphan.engine && o.spaceId == orphan.spaceId; });
    setOrphans(nullptr, rest);
    if (m_orphansDialog) {
        m_orphansDialog->messageWidget()->showInfo(
            tr("Adopted as space “%1” from template “%2”.").arg(inserted->name, tmpl.name));
    }
    // A running container makes the new space Running.
    (void)m_reconciler.reconcile(orphan.engine);
}

SettingsDialog* DesktopController::showSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        return m_settingsDialog;
    }
    const auto engines = EngineStore(m_db).list();
    if (!engines) {
        m_window->spacesPage()->messageWidget()->showError(engines.error().toString());
    }
    m_settingsDialog = new SettingsDialog(
        &m_settings,
        &m_store,
        engines.valueOr({}),
        [this](const EngineRecord& engine, auto done) { testConnection(engine, std::move(done)); },
        m_window.get());
    m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_settingsDialog, &SettingsDialog::appearanceChanged, this, [this] {
        m_appearance.apply(m_settings.style(), m_settings.theme());
    });
    connect(m_settingsDialog, &SettingsDialog::enginesChanged, this, &DesktopController::applyEngines);
    m_settingsDialog->open();
    return m_settingsDialog;
}

void DesktopController::testConnection(const EngineRecord& engine,
                                       std::function<void(const Result<EngineVersion>&)> done)
{
    const auto endpoint = EngineEndpoint::parse(engine.endpoint);
    if (!endpoint) {
        return done(endpoint.error());
    }
    // A client of its own: a test must not leave a cached client for an endpoint never used.
    auto* client = new DockerClient(*endpoint, this);
    client->version().then(this, [client, done = std::move(done)](const Result<EngineVersion>& version) {
        client->deleteLater();
        done(version);
    });
}

void DesktopController::applyEngines(const QList<EngineRecord>& engines)
{
    EngineStore store(m_db);
    const auto stored = store.list();
    QStringList problems;
    const auto note = [&problems](const VoidResult& result) {
        if (!result) {
            problems.append(result.error().toString());
        }
    };
    for (const auto& old : stored.valueOr({})) {
        const bool kept =
            std::any_of(engines.cbegin(), engines.cend(), [&](const EngineRecord& e) { return e.id == old.id; });
        if (!kept) {
            note(store.remove(old.id)); // refused while spaces run on it
        }
    }
    for (const auto& engine : engines) {
        if (!store.get(engine.id)) {
            const auto added = store.add(engine);
            note(added ? VoidResult() : VoidResult(added.error()));
        } else {
            note(store.update(engine));
        }
        if (engine.isDefault) {
            note(store.setDefault(engine.id));
        }
    }
    if (!problems.isEmpty()) {
        m_window->spacesPage()->messageWidget()->showError(
            tr("Some engine changes were not saved: %1").arg(problems.join(QStringLiteral("; "))));
    }
    // The default engine may be another one now.
    m_status->start();
}

void DesktopController::reloadTemplates()
{
    TemplateStore store(m_db);
    const auto templates = store.list();
    const auto counts = store.spaceCounts();
    if (!templates || !counts) {
        m_window->templatesPage()->messageWidget()->showError(
            (templates ? counts.error() : templates.error()).toString());
        return;
    }
    m_templateModel->setTemplates(*templates, *counts);
    QHash<QString, QString> hashes;
    for (const auto& tmpl : *templates) {
        hashes.insert(tmpl.id, TemplateHash::compute(tmpl));
    }
    m_spaceModel->setTemplates(*templates, hashes);
    for (const Space& space : m_spaceModel->spaces()) {
        followServices(space); // a template may have turned the VS Code tunnel on or off
    }
}

void DesktopController::followServices(const Space& space)
{
    if (space.state != SpaceState::Running) {
        if (m_probe->isWatching(space.id)) {
            m_probe->unwatch(space.id);
            m_spaceModel->setServiceStatus(space.id, {});
        }
        return;
    }
    const int row = m_spaceModel->rowOf(space.id);
    const bool tunnel = ServiceIcons(m_spaceModel->index(row).data(SpaceListModel::ServicesRole).toInt())
                            .testFlag(ServiceIcon::VscodeTunnel);
    if (!m_probe->isWatching(space.id) || m_probe->asksTunnel(space.id) != tunnel) {
        m_probe->watch(space.id, tunnel);
    }
}

void DesktopController::reloadSpaces()
{
    const auto spaces = m_spaces.list();
    if (!spaces) {
        m_window->spacesPage()->messageWidget()->showError(spaces.error().toString());
        return;
    }
    m_spaceModel->setSpaces(*spaces);
    for (const Space& space : *spaces) {
        followServices(space);
    }
}

void DesktopController::connectTemplatesPage()
{
    auto* page = m_window->templatesPage();
    connect(page, &TemplatesPage::importRequested, this, &DesktopController::importTemplates);
    connect(page, &TemplatesPage::exportRequested, this, &DesktopController::exportTemplate);
    connect(page, &TemplatesPage::duplicateRequested, this, &DesktopController::duplicateTemplate);
    connect(page, &TemplatesPage::deleteRequested, this, &DesktopController::deleteTemplate);
    connect(page, &TemplatesPage::createSpaceRequested, this, &DesktopController::createSpace);
    connect(page, &TemplatesPage::newTemplateRequested, this, [this] {
        Template tmpl;
        tmpl.job = QStringLiteral("image: docker.io/library/debian:bookworm\ncommand: [sleep, infinity]\n");
        editTemplate(tmpl);
    });
    connect(page, &TemplatesPage::editRequested, this, [this](const QString& id) {
        const auto tmpl = TemplateStore(m_db).get(id);
        if (!tmpl) {
            m_window->templatesPage()->messageWidget()->showError(tmpl.error().toString());
            return;
        }
        editTemplate(*tmpl);
    });
}

void DesktopController::editTemplate(const Template& tmpl)
{
    auto* dialog = new TemplateEditorDialog(tmpl, validateForEditor, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { saveTemplate(dialog->editedTemplate()); });
    dialog->open();
}

void DesktopController::saveTemplate(Template tmpl)
{
    TemplateStore store(m_db);
    const auto saved = tmpl.id.isEmpty() ? store.insert(std::move(tmpl)) : store.update(std::move(tmpl));
    if (!saved) {
        m_window->templatesPage()->messageWidget()->showError(saved.error().toString());
        return;
    }
    reloadTemplates();
    // Running spaces of this template may now show Update Available.
    reloadSpaces();
}

QStringList DesktopController::takenNames(const QString& exceptSpaceId) const
{
    QStringList names;
    for (const auto& space : m_spaces.list().valueOr({})) {
        if (space.id == exceptSpaceId) {
            continue;
        }
        names.append(space.name);
        for (const auto& extra : space.additionalNames) {
            names.append(extra.name);
        }
    }
    return names;
}

void DesktopController::createSpace(const QString& templateId)
{
    const auto tmpl = TemplateStore(m_db).get(templateId);
    if (!tmpl) {
        m_window->templatesPage()->messageWidget()->showError(tmpl.error().toString());
        return;
    }
    SpaceDialog::Options options;
    options.mode = SpaceDialog::Mode::Create;
    options.tmpl = *tmpl;
    options.takenNames = takenNames({});
    options.defaultShell = m_store.defaultShell().valueOr(QStringLiteral("bash"));
    options.validator = [](const QString& name) {
        const auto checked = SpaceNameValidator::checkFormat(name);
        return checked ? QString() : checked.error().message;
    };
    auto* dialog = new SpaceDialog(options, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_window->showPage(MainWindow::Page::Spaces);
        watch(m_spaces.create(dialog->space(), dialog->startOnCreate()), tr("create"));
    });
    dialog->open();
}

void DesktopController::editSpace(const QString& spaceId)
{
    const auto space = m_spaces.get(spaceId);
    const auto tmpl = space ? TemplateStore(m_db).get(space->templateId) : Result<Template>(space.error());
    if (!tmpl) {
        m_window->spacesPage()->messageWidget()->showError(tmpl.error().toString());
        return;
    }
    SpaceDialog::Options options;
    options.mode = SpaceDialog::Mode::Edit;
    options.tmpl = *tmpl;
    options.space = *space;
    options.takenNames = takenNames(spaceId);
    options.defaultShell = space->shell;
    options.validator = [](const QString& name) {
        const auto checked = SpaceNameValidator::checkFormat(name);
        return checked ? QString() : checked.error().message;
    };
    auto* dialog = new SpaceDialog(options, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { watch(m_spaces.edit(dialog->space()), tr("save")); });
    dialog->open();
}

void DesktopController::connectSpacesPage()
{
    auto* page = m_window->spacesPage();
    connect(
        page, &SpacesPage::startRequested, this, [this](const QString& id) { watch(m_spaces.start(id), tr("start")); });
    connect(
        page, &SpacesPage::stopRequested, this, [this](const QString& id) { watch(m_spaces.stop(id), tr("stop")); });
    connect(page, &SpacesPage::restartRequested, this, [this](const QString& id) {
        watch(m_spaces.restart(id), tr("restart"));
    });
    connect(page, &SpacesPage::deleteRequested, this, [this](const QString& id) {
        m_spaces.remove(id).then(this, [this](const VoidResult& result) {
            if (!result) {
                m_window->spacesPage()->messageWidget()->showError(
                    tr("Could not delete the space: %1").arg(result.error().toString()));
            }
        });
    });
    connect(page, &SpacesPage::editRequested, this, &DesktopController::editSpace);
    connect(page, &SpacesPage::newSpaceRequested, this, [this] {
        // A space starts from a template: pick one on the Templates page.
        m_window->showPage(MainWindow::Page::Templates);
        m_window->templatesPage()->messageWidget()->showInfo(tr("Choose a template and select Create Space."));
    });
    auto* tray = m_window->trayIcon();
    connect(tray, &TrayIcon::startRequested, page, &SpacesPage::startRequested);
    connect(tray, &TrayIcon::stopRequested, page, &SpacesPage::stopRequested);
    connect(tray, &TrayIcon::restartRequested, page, &SpacesPage::restartRequested);
}

// The service icons of the Spaces page and the tray's service entries.
void DesktopController::connectServices()
{
    auto* page = m_window->spacesPage();
    for (const ServiceIcon service : {ServiceIcon::WebTerminal,
                                      ServiceIcon::VscodeTunnel,
                                      ServiceIcon::Vnc,
                                      ServiceIcon::CodeServer,
                                      ServiceIcon::Ports}) {
        page->delegate()->setServiceAvailable(service, true);
    }
    connect(page, &SpacesPage::serviceRequested, this, [this](const QString& id, ServiceIcon service) {
        switch (service) {
        case ServiceIcon::WebTerminal:
            m_terminals->open(id, SpaceTerminals::Kind::Shell);
            break;
        case ServiceIcon::VscodeTunnel:
            m_terminals->open(id, SpaceTerminals::Kind::TunnelLogin);
            // The user is about to log in: look again soon rather than at the backed-off interval.
            if (m_probe->isWatching(id)) {
                m_probe->watch(id, true);
            }
            break;
        case ServiceIcon::Vnc:
            m_vnc->open(id);
            break;
        case ServiceIcon::CodeServer:
            m_ports->openCodeServer(id);
            break;
        case ServiceIcon::Ports:
            showPortsMenu(id);
            break;
        }
    });
    connect(m_terminals.get(), &SpaceTerminals::failed, page->messageWidget(), &MessageWidget::showError);
    connect(m_vnc.get(), &SpaceVnc::failed, page->messageWidget(), &MessageWidget::showError);
    connect(m_ports.get(), &SpacePorts::failed, page->messageWidget(), &MessageWidget::showError);
    connect(m_ports.get(), &SpacePorts::copied, page->messageWidget(), [page](const QString& address) {
        page->messageWidget()->showInfo(tr("Copied %1").arg(address));
    });
    auto* tray = m_window->trayIcon();
    connect(tray, &TrayIcon::openTerminalRequested, this, [this](const QString& id) {
        m_terminals->open(id, SpaceTerminals::Kind::Shell);
    });
    connect(tray, &TrayIcon::openDesktopRequested, m_vnc.get(), &SpaceVnc::open);
    connect(tray, &TrayIcon::portsMenuAboutToShow, this, &DesktopController::fillPortsMenu);
    connect(tray, &TrayIcon::portOpenRequested, m_ports.get(), &SpacePorts::open);
    connect(tray, &TrayIcon::portCopyRequested, m_ports.get(), &SpacePorts::copy);
}

PortsMenu* DesktopController::showPortsMenu(const QString& spaceId)
{
    auto* menu = new PortsMenu(spaceId, m_window.get());
    menu->setAttribute(Qt::WA_DeleteOnClose);
    connect(menu, &PortsMenu::openRequested, m_ports.get(), &SpacePorts::open);
    connect(menu, &PortsMenu::copyRequested, m_ports.get(), &SpacePorts::copy);
    fillPortsMenu(menu);
    menu->popup(QCursor::pos());
    return menu;
}

void DesktopController::fillPortsMenu(PortsMenu* menu)
{
    menu->setLoading();
    // The menu as context: nothing arrives once it was closed and deleted.
    onFinished(m_ports->list(menu->spaceId()), menu, [menu](const Result<QList<PortEntry>>& ports) {
        if (ports) {
            menu->setEntries(*ports);
        } else {
            menu->setError(ports.error().message);
        }
    });
}

void DesktopController::connectService()
{
    connect(&m_spaces, &SpaceService::spaceAdded, this, [this](const Space& space) {
        m_spaceModel->updateSpace(space);
        reloadTemplates(); // space counts changed
        followServices(space);
    });
    connect(&m_spaces, &SpaceService::spaceChanged, this, [this](const Space& space) {
        const auto previous = m_spaceModel->spaceById(space.id);
        m_spaceModel->updateSpace(space);
        followServices(space);
        // A space that was running and ended without the user asking: tell them.
        if (previous && previous->state == SpaceState::Running
            && (space.state == SpaceState::Failed || space.state == SpaceState::Stopped)) {
            m_window->trayIcon()->showNotification(space.state == SpaceState::Failed ? tr("%1 failed").arg(space.name)
                                                                                     : tr("%1 stopped").arg(space.name),
                                                   space.lastError);
        }
    });
    connect(&m_spaces, &SpaceService::spaceRemoved, this, [this](const QString& id) {
        m_probe->unwatch(id);
        m_spaceModel->removeSpace(id);
        reloadTemplates();
    });
    connect(&m_spaces, &SpaceService::progress, m_spaceModel.get(), &SpaceListModel::setPullProgress);
}

void DesktopController::watch(QFuture<Result<Space>> operation, const QString& verb)
{
    operation.then(this, [this, verb](const Result<Space>& result) {
        if (!result) {
            m_window->spacesPage()->messageWidget()->showError(
                tr("Could not %1 the space: %2").arg(verb, result.error().toString()));
        }
    });
}

void DesktopController::importTemplates(const QStringList& paths)
{
    TemplateStore store(m_db);
    QStringList imported;
    for (const auto& path : paths) {
        const auto read = TemplateDocument::readFile(path);
        if (!read) {
            m_window->templatesPage()->messageWidget()->showError(read.error().toString());
            return;
        }
        Diagnostics problems = read->diagnostics + TemplateResolver::validateDocuments(read->value);
        if (hasErrors(problems)) {
            const auto first =
                std::find_if(problems.cbegin(), problems.cend(), [](const auto& d) { return d.isError(); });
            m_window->templatesPage()->messageWidget()->showError(
                tr("%1 was not imported: %2").arg(QFileInfo(path).fileName(), first->toString()));
            return;
        }
        Template tmpl = read->value;
        tmpl.id.clear();
        const auto inserted = store.insert(tmpl);
        if (!inserted) {
            m_window->templatesPage()->messageWidget()->showError(inserted.error().toString());
            return;
        }
        imported.append(inserted->name);
    }
    reloadTemplates();
    m_window->templatesPage()->messageWidget()->showInfo(tr("Imported %1").arg(imported.join(QStringLiteral(", "))));
}

void DesktopController::exportTemplate(const QString& id, const QString& path)
{
    const auto tmpl = TemplateStore(m_db).get(id);
    const auto written = tmpl ? TemplateDocument::writeFile(*tmpl, path) : VoidResult(tmpl.error());
    if (!written) {
        m_window->templatesPage()->messageWidget()->showError(written.error().toString());
        return;
    }
    m_window->templatesPage()->messageWidget()->showInfo(tr("Exported to %1").arg(path));
}

void DesktopController::duplicateTemplate(const QString& id)
{
    TemplateStore store(m_db);
    auto tmpl = store.get(id);
    if (!tmpl) {
        m_window->templatesPage()->messageWidget()->showError(tmpl.error().toString());
        return;
    }
    Template copy = *tmpl;
    copy.id.clear();
    // The first free "Name (copy)", "Name (copy 2)", … keeps names unique.
    for (int n = 1;; ++n) {
        copy.name = n == 1 ? tr("%1 (copy)").arg(tmpl->name) : tr("%1 (copy %2)").arg(tmpl->name).arg(n);
        if (!store.getByName(copy.name)) {
            break;
        }
    }
    const auto inserted = store.insert(copy);
    if (!inserted) {
        m_window->templatesPage()->messageWidget()->showError(inserted.error().toString());
        return;
    }
    reloadTemplates();
}

void DesktopController::deleteTemplate(const QString& id)
{
    const auto removed = TemplateStore(m_db).remove(id);
    if (!removed) {
        m_window->templatesPage()->messageWidget()->showError(removed.error().toString());
        return;
    }
    reloadTemplates();
}

} // namespace Knot
