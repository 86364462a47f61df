// The platform; see platform.hpp.
#include "platform.hpp"

#include "app/kiosk_args.hpp"
#include "util/log.hpp"

// glad before GLFW: GLFW must not pull in the system's GL header first.
#include <glad/gl.h>

#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <X11/extensions/dpms.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl2.h>
#include <imgui_impl_opengl3.h>

#include <unistd.h>

namespace mint::app
{

namespace
{

std::atomic<bool>* g_inputArrived = nullptr;
Window g_xWindow = 0;  ///< the kiosk's X window, for the error handlers
int g_xError = 0;      ///< the last X error code seen by the handler

[[noreturn]] void windowLost(const char* why)
{
    util::logError("app", std::string("the kiosk's window is lost (") + why + "); exiting so that the service manager starts it again");
    ::_exit(kKioskWindowLost);  // no destructors: the display is gone, GL and Xlib calls would fail
}

/// X errors: one about our window (destroyed from outside) ends the kiosk; others are
/// logged and ignored (Xlib's default handler would end the process for any of them).
int onXError(Display*, XErrorEvent* e)
{
    g_xError = e->error_code;
    if ((e->error_code == BadWindow || e->error_code == BadDrawable) && e->resourceid == g_xWindow)
        windowLost("destroyed from outside");
    util::logWarn("x11", "X error " + std::to_string(e->error_code) + " (request " + std::to_string(e->request_code) + ")");
    return 0;
}

int onXIoError(Display*)
{
    windowLost("the connection to the display is gone");
}

void markInput(GLFWwindow*)
{
    if (g_inputArrived)
        *g_inputArrived = true;
}

}  // namespace

namespace
{

struct GlRung
{
    const char* name;
    const char* label;
    int client;  ///< GLFW_OPENGL_API or GLFW_OPENGL_ES_API
    int major, minor;
    bool core;
    const char* glsl;  ///< ImGui's OpenGL3 renderer with these shaders; null: its OpenGL2 renderer (fixed function)
};
// ImGui 1.86's OpenGL3 renderer (as Debian builds it, with its own loader) needs a context
// of version 3.0 or later, desktop or ES: GL 2.1 gets the OpenGL2 renderer; an ES context
// that really is 2.0 has none (its rung fails, with the reason logged).
constexpr GlRung kGlRungs[] = {
    {"gl33", "OpenGL 3.3 core", GLFW_OPENGL_API, 3, 3, true, "#version 330"},
    {"gl31", "OpenGL 3.1", GLFW_OPENGL_API, 3, 1, false, "#version 140"},
    {"gl30", "OpenGL 3.0", GLFW_OPENGL_API, 3, 0, false, "#version 130"},
    {"gl21", "OpenGL 2.1", GLFW_OPENGL_API, 2, 1, false, nullptr},
    {"gles3", "OpenGL ES 3.0", GLFW_OPENGL_ES_API, 3, 0, false, "#version 300 es"},
    {"gles2", "OpenGL ES 2.0", GLFW_OPENGL_ES_API, 2, 0, false, "#version 100"},
};

bool g_probing = false;  ///< GLFW's errors while trying the rungs are expected

}  // namespace

bool Platform::open(const Options& options, std::atomic<bool>* inputArrived, std::string& error, bool* noOpenGl)
{
    glfwSetErrorCallback(
        [](int code, const char* text)
        {
            if (g_probing)
                util::logInfo("glfw", std::to_string(code) + ": " + text);
            else
                util::logError("glfw", std::to_string(code) + ": " + text);
        });
    if (!glfwInit())
    {
        error = "cannot start GLFW (no display?)";
        return false;
    }
    GLFWmonitor* monitor = options.windowed ? nullptr : glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!options.windowed && !mode)
    {
        error = "no monitor to show the kiosk on";
        glfwTerminate();
        return false;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing of a visitor is written to disk
    io.LogFilename = nullptr;
    std::string tried;
    const GlRung* made = nullptr;
    g_probing = true;
    for (const GlRung& rung : kGlRungs)
    {
        if (!options.glRung.empty() && options.glRung != rung.name)
            continue;
        tried += (tried.empty() ? "" : ", ") + std::string(rung.label);
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_CLIENT_API, rung.client);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, rung.major);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, rung.minor);
        glfwWindowHint(GLFW_OPENGL_PROFILE, rung.core ? GLFW_OPENGL_CORE_PROFILE : GLFW_OPENGL_ANY_PROFILE);
        // Never iconified: a focus change (a popup, xdotool on the root window) must not
        // leave the public looking at a desktop.
        glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
        if (options.windowed)
        {
            glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
            m_window = glfwCreateWindow(options.windowed->first, options.windowed->second, "MINT Kiosk", nullptr, nullptr);
        }
        else
        {
            // Full screen in the monitor's native mode, undecorated.
            glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
            glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
            m_window = glfwCreateWindow(mode->width, mode->height, "MINT Kiosk", monitor, nullptr);
        }
        if (!m_window)
            continue;
        glfwMakeContextCurrent(m_window);
        // glad's desktop loader also reads "OpenGL ES x.y": the few calls the kiosk makes
        // (textures, pixel read-back) have the same names there. Then ImGui's renderer.
        bool ok = gladLoadGL(glfwGetProcAddress) != 0;
        if (ok)
        {
            // Our callbacks first; ImGui's backend chains to them (install_callbacks = true).
            g_inputArrived = inputArrived;
            glfwSetCursorPosCallback(m_window, [](GLFWwindow* w, double, double) { markInput(w); });
            glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int, int, int) { markInput(w); });
            glfwSetWindowRefreshCallback(m_window, markInput);
            glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow* w, int, int) { markInput(w); });
            ImGui_ImplGlfw_InitForOpenGL(m_window, true);
            ok = rung.glsl ? ImGui_ImplOpenGL3_Init(rung.glsl) : ImGui_ImplOpenGL2_Init();
            if (!ok)
            {
                util::logInfo("gl", std::string(rung.label) + ": ImGui's renderer cannot start on this context");
                ImGui_ImplGlfw_Shutdown();
            }
        }
        if (ok)
        {
            made = &rung;
            break;
        }
        glfwDestroyWindow(m_window);
        m_window = nullptr;
    }
    g_probing = false;
    if (!made)
    {
        error = "no OpenGL context could be made (tried " + tried + "); is the GPU driver (Mesa) installed?";
        if (noOpenGl)
            *noOpenGl = true;
        ImGui::DestroyContext();
        glfwTerminate();
        return false;
    }
    m_legacyRenderer = made->glsl == nullptr;
    glfwSwapInterval(1);
    auto glString = [](GLenum name)
    {
        const GLubyte* s = glGetString(name);
        return s ? std::string(reinterpret_cast<const char*>(s)) : std::string("?");
    };
    m_gl = GlInfo{made->name, glString(GL_VERSION), glString(GL_RENDERER), made->glsl ? made->glsl : "fixed function"};
    util::logInfo("gl", std::string(made->label) + " context (" + made->name + "): " + m_gl.version + ", renderer " + m_gl.renderer +
                            ", ImGui " + (made->glsl ? "OpenGL3 renderer, shaders " + m_gl.glsl : std::string("OpenGL2 renderer")));
    if (options.hideCursor && !options.windowed)
        glfwSetInputMode(m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    // No way out for the public: closing the window (Alt+F4, the window manager) does nothing.
    glfwSetWindowCloseCallback(m_window, [](GLFWwindow* w) { glfwSetWindowShouldClose(w, GLFW_FALSE); });
    g_xWindow = glfwGetX11Window(m_window);
    XSetErrorHandler(onXError);
    XSetIOErrorHandler(onXIoError);
    return true;
}

