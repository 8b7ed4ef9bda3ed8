#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("knot-desktop"));
    QTextStream(stdout) << "knot-cli " << QStringLiteral(KNOT_CLI_VERSION) << '\n';
    return 0;
}
