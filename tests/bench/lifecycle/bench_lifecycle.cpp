// Space start benchmark: the time from SpaceService::start to Running, against the engine's own CLI
// (`podman --url … run -d` / `docker -H … run -d`) starting the same container: same image, command,
// labels, published port, environment, named volume (created by the start in both cases), caps and
// restart policy. Rounds alternate which goes first; prints every sample, the median and the p90.
//
// Usage: bench_lifecycle --endpoint unix:///…/podman.sock --engine podman|docker
//                        [--image IMAGE] [--rounds N] [--cli PROGRAM]
// A benchmark, not app code: it waits for each step with a local event loop.
#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/templatestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace Knot;

namespace {

template <typename R>
R wait(QFuture<R> future)
{
    if (!future.isFinished()) {
        QFutureWatcher<R> watcher;
        QEventLoop loop;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished()) {
            loop.exec();
        }
    }
    if (future.resultCount() == 0) {
        return R(Error::cancelled());
    }
    return future.result();
}

template <typename R>
void check(const R& result, const char* what)
{
    if (!result.ok()) {
        std::fprintf(stderr, "%s failed: %s\n", what, qPrintable(result.error().toString()));
        std::exit(1);
    }
}

int freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

QString shortId()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(10);
}

double percentile(QList<double> samples, double p)
{
    std::sort(samples.begin(), samples.end());
    // Nearest rank: the median of 10 is the mean of the 5th and 6th.
    if (p == 50 && samples.size() % 2 == 0) {
        return (samples.at(samples.size() / 2 - 1) + samples.at(samples.size() / 2)) / 2;
    }
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(samples.size())));
    return samples.at(std::clamp<qsizetype>(rank - 1, 0, samples.size() - 1));
}

