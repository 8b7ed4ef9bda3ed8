// Hosts one PortForwarder forward for run.sh: forwards a free local port to PORT inside CONTAINER
// through the embedded knot-relay over exec, prints "port=<local port>" and serves until its
// stdin closes (the measuring script holds it), so the client measuring it runs in another
// process, the same one that measures the peers.
//
// Usage: bench_forward ENDPOINT CONTAINER PORT
#include "core/engine/dockerclient.h"
#include "core/engine/engineendpoint.h"
#include "core/forward/portforwarder.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

using namespace Knot;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: bench_forward ENDPOINT CONTAINER PORT\n");
        return 2;
    }
    const auto endpoint = EngineEndpoint::parse(args[1]);
    if (!endpoint) {
        std::fprintf(stderr, "bench_forward: %s\n", qPrintable(endpoint.error().toString()));
        return 2;
    }
    DockerClient client(*endpoint);
    PortForwarder forwarder;
    QObject::connect(&forwarder, &PortForwarder::connectionFailed, [](const QString&, int, const QString& message) {
        std::fprintf(stderr, "bench_forward: %s\n", qPrintable(message));
    });
    QObject::connect(&forwarder, &PortForwarder::forwardStopped, [](const QString&, int, const QString& message) {
        std::fprintf(stderr, "bench_forward: forward stopped: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    const auto port = forwarder.forward(&client, args[2], args[3].toInt());
    if (!port) {
        std::fprintf(stderr, "bench_forward: %s\n", qPrintable(port.error().toString()));
        return 1;
    }
    std::printf("port=%u\n", unsigned(port.value()));
    std::fflush(stdout);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, [&input] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
        }
    });
    return app.exec();
}
