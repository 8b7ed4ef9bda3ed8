#pragma once

#include "core/model/space.h"
#include "core/model/template.h"
#include "core/result.h"
#include "core/space/reconciler.h"
#include "core/store/settingsstore.h"
#include "ui/appearance.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace Knot {

class AppSettings;
class Database;
class EngineClient;
class EngineStatusMonitor;
class EngineManager;
class MainWindow;
class OrphansDialog;
class PortForwarder;
class ServiceProbe;
class PortsMenu;
class SettingsDialog;
class SpaceListModel;
class SpacePorts;
class SpaceService;
class SpaceTerminals;
class SpaceVnc;
class TemplateListModel;

// The desktop application's wiring: feeds the item models from the core, turns the pages' and
// tray's intent signals into core calls, and shows each outcome where the user acted (the page's
// message bar; a space that fails keeps its error in its row). Owns no business logic.
class DesktopController : public QObject
{
    Q_OBJECT

public:
    DesktopController(Database& db,
                      EngineManager& engines,
                      SpaceService& spaces,
                      Reconciler& reconciler,
                      AppSettings& settings,
                      QObject* parent = nullptr);
    ~DesktopController() override;

    MainWindow* window() const { return m_window.get(); }
    // Loads the models, shows the window and reconciles with the engine in the background.
    void start();

    // What the last reconciliations found, and the dialog that shows it (opened on demand).
    QList<Orphan> orphans() const { return m_orphans; }
    OrphansDialog* showOrphans();
    SettingsDialog* showSettings();
    // The Ports menu of a running space at the mouse pointer, filled once the ports are known.
    PortsMenu* showPortsMenu(const QString& spaceId);
    SpaceTerminals* terminals() const { return m_terminals.get(); }
    // The default engine's health as the status bar shows it.
    EngineStatusMonitor* engineStatus() const { return m_status.get(); }
    // Why an orphan cannot be adopted as a space (empty: it can).
    QString adoptProblem(const Orphan& orphan) const;

private:
    void reloadTemplates();
    void reloadSpaces();
    void connectTemplatesPage();
    void connectSpacesPage();
    void connectService();
    // Probes a running space's services (and stops when it no longer runs), so the list shows what
    // answers.
    void followServices(const Space& space);

    void editTemplate(const Template& tmpl);
    void saveTemplate(Template tmpl);
    void createSpace(const QString& templateId);
    void editSpace(const QString& spaceId);
    QStringList takenNames(const QString& exceptSpaceId) const;
    void importTemplates(const QStringList& paths);
    void exportTemplate(const QString& id, const QString& path);
    void duplicateTemplate(const QString& id);
    void deleteTemplate(const QString& id);
    // Shows the failure of a space operation on the Spaces page (the row shows Failed itself).
    void watch(QFuture<Result<Space>> operation, const QString& verb);
    void connectServices();
    void fillPortsMenu(PortsMenu* menu);

    // Replaces what is known of `client`'s orphans (nullptr: of every engine).
    void setOrphans(EngineClient* client, const QList<Orphan>& found);
    void removeOrphan(Orphan orphan);
    // By value: the dialog's list the argument lives in is replaced on the way.
    void adoptOrphan(Orphan orphan);
    std::optional<Template> templateWithHash(const QString& hash) const;
    void applyEngines(const QList<EngineRecord>& engines);
    void testConnection(const EngineRecord& engine, std::function<void(const Result<EngineVersion>&)> done);

    Database& m_db;
    EngineManager& m_engines;
    SpaceService& m_spaces;
    Reconciler& m_reconciler;
    AppSettings& m_settings;
    std::unique_ptr<SpaceListModel> m_spaceModel;
    std::unique_ptr<TemplateListModel> m_templateModel;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SpaceTerminals> m_terminals;
    std::unique_ptr<SpaceVnc> m_vnc;
    std::unique_ptr<PortForwarder> m_forwarder;
    std::unique_ptr<ServiceProbe> m_probe;
    std::unique_ptr<SpacePorts> m_ports;
    SettingsStore m_store;
    std::unique_ptr<EngineStatusMonitor> m_status;
    Appearance m_appearance;
    QList<Orphan> m_orphans;
    QPointer<OrphansDialog> m_orphansDialog;
    QPointer<SettingsDialog> m_settingsDialog;
};

} // namespace Knot
