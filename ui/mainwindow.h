#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace Knot {

class AppSettings;
class SpaceListModel;
class SpacesPage;
class TemplateListModel;
class TemplatesPage;
class TrayIcon;

// The main window: navigation between the Spaces and Templates pages, menus and toolbar with the
// common shortcuts, the engine status in the status bar, and what closing the window means
// (hide to the tray when there is one and the user wants it, quit otherwise).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page
    {
        Spaces,
        Templates,
    };
    enum class EngineHealth
    {
        Unknown,
        Connecting,   // looking for the engine or connecting to it
        Starting,     // the embedded engine is starting
        Connected,    // detail: the engine's version
        Reconnecting, // the connection dropped; retrying
        Unreachable,  // detail: why
    };

    MainWindow(AppSettings* settings, SpaceListModel* spaces, TemplateListModel* templates, QWidget* parent = nullptr);

    SpacesPage* spacesPage() const { return m_spacesPage; }
    TemplatesPage* templatesPage() const { return m_templatesPage; }
    TrayIcon* trayIcon() const { return m_tray; }

    Page currentPage() const;
    void showPage(Page page);
    void setEngineStatus(const QString& engineName, EngineHealth health, const QString& detail = {});
    QString engineStatusText() const;
    // Brings the window back from the tray or the background.
    void showAndRaise();
    // Leaves the application for real, whatever close-to-tray says.
    void quit();

Q_SIGNALS:
    void settingsRequested();
    // The user wants to see the engine objects that belong to no space.
    void orphansRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void requestNewSpace();
    void saveWindowState();

    AppSettings* m_settings;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    SpacesPage* m_spacesPage;
    TemplatesPage* m_templatesPage;
    TrayIcon* m_tray;
    QLabel* m_engineDot;
    QLabel* m_engineLabel;
    bool m_quitting = false;
    bool m_toldAboutTray = false;
};

} // namespace Knot
