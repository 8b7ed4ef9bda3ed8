/* knot-relay: a tiny static helper copied into a space's container so the app can reach services
 * bound to the container's loopback without anything installed in the image.
 *
 *   knot-relay connect PORT [HOST]  relay stdin -> TCP socket and socket -> stdout
 *   knot-relay ports                list listening TCP ports ("PORT ADDRESS", sorted, deduplicated)
 *
 * Exit codes: 0 done, 1 usage or I/O error, 2 the connection could not be made.
 * Plain C against libc only so it links statically (musl or glibc) and runs in any image. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int write_all(int fd, const char* data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

static int connect_to(struct sockaddr_storage* addr, socklen_t len)
{
    int fd = socket(addr->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    if (connect(fd, (struct sockaddr*)addr, len) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* Tries HOST (default 127.0.0.1, then ::1 for services bound to IPv6 loopback only). */
static int open_connection(int port, const char* host)
{
    const char* hosts[2] = {host, NULL};
    int count = 1;
    if (!host) {
        hosts[0] = "127.0.0.1";
        hosts[1] = "::1";
        count = 2;
    }
    int first_errno = 0;
    for (int i = 0; i < count; ++i) {
        struct sockaddr_storage addr;
        socklen_t len = 0;
        memset(&addr, 0, sizeof addr);
        struct sockaddr_in* v4 = (struct sockaddr_in*)&addr;
        struct sockaddr_in6* v6 = (struct sockaddr_in6*)&addr;
        if (inet_pton(AF_INET, hosts[i], &v4->sin_addr) == 1) {
            v4->sin_family = AF_INET;
            v4->sin_port = htons((unsigned short)port);
            len = sizeof *v4;
        } else if (inet_pton(AF_INET6, hosts[i], &v6->sin6_addr) == 1) {
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons((unsigned short)port);
            len = sizeof *v6;
        } else {
            fprintf(stderr, "invalid address %s (use a numeric IPv4 or IPv6 address)\n", hosts[i]);
            return -1;
        }
        int fd = connect_to(&addr, len);
        if (fd >= 0) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        if (i == 0) {
            first_errno = errno;
        }
    }
    /* Report the first address's error: that is the one the user asked for. */
    const char* reason = first_errno == ECONNREFUSED ? "connection refused" : strerror(first_errno);
    fprintf(stderr, "%s to %s:%d\n", reason, hosts[0], port);
    return -1;
}

static int relay(int sock)
{
    enum { BufferSize = 64 * 1024 };
    static char buffer[BufferSize];
    int input_open = 1;
    for (;;) {
        struct pollfd fds[2] = {{sock, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        int n = poll(fds, input_open ? 2 : 1, -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return 1;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t got = read(sock, buffer, BufferSize);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                /* The service closed (or reset): we are done once stdout has everything. */
                return got < 0 ? 1 : 0;
            }
            if (write_all(STDOUT_FILENO, buffer, (size_t)got) != 0) {
                return 1; /* nobody reads us any more */
            }
        }
        if (input_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t got = read(STDIN_FILENO, buffer, BufferSize);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                /* Half-close: the client is done sending, the service may still answer. */
                input_open = 0;
                shutdown(sock, SHUT_WR);
            } else if (write_all(sock, buffer, (size_t)got) != 0) {
                return 1;
            }
        }
    }
}

struct listening_port
{
    int port;
    char address[64];
};

static int compare_ports(const void* a, const void* b)
{
    const struct listening_port* x = a;
    const struct listening_port* y = b;
    if (x->port != y->port) {
        return x->port < y->port ? -1 : 1;
    }
    return strcmp(x->address, y->address);
}

/* /proc/net/tcp holds addresses as the kernel's in-memory words printed in hex: per 32-bit word in
 * host byte order, so on little-endian machines each word's bytes are reversed. */
static void format_address(const char* hex, int family, char* out, size_t size)
{
    unsigned char bytes[16];
    int words = family == AF_INET ? 1 : 4;
    for (int w = 0; w < words; ++w) {
        char part[9];
        memcpy(part, hex + w * 8, 8);
        part[8] = '\0';
        unsigned int value = (unsigned int)strtoul(part, NULL, 16);
        memcpy(bytes + w * 4, &value, 4);
    }
    if (!inet_ntop(family, bytes, out, (socklen_t)size)) {
        snprintf(out, size, "?");
    }
}

static int read_ports(const char* path, int family, struct listening_port** list, size_t* count, size_t* capacity)
{
    FILE* file = fopen(path, "r");
    if (!file) {
        return 0; /* no IPv6 in this kernel or namespace */
    }
    char line[512];
    if (!fgets(line, sizeof line, file)) { /* header */
        fclose(file);
        return 0;
    }
    size_t hex_length = family == AF_INET ? 8 : 32;
    while (fgets(line, sizeof line, file)) {
        char local[64];
        char remote[64];
        unsigned int state = 0;
        if (sscanf(line, " %*d: %63s %63s %x", local, remote, &state) != 3 || state != 0x0A) {
            continue;
        }
        char* colon = strchr(local, ':');
        if (!colon || (size_t)(colon - local) != hex_length) {
            continue;
        }
        if (*count == *capacity) {
            *capacity = *capacity ? *capacity * 2 : 32;
            struct listening_port* grown = realloc(*list, *capacity * sizeof **list);
            if (!grown) {
                fclose(file);
                return -1;
            }
            *list = grown;
        }
        struct listening_port* entry = &(*list)[*count];
        entry->port = (int)strtol(colon + 1, NULL, 16);
        format_address(local, family, entry->address, sizeof entry->address);
        ++*count;
    }
    fclose(file);
    return 0;
}

static int list_ports(void)
{
    struct listening_port* list = NULL;
    size_t count = 0;
    size_t capacity = 0;
    if (read_ports("/proc/net/tcp", AF_INET, &list, &count, &capacity) != 0
        || read_ports("/proc/net/tcp6", AF_INET6, &list, &count, &capacity) != 0) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    qsort(list, count, sizeof *list, compare_ports);
    for (size_t i = 0; i < count; ++i) {
        if (i > 0 && compare_ports(&list[i], &list[i - 1]) == 0) {
            continue;
        }
        printf("%d %s\n", list[i].port, list[i].address);
    }
    free(list);
    return fflush(stdout) == 0 ? 0 : 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: knot-relay connect PORT [HOST] | knot-relay ports\n");
}

int main(int argc, char** argv)
{
    /* A reader that went away must end us with an error, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 2 && strcmp(argv[1], "ports") == 0 && argc == 2) {
        return list_ports();
    }
    if (argc >= 3 && argc <= 4 && strcmp(argv[1], "connect") == 0) {
        char* end = NULL;
        long port = strtol(argv[2], &end, 10);
        if (!*argv[2] || *end || port < 1 || port > 65535) {
            fprintf(stderr, "invalid port %s\n", argv[2]);
            return 1;
        }
        int sock = open_connection((int)port, argc == 4 ? argv[3] : NULL);
        if (sock < 0) {
            return 2;
        }
        int status = relay(sock);
        close(sock);
        return status;
    }
    usage();
    return 1;
}
