// What the end-to-end tests share: reading a file whole, a fresh scratch directory, running
// a shell command (status, or 128 + signal when killed), and starting one in the background
// (fork + exec of `sh -c "exec ..."`, so that the pid is the command's own).
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mfv::test {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// temp/<prefix><name>-<pid>, emptied and created (the pid keeps two suites running at once,
// e.g. a developer's and a CI clone's, out of each other's way).
inline std::filesystem::path fresh_dir(const std::string& prefix, const std::string& name) {
    const std::filesystem::path d =
        std::filesystem::temp_directory_path() / (prefix + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

inline int status_of(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw); }

// Run `cmd` through the shell and wait: its exit status, or 128 + the signal that ended it.
inline int run_shell(const std::string& cmd) { return status_of(std::system(cmd.c_str())); }

// `mfv <args>` (the binary under test, MFV_BINARY) with stdin closed: its exit status and
// what it printed, through files in `dir`.
struct mfv_outcome {
    int status;
    std::string out, err;
};
inline mfv_outcome run_mfv_in(const std::filesystem::path& dir, const std::string& args) {
    const std::filesystem::path out = dir / "stdout", err = dir / "stderr";
    const int status = run_shell(std::string(MFV_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string() + " </dev/null");
    return {status, slurp(out), slurp(err)};
}

// Start `cmd` in the background; the pid is the command's (sh execs it).
inline pid_t spawn(const std::string& cmd) {
    const pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

// Wait for a spawned command: its exit status, or 128 + the signal that ended it.
inline int finish(pid_t pid) {
    int raw = 0;
    waitpid(pid, &raw, 0);
    return status_of(raw);
}

}  // namespace mfv::test
