#pragma once

#include "core/model/space.h"
#include "core/model/template.h"
#include "core/result.h"

#include <QFuture>
#include <QObject>

#include <memory>

namespace Knot {

class AppSettings;
class Database;
class EngineManager;
class MainWindow;
class Reconciler;
class SpaceListModel;
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

private:
    void reloadTemplates();
    void reloadSpaces();
    void connectTemplatesPage();
    void connectSpacesPage();
    void connectService();

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
};

} // namespace Knot
