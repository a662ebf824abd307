# Writes OUT, a C++ file defining mfv::build_info::git_commit(), from `git describe` of SRC
# at build time (not configure time), with "-dirty" when the work tree has changes. The file
# is rewritten only when the text changes, so an unchanged commit rebuilds nothing.
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${SRC}
  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown")
else()
  execute_process(COMMAND git status --porcelain --untracked-files=no WORKING_DIRECTORY ${SRC}
    OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT changes STREQUAL "")
    set(commit "${commit}-dirty")
  endif()
endif()
file(WRITE ${OUT}.tmp "// Generated at build time by framework/cmake/git_commit.cmake.\nnamespace mfv::build_info {\nconst char* git_commit() { return \"${commit}\"; }\n}  // namespace mfv::build_info\n")
configure_file(${OUT}.tmp ${OUT} COPYONLY)
