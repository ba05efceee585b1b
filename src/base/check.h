// Asserts for bugs only (architecture.md, habit 2). Input from users or disk never reaches a
// CHECK: it gets a Status. WINPATH_CHECK is always on; WINPATH_DCHECK only in debug builds.
#pragma once

#include <cstdio>
#include <cstdlib>

#define WINPATH_CHECK(cond)                                                         \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

#ifdef NDEBUG
#define WINPATH_DCHECK(cond) \
  do {                       \
  } while (false && (cond))
#else
#define WINPATH_DCHECK(cond) WINPATH_CHECK(cond)
#endif
