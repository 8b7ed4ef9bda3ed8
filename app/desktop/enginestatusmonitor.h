#pragma once

#include "core/space/enginemanager.h"
#include "ui/mainwindow.h"

#include <QObject>
#include <QPointer>

namespace Knot {

class Database;
class EngineClient;
class EventStream;
class Reconciler;

// The default engine's health for the status bar, from signals only: the EngineManager's search
// (looking, embedded engine starting, none found), an event stream of its own on the engine
// (connected, dropped and retrying) and the Reconciler's passes. The version is asked once per
// connection, never on a timer.
class EngineStatusMonitor : public QObject
{
    Q_OBJECT

public:
    // `eventLabel` filters the health stream (the app instance's label keeps it quiet).
    EngineStatusMonitor(Database& db,
                        EngineManager& engines,
                        Reconciler& reconciler,
                        const QString& eventLabel,
                        QObject* parent = nullptr);

    // Asks for the default engine (which starts the search when none is registered). Again after
    // the engine settings changed: the default may be another engine now.
    void start();

    QString engineName() const { return m_name; }
    MainWindow::EngineHealth health() const { return m_health; }
    // The version and endpoint when connected, the reason when not.
    QString detail() const { return m_detail; }

Q_SIGNALS:
    void changed(const QString& engineName, Knot::MainWindow::EngineHealth health, const QString& detail);

private:
    void onSearch(EngineManager::DefaultEngineStatus status, const QString& detail);
    void askDefault();
    void follow(EngineClient* client);
    void checkVersion();
    void set(MainWindow::EngineHealth health, const QString& detail);
    QString nameFor(EngineClient* client) const;

    Database& m_db;
    EngineManager& m_engines;
    QString m_label;
    QPointer<EngineClient> m_client;
    QPointer<EventStream> m_stream;
    bool m_streamWasUp = false; // once up, a failure means "reconnecting", not "unreachable"
    QString m_name;
    QString m_shownName; // the name last signalled
    MainWindow::EngineHealth m_health = MainWindow::EngineHealth::Unknown;
    QString m_detail;
};

} // namespace Knot
