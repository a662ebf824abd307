# One CI regression check (tests/baselines/README.md): run a small study with `mfv run`,
# then `mfv compare` its results.json with reference/baselines/ci/<study>.json.
# Called by CTest with -DMFV=... -DSTUDY=... -DBASELINE=... -DOUT=...
if(NOT EXISTS "${BASELINE}")
  message(FATAL_ERROR "no baseline ${BASELINE}: make it (after review) with\n"
                      "  scripts/update-baselines.sh --why \"first baseline\" ${STUDY}")
endif()
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${MFV}" run "${STUDY}" -o "${OUT}" --no-plots RESULT_VARIABLE run_status)
# Exit 3 (some members failed) still writes results: the comparison says whether that moved.
if(NOT run_status EQUAL 0 AND NOT run_status EQUAL 3)
  message(FATAL_ERROR "mfv run ${STUDY} failed with status ${run_status}")
endif()
execute_process(COMMAND "${MFV}" compare "${OUT}/results.json" "${BASELINE}" RESULT_VARIABLE compare_status)
if(NOT compare_status EQUAL 0)
  message(FATAL_ERROR "mfv compare: ${STUDY} moved from ${BASELINE} (status ${compare_status}). If the change is "
                      "intended, review it and rewrite the baseline with\n"
                      "  scripts/update-baselines.sh --why \"...\" ${STUDY}")
endif()
