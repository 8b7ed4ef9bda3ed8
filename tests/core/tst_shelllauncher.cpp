#include "core/terminal/shelllauncher.h"
#include "testutils.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace Knot;

namespace {

// Runs a launcher command on this machine's /bin/sh with PATH limited to `bin`, as the exec would.
QString run(const ShellCommand& command, const QString& bin, const QString& home, int* exitCode = nullptr)
{
    QProcess process;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), bin);
    environment.insert(QStringLiteral("HOME"), home);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(command.command.first(), command.command.mid(1));
    process.waitForFinished(10000);
    if (exitCode) {
        *exitCode = process.exitCode();
    }
    return QString::fromUtf8(process.readAll()).trimmed();
}

void fakeExecutable(const QString& dir, const QString& name, const QByteArray& body)
{
    QFile file(dir + u'/' + name);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\n" + body + "\n");
    file.close();
    QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ExeOwner));
}

} // namespace

class TestShellLauncher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void candidatesFallBackInOrder()
    {
        QCOMPARE(ShellLauncher::candidates(QStringLiteral("fish")),
                 (QStringList {
                     QStringLiteral("fish"), QStringLiteral("zsh"), QStringLiteral("bash"), QStringLiteral("sh")}));
        QCOMPARE(ShellLauncher::candidates(QStringLiteral("bash")),
                 (QStringList {QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("sh")}));
        QCOMPARE(ShellLauncher::candidates(QString()),
                 (QStringList {QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("sh")}));
        // Not a command name: never handed to the script.
        QCOMPARE(ShellLauncher::candidates(QStringLiteral("sh; rm -rf /")),
                 (QStringList {QStringLiteral("zsh"), QStringLiteral("bash"), QStringLiteral("sh")}));
    }

    void userAndEnvironment()
    {
        ContainerSpec spec;
        spec.environment = {
            QStringLiteral("KNOT_USER=nobody"), QStringLiteral("A=b"), QStringLiteral("KNOT_USER=alice")};
        const ShellCommand command = ShellLauncher::shell(QStringLiteral("zsh"), spec);
        QCOMPARE(command.user, QStringLiteral("alice"));
        QVERIFY(command.environment.contains(QStringLiteral("TERM=xterm-256color")));
        QVERIFY(command.environment.contains(QStringLiteral("COLORTERM=truecolor")));
        QCOMPARE(ShellLauncher::shell(QStringLiteral("zsh"), ContainerSpec {}).user, QString());
    }

    void scriptExecsFirstInstalledShellAsLoginShellInHome()
    {
        QTemporaryDir bin;
        QTemporaryDir home;
        QVERIFY(bin.isValid() && home.isValid());
        fakeExecutable(bin.path(), QStringLiteral("bash"), "echo \"bash $* $(pwd)\"");
        fakeExecutable(bin.path(), QStringLiteral("sh"), "echo \"sh $*\"");
        const QString output = run(ShellLauncher::shell(QStringLiteral("fish"), {}), bin.path(), home.path());
        QCOMPARE(output, QStringLiteral("bash -l ") + QDir(home.path()).canonicalPath());
    }

    void scriptSaysWhenNoShellExists()
    {
        QTemporaryDir bin;
        int exitCode = 0;
        const QString output = run(ShellLauncher::shell(QStringLiteral("fish"), {}), bin.path(), bin.path(), &exitCode);
        QCOMPARE(exitCode, 127);
        QVERIFY2(output.contains(QStringLiteral("no usable shell")), qPrintable(output));
    }

    void tunnelLoginNamesTheSession()
    {
        ContainerSpec spec;
        QCOMPARE(ShellLauncher::tunnelLogin(spec).command.last(), QStringLiteral("vscodetunnel"));
        spec.environment = {QStringLiteral("VSCODE_TUNNEL_SCREEN=mytunnel")};
        QCOMPARE(ShellLauncher::tunnelLogin(spec).command.last(), QStringLiteral("mytunnel"));
    }

    void tunnelLoginExplainsMissingScreenAndSession()
    {
        QTemporaryDir bin;
        int exitCode = 0;
        QString output = run(ShellLauncher::tunnelLogin({}), bin.path(), bin.path(), &exitCode);
        QCOMPARE(exitCode, 127);
        QVERIFY2(output.contains(QStringLiteral("screen is not installed")), qPrintable(output));

        fakeExecutable(
            bin.path(),
            QStringLiteral("screen"),
            "if [ \"$1\" = -ls ]; then printf '\\t123.other\\t(Detached)\\n'; exit 1; fi\necho attached \"$@\"");
        fakeExecutable(bin.path(), QStringLiteral("grep"), "exec /bin/grep \"$@\"");
        output = run(ShellLauncher::tunnelLogin({}), bin.path(), bin.path(), &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY2(output.contains(QStringLiteral("no screen session named 'vscodetunnel'")), qPrintable(output));

        ContainerSpec spec;
        spec.environment = {QStringLiteral("VSCODE_TUNNEL_SCREEN=other")};
        output = run(ShellLauncher::tunnelLogin(spec), bin.path(), bin.path(), &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(output, QStringLiteral("attached -d -r other"));
    }
};

QTEST_GUILESS_MAIN(TestShellLauncher)
#include "tst_shelllauncher.moc"
