// Link check for the GUI glue: ImGui (Debian's libimgui with its GLFW and OpenGL3
// backends), GLFW and the generated glad loader. `mint-glue-check --version` prints the
// versions; with a display it also opens a hidden window, loads GL and starts both
// backends once. Used by CI so a broken package set fails early, before any UI work.
#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv)
{
    std::printf("imgui %s, glfw %s\n", ImGui::GetVersion(), glfwGetVersionString());
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0)
        return 0;
    // --require-context: fail instead of skipping when no GL 3.3 context can be made.
    const int skipped = argc > 1 && std::strcmp(argv[1], "--require-context") == 0 ? 1 : 0;
    if (!glfwInit())
    {
        std::puts("no display: glue linked, window test skipped");
        return skipped;
    }
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(64, 64, "glue", nullptr, nullptr);
    if (!window)
    {
        std::puts("no GL 3.3 context: glue linked, window test skipped");
        glfwTerminate();
        return skipped;
    }
    glfwMakeContextCurrent(window);
    const int glVersion = gladLoadGL(glfwGetProcAddress);
    std::printf("GL %d.%d\n", GLAD_VERSION_MAJOR(glVersion), GLAD_VERSION_MINOR(glVersion));
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330");
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return glVersion ? 0 : 1;
}