void Platform::close()
{
    if (!m_window)
        return;
    if (m_legacyRenderer)
        ImGui_ImplOpenGL2_Shutdown();
    else
        ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(m_window);
    glfwTerminate();
    m_window = nullptr;
    g_inputArrived = nullptr;
}

void Platform::keepWindowUp()
{
    if (!m_window)
        return;
    Display* display = glfwGetX11Display();
    // GLFW puts Xlib's default handler back after some of its calls: ours again, each time.
    XSetErrorHandler(onXError);
    XWindowAttributes wa{};
    if (!XGetWindowAttributes(display, g_xWindow, &wa))
        windowLost("it no longer exists");
    if (wa.map_state == IsUnmapped || glfwGetWindowAttrib(m_window, GLFW_ICONIFIED))
    {
        util::logWarn("app", "the kiosk's window was hidden from outside; showing it again");
        glfwRestoreWindow(m_window);
        XMapRaised(display, g_xWindow);
        XFlush(display);
    }
    else if (!glfwGetWindowAttrib(m_window, GLFW_FOCUSED))
    {
        util::logInfo("app", "the kiosk's window lost the focus; taking it back");
        glfwFocusWindow(m_window);
    }
}

bool Platform::iconified() const
{
    return m_window && glfwGetWindowAttrib(m_window, GLFW_ICONIFIED);
}

