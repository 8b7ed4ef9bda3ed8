#include "core/engine/dockerclient.h"
#include "core/engine/execsession.h"
#include "core/terminal/shelllauncher.h"
#include "terminaltestsupport.h"
#include "testutils.h"
#include "ui/terminal/execterminalsession.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"
#include "ui/terminal/terminalwindow.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>

#include <optional>

using namespace Knot;
using KnotTest::hasLine;
using KnotTest::hasLineMatching;
using KnotTest::screenLines;
using KnotTest::type;

namespace {

constexpr int Timeout = 60000;

template <typename T>
std::optional<T> await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, Timeout)) {
        return std::nullopt;
    }
    return future.result();
}

} // namespace

class TestExecTerminal : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    QString m_image;
    QString m_label;
    QStringList m_containers;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

    // A running container from the test image (sleep 3600), removed at the end.
    QString runningContainer()
    {
        const QString name = QStringLiteral("knot-test-term-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        const QJsonObject body {
            {QStringLiteral("Image"), m_image},
            {QStringLiteral("Cmd"), QJsonArray {QStringLiteral("sleep"), QStringLiteral("3600")}},
            {QStringLiteral("Labels"), QJsonObject {{QStringLiteral("knot.test"), m_label}}},
        };
        const auto created = await(m_client->createContainer(name, body));
        if (!created || !created->ok()) {
            qWarning() << "create failed:" << (created ? created->error().toString() : QStringLiteral("timeout"));
            return {};
        }
        m_containers.append(created->value());
        const auto started = await(m_client->startContainer(created->value()));
        if (!started || !started->ok()) {
            qWarning() << "start failed:" << (started ? started->error().toString() : QStringLiteral("timeout"));
            return {};
        }
        return created->value();
    }

    static Space space(const QString& name)
    {
        Space space;
        space.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        space.name = name;
        return space;
    }

    std::unique_ptr<TerminalWindow> window()
    {
        auto window = std::make_unique<TerminalWindow>(m_settings.get(), QStringLiteral("terminal/geometry"));
        window->resize(800, 500);
        return window;
    }

    // A window with one tab running `command` in a fresh container.
    struct Opened
    {
        std::unique_ptr<TerminalWindow> window;
        TerminalTab* tab = nullptr;
        QString containerId;
        Space space;
    };
    Opened open(const QString& name, const ShellCommand& command)
    {
        Opened opened;
        opened.containerId = runningContainer();
        opened.space = space(name);
        opened.window = window();
        if (!opened.containerId.isEmpty()) {
            opened.tab = opened.window->openTerminal(opened.space, m_client.get(), opened.containerId, command);
        }
        return opened;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString endpointText = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        QVERIFY2(!endpointText.isEmpty(), "KNOT_TEST_ENDPOINT is not set");
        const Result<EngineEndpoint> endpoint = EngineEndpoint::parse(endpointText);
        QVERIFY_RESULT(endpoint);
        m_client = std::make_unique<DockerClient>(*endpoint);
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        m_label = QStringLiteral("term-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        const auto image = await(m_client->inspectImage(m_image));
        QVERIFY(image);
        QVERIFY_RESULT(*image);
    }

    void cleanupTestCase()
    {
        for (const QString& id : std::as_const(m_containers)) {
            const auto removed = await(m_client->removeContainer(id, true, true));
            if (!removed || (!removed->ok() && removed->error().httpStatus != 404)) {
                qWarning() << "cleanup failed for" << id;
            }
        }
    }

    // Asking for bash in an image without it falls back to sh, which echoes what is typed.
    void typedCommandRunsInFallbackShell()
    {
        const Opened opened = open(QStringLiteral("echo"), ShellLauncher::shell(QStringLiteral("bash"), {}));
        QVERIFY(opened.tab);
        TerminalTab* tab = opened.tab;
        type(tab, QStringLiteral("echo hel''lo"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            hasLine(tab, QStringLiteral("hello")), qPrintable(screenLines(tab).join(u'\n')), Timeout);
        type(tab, QStringLiteral("echo \"shell=$0\""));
        QTRY_VERIFY2_WITH_TIMEOUT(hasLineMatching(tab, QRegularExpression(QStringLiteral("^shell=-?(/bin/)?sh$"))),
                                  qPrintable(screenLines(tab).join(u'\n')),
                                  Timeout);
        QVERIFY(tab->closedReason().isEmpty());
    }

    // Typed right after the tab opens, before the shell has printed anything: held until the shell is
    // up, so it lands on its prompt line (not echoed by the kernel above the banner, or thrown away by
    // a line editor) and runs.
    void typeaheadReachesTheShell()
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            const Opened opened = open(QStringLiteral("typeahead"), ShellLauncher::shell(QStringLiteral("sh"), {}));
            QVERIFY(opened.tab);
            const QString command = QStringLiteral("echo type''ahead-%1").arg(attempt);
            type(opened.tab, command);
            QTRY_VERIFY2_WITH_TIMEOUT(hasLine(opened.tab, QStringLiteral("typeahead-%1").arg(attempt)),
                                      qPrintable(screenLines(opened.tab).join(u'\n')),
                                      Timeout);
            // The shell echoed the command after its prompt. (Typed before the shell set its line editor up, the
            // tty may also have echoed it on a line of its own first, as in any terminal.)
            const QStringList lines = screenLines(opened.tab);
            const QRegularExpression prompt(QStringLiteral("[#$>] $"));
            const bool afterPrompt = std::any_of(lines.cbegin(), lines.cend(), [&](const QString& line) {
                return line.endsWith(command) && line.size() > command.size()
                       && prompt.match(line.chopped(command.size())).hasMatch();
            });
            QVERIFY2(afterPrompt, qPrintable(lines.join(u'\n')));
        }
    }

    void resizeReachesTheShell()
    {
        const Opened opened = open(QStringLiteral("resize"), ShellLauncher::shell(QStringLiteral("sh"), {}));
        QVERIFY(opened.tab);
        TerminalTab* tab = opened.tab;
        const TerminalSurface* surface = tab->view()->surface();
        QTRY_VERIFY_WITH_TIMEOUT(surface->rows() > 5, Timeout);
        QVERIFY(KnotTest::typeUntil(tab,
                                    QStringLiteral("stty size"),
                                    QStringLiteral("%1 %2").arg(surface->rows()).arg(surface->columns()),
                                    Timeout));

        const int rows = surface->rows();
        const int columns = surface->columns();
        opened.window->resize(opened.window->width() - 200, opened.window->height() + 150);
        QTRY_VERIFY_WITH_TIMEOUT(surface->rows() > rows && surface->columns() < columns, Timeout);
        QVERIFY2(KnotTest::typeUntil(tab,
                                     QStringLiteral("stty size"),
                                     QStringLiteral("%1 %2").arg(surface->rows()).arg(surface->columns()),
                                     Timeout),
                 qPrintable(screenLines(tab).join(u'\n')));
    }

    void exitShowsCodeAndReconnectWorks()
    {
        const Opened opened = open(QStringLiteral("exit"), ShellLauncher::shell(QStringLiteral("sh"), {}));
        QVERIFY(opened.tab);
        TerminalTab* tab = opened.tab;
        QVERIFY(KnotTest::typeUntil(tab, QStringLiteral("echo rea''dy"), QStringLiteral("ready"), Timeout));
        type(tab, QStringLiteral("exit 3"));
        QTRY_COMPARE_WITH_TIMEOUT(tab->closedReason(), QStringLiteral("Shell exited (code 3)"), Timeout);

        tab->reconnect();
        QVERIFY(tab->closedReason().isEmpty());
        QVERIFY(KnotTest::typeUntil(tab, QStringLiteral("echo ag''ain"), QStringLiteral("again"), Timeout));
        QVERIFY(tab->closedReason().isEmpty());
    }

    void stoppedSpaceEndsTheTerminal()
    {
        const Opened opened = open(QStringLiteral("stop"), ShellLauncher::shell(QStringLiteral("sh"), {}));
        QVERIFY(opened.tab);
        TerminalTab* first = opened.tab;
        TerminalTab* second = opened.window->duplicateCurrentTab();
        QVERIFY(second);
        QVERIFY(KnotTest::typeUntil(first, QStringLiteral("echo fir''st"), QStringLiteral("first"), Timeout));
        QVERIFY(KnotTest::typeUntil(second, QStringLiteral("echo sec''ond"), QStringLiteral("second"), Timeout));

        // What the composition root says when the space leaves Running.
        opened.window->spaceStopped(opened.space.id);
        QCOMPARE(first->closedReason(), QStringLiteral("Space stopped"));
        QCOMPARE(second->closedReason(), QStringLiteral("Space stopped"));

        // The engine side: the container stops under a running shell.
        first->reconnect();
        QVERIFY(KnotTest::typeUntil(first, QStringLiteral("echo th''ird"), QStringLiteral("third"), Timeout));
        const auto stopped = await(m_client->stopContainer(opened.containerId, 0));
        QVERIFY(stopped);
        QVERIFY_RESULT(*stopped);
        QTRY_VERIFY_WITH_TIMEOUT(!first->closedReason().isEmpty(), Timeout);
        QVERIFY2(first->closedReason() == QStringLiteral("Space stopped")
                     || first->closedReason().startsWith(QStringLiteral("Shell exited")),
                 qPrintable(first->closedReason()));

        // Reconnecting to a stopped space says so instead of hanging.
        first->reconnect();
        QTRY_COMPARE_WITH_TIMEOUT(first->closedReason(), QStringLiteral("Space stopped"), Timeout);
    }

    // A flood through the real exec session: everything arrives, and the scrollback (the memory a
    // terminal holds) stays at its capacity. Timing is measured by tests/bench/exec, not here.
    void floodKeepsScrollbackBounded()
    {
        const Opened opened = open(QStringLiteral("flood"), ShellLauncher::shell(QStringLiteral("sh"), {}));
        QVERIFY(opened.tab);
        TerminalView* view = opened.tab->view();
        view->setScrollbackCapacity(500);
        type(opened.tab, QStringLiteral("yes | head -n 20000; echo flo''od-done"));
        QTRY_VERIFY2_WITH_TIMEOUT(hasLine(opened.tab, QStringLiteral("flood-done")),
                                  qPrintable(screenLines(opened.tab).join(u'\n')),
                                  Timeout);
        QCOMPARE(view->surface()->scrollbackLines(), 500);
        QVERIFY(opened.tab->closedReason().isEmpty());
    }

    // Pausing the session stops reading the exec stream: the engine and then the program block on
    // write, so what is in flight stays bounded (not the whole output); resuming delivers the rest.
    void pausedSessionHoldsTheProgram()
    {
        const QString containerId = runningContainer();
        QVERIFY(!containerId.isEmpty());
        constexpr int Blocks = 160;
        constexpr int BlockBytes = 64 * 1024;
        // The program's progress goes to a file, read through a second exec while paused.
        const QString script = QStringLiteral("i=0; while [ $i -lt %1 ]; do head -c %2 /dev/zero | tr '\\0' y; "
                                              "i=$((i+1)); echo $i >/tmp/progress; done; printf '\\nflood-%s\\n' end")
                                   .arg(Blocks)
                                   .arg(BlockBytes);
        ExecTerminalSession session(m_client.get(),
                                    containerId,
                                    ShellCommand {{QStringLiteral("sh"), QStringLiteral("-c"), script}, {}, {}, {}});
        qint64 received = 0;
        QByteArray tail;
        connect(&session, &TerminalSession::output, this, [&](const QByteArray& bytes) {
            received += bytes.size();
            tail = QByteArray(tail + bytes).right(64);
        });
        QString closed;
        connect(&session, &TerminalSession::closed, this, [&](const QString& reason) { closed = reason; });
        QTRY_VERIFY2_WITH_TIMEOUT(received >= 4 * BlockBytes || !closed.isEmpty(), qPrintable(closed), Timeout);
        session.setOutputPaused(true);
        const qint64 atPause = received;

        ExecOptions probe;
        probe.command = {QStringLiteral("cat"), QStringLiteral("/tmp/progress")};
        auto progress = [&]() -> int {
            const auto result = await(m_client->exec(containerId, probe));
            return result && result->ok() ? (*result)->standardOutput.trimmed().toInt() : -1;
        };
        // The program blocks once the pipes, the engine's relay and our bounded read-ahead are full.
        int previous = -1;
        int current = progress();
        QDeadlineTimer deadline(Timeout);
        while ((current <= 0 || current != previous) && current < Blocks && !deadline.hasExpired()) {
            QTest::qWait(500);
            previous = std::exchange(current, progress());
        }
        const qint64 inFlight = qint64(current) * BlockBytes - atPause;
        qInfo() << "paused at" << atPause << "bytes; program blocked after" << current << "blocks;" << inFlight
                << "bytes in flight";
        QVERIFY2(current > 0 && current < Blocks, qPrintable(QStringLiteral("progress %1").arg(current)));
        QCOMPARE(received, atPause);
        QVERIFY2(inFlight < 4 * 1024 * 1024, qPrintable(QString::number(inFlight)));

        session.setOutputPaused(false);
        QTRY_VERIFY2_WITH_TIMEOUT(tail.contains("flood-end") || !closed.isEmpty(), qPrintable(closed), Timeout);
        QVERIFY2(tail.contains("flood-end"), tail.constData());
        QCOMPARE(received, qint64(Blocks) * BlockBytes + qstrlen("\r\nflood-end\r\n"));
    }

    // Closing a tab detaches its exec, and the engine hangs up the shell: nothing keeps running.
    void closingTheTabEndsTheShell()
    {
        Opened opened = open(QStringLiteral("close"), ShellLauncher::shell(QStringLiteral("sh"), {}));
        QVERIFY(opened.tab);
        type(opened.tab, QStringLiteral("echo pid=$$"));
        QString pid;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QRegularExpression pattern(QStringLiteral("^pid=(\\d+)$"));
                for (const QString& line : screenLines(opened.tab)) {
                    if (const auto match = pattern.match(line); match.hasMatch()) {
                        pid = match.captured(1);
                    }
                }
                return !pid.isEmpty();
            }(),
            Timeout);
        ExecOptions probe;
        probe.command = {QStringLiteral("kill"), QStringLiteral("-0"), pid};
        const auto alive = await(m_client->exec(opened.containerId, probe));
        QVERIFY(alive && alive->ok());
        QCOMPARE((*alive)->exitCode, 0);

        opened.window->closeTab(0);
        QCOMPARE(opened.window->count(), 0);
        QDeadlineTimer deadline(Timeout);
        int exitCode = 0;
        while (exitCode == 0 && !deadline.hasExpired()) {
            QTest::qWait(200);
            const auto probed = await(m_client->exec(opened.containerId, probe));
            QVERIFY(probed && probed->ok());
            exitCode = (*probed)->exitCode;
        }
        QVERIFY2(exitCode != 0, "the shell outlived its tab");
    }

    void tunnelWithoutScreenSaysWhy()
    {
        const Opened opened = open(QStringLiteral("tunnel"), ShellLauncher::tunnelLogin({}));
        QVERIFY(opened.tab);
        QTRY_COMPARE_WITH_TIMEOUT(opened.tab->closedReason(), QStringLiteral("Shell exited (code 127)"), Timeout);
        const QString screen = screenLines(opened.tab).join(u'\n');
        QVERIFY2(screen.contains(QStringLiteral("screen is not installed")), qPrintable(screen));
    }

    void unreachableEngineIsReported()
    {
        const Result<EngineEndpoint> endpoint =
            EngineEndpoint::parse(QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("no-engine.sock")));
        QVERIFY_RESULT(endpoint);
        DockerClient nowhere(*endpoint);
        auto terminals = window();
        TerminalTab* tab = terminals->openTerminal(space(QStringLiteral("nowhere")),
                                                   &nowhere,
                                                   QStringLiteral("no-container"),
                                                   ShellLauncher::shell(QStringLiteral("sh"), {}));
        QTRY_VERIFY_WITH_TIMEOUT(!tab->closedReason().isEmpty(), Timeout);
        QVERIFY2(tab->closedReason().startsWith(QStringLiteral("Engine unreachable: ")),
                 qPrintable(tab->closedReason()));
    }
};

QTEST_MAIN(TestExecTerminal)
#include "tst_execterminal.moc"
