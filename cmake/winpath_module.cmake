# winpath_module(NAME DEPS <winpath modules> PRIVATE_LIBS <third-party targets> EXCLUDE <files>)
#
# One folder = one module = one static library `winpath_<NAME>`. Sources are every *.cc in the
# folder except *_test.cc and *_fuzz.cc; the module's tests (*_test.cc) form one GoogleTest
# executable `<NAME>_test`. DEPS are the only winpath modules this one may include: the
# dependency table in docs/architecture.md is enforced here, because a header of a module not
# listed is not on the include path of... every module shares src/ as include root, so the edge
# is enforced at link time: a symbol from a module not in DEPS does not link.
function(winpath_module NAME)
  cmake_parse_arguments(M "" "" "DEPS;PRIVATE_LIBS;EXCLUDE" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  file(GLOB fuzzers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_fuzz.cc)
  if(tests)
    list(REMOVE_ITEM srcs ${tests})
  endif()
  if(fuzzers)
    list(REMOVE_ITEM srcs ${fuzzers})
  endif()
  foreach(x IN LISTS M_EXCLUDE)
    list(REMOVE_ITEM srcs ${CMAKE_CURRENT_SOURCE_DIR}/${x})
  endforeach()
  if(NOT srcs)
    # Header-only module (for now): an INTERFACE target keeps the dependency edges.
    set(inc ${CMAKE_BINARY_DIR}/include/${NAME})
    file(MAKE_DIRECTORY ${inc})
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${inc}/${NAME} SYMBOLIC)
    add_library(winpath_${NAME} INTERFACE)
    target_include_directories(winpath_${NAME} INTERFACE ${inc})
    foreach(d IN LISTS M_DEPS)
      target_link_libraries(winpath_${NAME} INTERFACE winpath_${d})
    endforeach()
    return()
  endif()
  add_library(winpath_${NAME} STATIC ${srcs})
  set(inc ${CMAKE_BINARY_DIR}/include/${NAME})
  file(MAKE_DIRECTORY ${inc})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${inc}/${NAME} SYMBOLIC)
  target_include_directories(winpath_${NAME} PUBLIC ${inc})
  set(deps)
  foreach(d IN LISTS M_DEPS)
    list(APPEND deps winpath_${d})
  endforeach()
  target_link_libraries(winpath_${NAME} PUBLIC ${deps} PRIVATE ${M_PRIVATE_LIBS})
  if(WINPATH_BUILD_TESTS AND tests)
    add_executable(${NAME}_test ${tests})
    target_link_libraries(${NAME}_test PRIVATE winpath_${NAME} ${M_PRIVATE_LIBS}
      GTest::gtest GTest::gtest_main)
    target_compile_definitions(${NAME}_test PRIVATE
      WINPATH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${NAME}_test DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
