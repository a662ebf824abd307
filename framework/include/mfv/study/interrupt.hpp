// Stopping a run cleanly on SIGINT / SIGTERM (issue 8): the handler only sets a flag; the
// runner checks it at every drift evaluation and output time, drops the unit in flight
// (interrupted_error), starts no new one, and the finished units stay in the checkpoint.
#pragma once

namespace mfv::study {

// Install the handlers for SIGINT and SIGTERM. A second signal of either kind ends the
// process at once (the default action), for a user who does not want to wait.
void install_stop_handlers();

// Ask the run to stop, as the handler does (`signal`: the signal number, for the exit code).
void request_stop(int signal);

// The signal that asked to stop, or 0.
int stop_signal();

inline bool stop_requested() { return stop_signal() != 0; }

// Throws interrupted_error when a stop was asked for.
void throw_if_stop_requested();

}  // namespace mfv::study
