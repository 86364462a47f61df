// The platform: the only part of the kiosk that knows GLFW and glad. One full-screen (or
// windowed) OpenGL window, Dear ImGui's context and backends, frame begin/end, the event
// wait, and reading the frame back for screenshots. Everything above it draws with ImGui's
// draw lists and never sees a window.
//
// GPUs kiosks really have: the window gets the first OpenGL context that works, down a chain
// of rungs — 3.3 core (PCs), 3.1 and 3.0 (Raspberry Pi 4/5, Mesa V3D), 2.1 (Pi 3), then
// OpenGL ES 3.0 and 2.0 — each with its GLSL version for ImGui's shaders; the one made and
// the renderer are logged.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace mint::app
{

class Platform
{
public:
    struct Options
    {
        std::optional<std::pair<int, int>> windowed;  ///< a window of this size, else full screen
        bool hideCursor = false;                      ///< full screen only
        std::string glRung;                           ///< only this rung ("" = the whole chain)
    };
    /// The OpenGL context the window got.
    struct GlInfo
    {
        std::string rung;      ///< "gl33", "gl31", "gl30", "gl21", "gles3", "gles2"
        std::string version;   ///< GL_VERSION
        std::string renderer;  ///< GL_RENDERER
        std::string glsl;      ///< the shaders' "#version ..."
    };
    Platform() = default;
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;
    ~Platform() { close(); }

    /// Window, GL context and ImGui. Input and refresh events set `*inputArrived`. On failure
    /// `noOpenGl` tells whether it was the OpenGL context (exit code 6) or the display.
    bool open(const Options& options, std::atomic<bool>* inputArrived, std::string& error, bool* noOpenGl = nullptr);
    const GlInfo& gl() const { return m_gl; }
    /// ImGui and the window go (GL objects of the caller must be gone before).
    void close();
    bool isOpen() const { return m_window != nullptr; }

    /// Any thread: the loop's wait returns now.
    static void wake();
    /// Seconds since start-up, monotonic.
    static double time();
    /// Sleeps until an event arrives or `timeoutS` passes (0: just takes the pending events).
    void waitEvents(double timeoutS);
    void framebufferSize(int& w, int& h) const;

    /// A finger a script puts on the screen instead of the real pointer.
    struct Pointer
    {
        float x = -1, y = -1;
        bool down = false;
        double dtS = 1.0 / 60;  ///< the frame's time step
    };
    /// Builds the font atlas texture and the renderer's shaders now (else the first frame does).
    void prepareRenderer();
    /// Starts an ImGui frame (backends first, then ImGui::NewFrame).
    void beginFrame(const std::optional<Pointer>& scripted);
    /// Renders ImGui's draw data (after ImGui::Render) on a cleared background.
    void render(float r, float g, float b);
    /// The frame just rendered, RGBA, bottom row first.
    void readPixels(std::vector<unsigned char>& rgba, int& w, int& h) const;
    void present();

    /// From the loop: the window must stay on screen. An unmapped window is mapped again and
    /// raised (logged). A window destroyed from outside, or a lost connection to the display,
    /// ends the process with a log line and exit code 5 (kKioskWindowLost), so that the
    /// service manager starts a new kiosk instead of leaving a black screen.
    void keepWindowUp();
    bool iconified() const;
    bool visible() const;  ///< mapped and viewable

    /// Switches the monitor on or off through X11 DPMS (libXext); false with the reason when
    /// the X server has no DPMS (Xvfb, XWayland) or refuses.
    bool setDpms(bool on, std::string& error);

    /// The OpenGL renderer's name (for logs and staff).
    std::string renderer() const;

private:
    GLFWwindow* m_window = nullptr;
    GlInfo m_gl;
    bool m_legacyRenderer = false;  ///< ImGui's OpenGL2 renderer (a GL 2.1 context)
};

}  // namespace mint::app
