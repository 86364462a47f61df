// Start-up measured from outside the process: launches a program on an X display and
// watches the screen through the X server until the centre of the screen shows a frame
// with content: at least 3 colours in the middle 256x256 pixels (an empty Xvfb root is
// black; a cleared window one colour; cards, pictures and text many). Prints the
// milliseconds from launch.
//
//   DISPLAY=:N startup_probe PROGRAM [ARGS...]     (the program is killed afterwards)
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::fprintf(stderr, "usage: startup_probe PROGRAM [ARGS...]\n");
        return 2;
    }
    Display* d = XOpenDisplay(nullptr);
    if (!d)
    {
        std::fprintf(stderr, "startup_probe: no X display\n");
        return 2;
    }
    const Window root = DefaultRootWindow(d);
    XWindowAttributes ra{};
    XGetWindowAttributes(d, root, &ra);
    const int size = 256, x0 = ra.width / 2 - size / 2, y0 = ra.height / 2 - size / 2;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0)
    {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    double ms = -1;
    while (ms < 0)
    {
        XImage* img = XGetImage(d, root, x0, y0, size, size, AllPlanes, ZPixmap);
        unsigned long colours[3] = {};
        int distinct = 0;
        for (int y = 0; img && y < size && distinct < 3; y += 2)
            for (int x = 0; x < size && distinct < 3; x += 2)
            {
                const unsigned long c = XGetPixel(img, x, y) & 0xFFFFFF;
                bool seen = false;
                for (int i = 0; i < distinct; ++i)
                    seen = seen || colours[i] == c;
                if (!seen)
                    colours[distinct++] = c;
            }
        const bool drawn = distinct >= 3;
        if (img)
            XDestroyImage(img);
        const double now = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (drawn)
            ms = now;
        else if (now > 20000 || waitpid(pid, nullptr, WNOHANG) == pid)
            break;
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    XCloseDisplay(d);
    if (ms < 0)
    {
        std::fprintf(stderr, "startup_probe: no frame within 20 s\n");
        return 1;
    }
    std::printf("%.0f\n", ms);
    return 0;
}
