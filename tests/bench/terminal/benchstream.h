#pragma once

// Shared by the Knot and QTermWidget harnesses (only API that Qt 5 and Qt 6 have alike): the deterministic
// 50 MB stream, the end marker, the pseudo-terminal writer and the timing both harnesses report.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <iterator>
#include <random>
#include <string>
#include <sys/resource.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

namespace KnotBench {

// The stream ends by setting this window title; harnesses stop at the first paint after it.
inline const char* endTitle()
{
    return "KNOT-BENCH-DONE";
}

// Text, colours (16, 256, true colour), attributes, cursor moves, long wrapped lines, Unicode (accents,
// CJK, box drawing, astral, combining), scroll regions, in-place progress lines and insert/delete.
inline std::string generateStream(size_t size)
{
    std::mt19937 rng(20261128);
    auto pick = [&rng](int n) { return int(rng() % unsigned(n)); };
    static const char* words[] = {"lorem",    "ipsum",
                                  "dolor",    "sit",
                                  "amet",     "knot",
                                  "terminal", "container",
                                  "podman",   "docker",
                                  "build",    "make",
                                  "error:",   "warning:",
                                  "OK",       "==>",
                                  "[INFO]",   "--verbose",
                                  "0x7ffd12", "src/core/engine.cpp:42:",
                                  "return",   "std::vector<int>",
                                  "{",        "}"};
    static const char* unicode[] = {"héllo",
                                    "naïve",
                                    "Grüße",
                                    "日本語",
                                    "中文字",
                                    "한국어",
                                    "→",
                                    "✓",
                                    "✗",
                                    "│",
                                    "─",
                                    "┌──┐",
                                    "└──┘",
                                    "█▓▒░",
                                    "𝄞",
                                    "e\xcc\x81"};
    auto word = [&] { return std::string(words[pick(int(std::size(words)))]); };
    auto sgr = [&]() -> std::string {
        switch (pick(8)) {
        case 0:
            return "\x1b[" + std::to_string(30 + pick(8)) + "m";
        case 1:
            return "\x1b[" + std::to_string(90 + pick(8)) + "m";
        case 2:
            return "\x1b[38;5;" + std::to_string(pick(256)) + "m";
        case 3:
            return "\x1b[38;2;" + std::to_string(pick(256)) + ";" + std::to_string(pick(256)) + ";"
                   + std::to_string(pick(256)) + "m";
        case 4:
            return "\x1b[1m";
        case 5:
            return "\x1b[4m";
        case 6:
            return "\x1b[7m";
        default:
            return "\x1b[0m";
        }
    };
    std::string out;
    out.reserve(size + 4096);
    while (out.size() < size) {
        const int kind = pick(20);
        if (kind < 10) {
            for (int n = 1 + pick(25); n > 0; --n) {
                if (pick(4) == 0)
                    out += sgr();
                out += word();
                out += ' ';
            }
            out += "\x1b[0m\r\n";
        } else if (kind < 12) {
            for (int n = 300 + pick(700); n > 0; n -= 6)
                out += word().substr(0, 5) + ' ';
            out += "\r\n";
        } else if (kind < 14) {
            for (int n = 1 + pick(20); n > 0; --n) {
                out += unicode[pick(int(std::size(unicode)))];
                out += ' ';
            }
            out += "\r\n";
        } else if (kind == 14) {
            out += "\x1b[s\x1b[" + std::to_string(1 + pick(30)) + ";" + std::to_string(1 + pick(70)) + "H";
            out += sgr() + word() + "\x1b[K\x1b[0m\x1b[u";
        } else if (kind == 15) {
            out += pick(10) == 0 ? "\x1b[H\x1b[2J" : "\x1b[1J\r\n";
        } else if (kind == 16) {
            out += "\x1b[5;20r\x1b[20;1H";
            for (int n = 1 + pick(10); n > 0; --n)
                out += word() + "\r\n";
            out += "\x1b[r\x1b[30;1H";
        } else if (kind == 17) {
            for (int p = 0; p <= 100; p += 10)
                out += "\r[" + std::string(size_t(p / 10), '#') + std::string(size_t(10 - p / 10), ' ') + "] "
                       + std::to_string(p) + "%";
            out += "\r\n";
        } else if (kind == 18) {
            out += "\x1b[48;5;" + std::to_string(pick(256)) + "m" + std::string(size_t(10 + pick(60)), ' ')
                   + "\x1b[0m\r\n";
        } else {
            out += "\t" + word() + "\t" + word() + "\r\x1b[3@ab\x1b[2P" + word() + "\r\n";
        }
    }
    out += "\x1b[0m\r\n\x1b]2;";
    out += endTitle();
    out += "\x07";
    return out;
}

// Raw mode: the line discipline must pass bytes through unchanged.
inline void makeRaw(int fd)
{
    termios attributes {};
    if (tcgetattr(fd, &attributes) == 0) {
        cfmakeraw(&attributes);
        tcsetattr(fd, TCSANOW, &attributes);
    }
}

// Writes the whole stream into the pty's slave side from a thread, like a program printing it.
inline std::thread startWriter(int slaveFd, const std::string& data)
{
    return std::thread([slaveFd, &data] {
        size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(slaveFd, data.data() + done, std::min<size_t>(data.size() - done, 65536));
            if (n <= 0)
                break;
            done += size_t(n);
        }
    });
}

// CPU seconds of this process (all threads, user + system): less sensitive to a busy machine than wall time.
inline double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

inline void report(const char* name, size_t bytes, double seconds, double cpu, int paints)
{
    std::printf("%s bytes=%zu seconds=%.3f mbps=%.1f cpu=%.3f cpumbps=%.1f paints=%d\n",
                name,
                bytes,
                seconds,
                double(bytes) / (1024.0 * 1024.0) / seconds,
                cpu,
                double(bytes) / (1024.0 * 1024.0) / cpu,
                paints);
}

inline bool readFile(const char* path, std::string& data)
{
    FILE* file = std::fopen(path, "rb");
    if (!file)
        return false;
    if (std::fseek(file, 0, SEEK_END) == 0) {
        data.reserve(size_t(std::max(0L, std::ftell(file))));
        std::rewind(file);
    }
    char buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        data.append(buffer, n);
    std::fclose(file);
    return true;
}

// Counts paints of the widgets it watches; after done is set, quits once the next paint has finished.
class PaintWatcher : public QObject
{
public:
    bool done = false;
    int paints = 0;

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            // The paint runs after this filter; the zero timer fires once it has finished.
            if (done)
                QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }
};

// Writes the stream into the pty, runs the event loop until the watcher quits it, prints the figures.
inline int run(const char* name, int slaveFd, const std::string& data, const PaintWatcher& watcher)
{
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    std::thread writer = startWriter(slaveFd, data);
    QCoreApplication::exec();
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    writer.join();
    report(name, data.size(), elapsed, cpuSeconds() - cpu, watcher.paints);
    return watcher.done ? 0 : 1;
}

} // namespace KnotBench