QString join(const QList<double>& samples)
{
    QStringList texts;
    for (double sample : samples) {
        texts << QString::number(sample, 'f', 1);
    }
    return texts.join(u' ');
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("endpoint"), QStringLiteral("engine endpoint"), QStringLiteral("url")});
    parser.addOption({QStringLiteral("engine"), QStringLiteral("podman or docker"), QStringLiteral("kind")});
    parser.addOption({QStringLiteral("image"),
                      QStringLiteral("image"),
                      QStringLiteral("reference"),
                      QStringLiteral("localhost/knot-test-busybox:latest")});
    parser.addOption({QStringLiteral("rounds"), QStringLiteral("rounds"), QStringLiteral("n"), QStringLiteral("10")});
    parser.addOption(
        {QStringLiteral("cli"), QStringLiteral("CLI program (default: the engine)"), QStringLiteral("path")});
    parser.process(app);
    const QString endpoint = parser.value(QStringLiteral("endpoint"));
    const QString engine = parser.value(QStringLiteral("engine"));
    const QString image = parser.value(QStringLiteral("image"));
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    const QString cli = parser.isSet(QStringLiteral("cli")) ? parser.value(QStringLiteral("cli")) : engine;
    if (endpoint.isEmpty() || (engine != u"podman" && engine != u"docker") || rounds < 1) {
        std::fprintf(stderr, "usage: bench_lifecycle --endpoint URL --engine podman|docker [--rounds N]\n");
        return 2;
    }

    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("knot.db")));
    check(db, "opening the database");
    check(EngineStore(**db).add({{}, engine, endpoint, {}, true}), "registering the engine");
    EngineManager engines(**db);
    SpaceService service(**db, engines);
    service.setStopGraceSeconds(0);
    auto parsed = EngineEndpoint::parse(endpoint);
    check(parsed, "parsing the endpoint");
    DockerClient client(*parsed);
    check(wait(client.version()), "reaching the engine");

    const int port = freePort();
    Template tmpl;
    tmpl.name = QStringLiteral("bench-") + shortId();
    tmpl.job = QStringLiteral("image: %1\n"
                              "command: [\"sleep\", \"3600\"]\n"
                              "ports: [\"%2:8080\"]\n"
                              "environment: [\"BENCH=1\", \"SPACE=${{ .space.name }}\"]\n"
                              "volumes: [\"${{ .space.id }}-data:/data\"]\n")
                   .arg(image)
                   .arg(port);
    tmpl.volumes = QStringLiteral("volumes:\n  ${{ .space.id }}-data:\n");
    auto stored = TemplateStore(**db).insert(tmpl);
    check(stored, "storing the template");

    // Ours: SpaceService::start on a created (Stopped) space until the future says Running.
    const auto runOurs = [&]() -> double {
        Space draft;
        draft.name = QStringLiteral("bench-") + shortId();
        draft.templateId = stored->id;
        auto space = wait(service.create(draft, false));
        check(space, "creating the space");
        QElapsedTimer timer;
        timer.start();
        const auto running = wait(service.start(space->id));
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        check(running, "starting the space");
        check(wait(service.stop(space->id)), "stopping the space");
        check(wait(service.remove(space->id)), "deleting the space");
        return ms;
    };
    // The CLI: the same container with `run -d`, then removed with its volume through the API.
    const auto runCli = [&]() -> double {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString name = QStringLiteral("bench-cli-") + shortId();
        const QString volume = id + QStringLiteral("-data");
        const QStringList args {engine == u"podman" ? QStringLiteral("--url") : QStringLiteral("-H"),
                                endpoint,
                                QStringLiteral("run"),
                                QStringLiteral("-d"),
                                QStringLiteral("--name"),
                                name,
                                QStringLiteral("--hostname"),
                                id,
                                QStringLiteral("--label"),
                                SpaceLabels::SpaceId + u'=' + id,
                                QStringLiteral("--label"),
                                SpaceLabels::TemplateHash + QStringLiteral("=bench"),
                                QStringLiteral("--label"),
                                SpaceLabels::Instance + QStringLiteral("=bench"),
                                QStringLiteral("-p"),
                                QStringLiteral("127.0.0.1:%1:8080").arg(port),
                                QStringLiteral("-e"),
                                QStringLiteral("BENCH=1"),
                                QStringLiteral("-e"),
                                QStringLiteral("SPACE=") + name,
                                QStringLiteral("-v"),
                                volume + QStringLiteral(":/data"),
                                QStringLiteral("--cap-add"),
                                QStringLiteral("CAP_AUDIT_WRITE"),
                                QStringLiteral("--restart"),
                                QStringLiteral("no"),
                                image,
                                QStringLiteral("sleep"),
                                QStringLiteral("3600")};
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        process.start(cli, args);
        process.waitForFinished(120000);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            std::fprintf(stderr, "%s run failed (exit %d)\n", qPrintable(cli), process.exitCode());
            std::exit(1);
        }
        check(wait(client.removeContainer(name, true, false)), "removing the CLI's container");
        check(wait(client.removeVolume(volume, true)), "removing the CLI's volume");
        return ms;
    };

    // One unmeasured round of each warms caches (image metadata, the CLI binary, SQLite).
    runOurs();
    runCli();
    QList<double> ours;
    QList<double> theirs;
    for (int round = 0; round < rounds; ++round) {
        if (round % 2 == 0) {
            ours << runOurs();
            theirs << runCli();
        } else {
            theirs << runCli();
            ours << runOurs();
        }
    }
    const double ourMedian = percentile(ours, 50);
    const double cliMedian = percentile(theirs, 50);
    std::printf("engine=%s rounds=%d ours_median_ms=%.1f ours_p90_ms=%.1f cli_median_ms=%.1f cli_p90_ms=%.1f "
                "ratio=%.2f\n",
                qPrintable(engine),
                rounds,
                ourMedian,
                percentile(ours, 90),
                cliMedian,
                percentile(theirs, 90),
                ourMedian / cliMedian);
    std::printf("  ours: %s\n  cli:  %s\n", qPrintable(join(ours)), qPrintable(join(theirs)));
    return 0;
}