bool Platform::visible() const
{
    return m_window && glfwGetWindowAttrib(m_window, GLFW_VISIBLE);
}

bool Platform::setDpms(bool on, std::string& error)
{
    if (!m_window)
    {
        error = "no window";
        return false;
    }
    Display* display = glfwGetX11Display();
    int event = 0, errorBase = 0;
    if (!DPMSQueryExtension(display, &event, &errorBase) || !DPMSCapable(display))
    {
        error = "the X server has no DPMS (use \"off\": \"cec\" or \"command\")";
        return false;
    }
    // DPMS must be enabled for a forced level to hold; the server's own timeouts stay off
    // (the kiosk decides when the screen sleeps).
    DPMSEnable(display);
    DPMSSetTimeouts(display, 0, 0, 0);
    if (!DPMSForceLevel(display, on ? DPMSModeOn : DPMSModeOff))
    {
        error = "the X server refused the DPMS level";
        return false;
    }
    XFlush(display);
    return true;
}

void Platform::wake()
{
    glfwPostEmptyEvent();
}

double Platform::time()
{
    return glfwGetTime();
}

void Platform::waitEvents(double timeoutS)
{
    if (timeoutS > 0)
        glfwWaitEventsTimeout(timeoutS);
    else
        glfwPollEvents();
}

void Platform::framebufferSize(int& w, int& h) const
{
    w = h = 0;
    if (m_window)
        glfwGetFramebufferSize(m_window, &w, &h);
}

void Platform::prepareRenderer()
{
    if (m_legacyRenderer)
        ImGui_ImplOpenGL2_CreateDeviceObjects();
    else
        ImGui_ImplOpenGL3_CreateDeviceObjects();
}

void Platform::beginFrame(const std::optional<Pointer>& scripted)
{
    if (m_legacyRenderer)
        ImGui_ImplOpenGL2_NewFrame();
    else
        ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (scripted)
    {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(scripted->x, scripted->y);
        io.MouseDown[0] = scripted->down;
        io.DeltaTime = static_cast<float>(scripted->dtS);
    }
    else
    {
        // The backend (1.86) drops the position when the window is neither focused nor
        // entered; a kiosk has one full-screen window, so the pointer is always ours.
        double x = 0, y = 0;
        glfwGetCursorPos(m_window, &x, &y);
        ImGui::GetIO().MousePos = ImVec2(static_cast<float>(x), static_cast<float>(y));
    }
    ImGui::NewFrame();
}

void Platform::render(float r, float g, float b)
{
    int w = 0, h = 0;
    framebufferSize(w, h);
    glViewport(0, 0, w, h);
    glClearColor(r, g, b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (m_legacyRenderer)
        ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
    else
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Platform::readPixels(std::vector<unsigned char>& rgba, int& w, int& h) const
{
    framebufferSize(w, h);
    rgba.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    if (glReadBuffer)  // not in OpenGL ES 2.0 (it reads the back buffer there anyway)
        glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
}

void Platform::present()
{
    glfwSwapBuffers(m_window);
}

std::string Platform::renderer() const
{
    const GLubyte* name = m_window ? glGetString(GL_RENDERER) : nullptr;
    return name ? reinterpret_cast<const char*>(name) : "";
}

}  // namespace mint::app
