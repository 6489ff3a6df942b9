/*
 * fs-exchange: the two Linux system calls the client-file write protocol needs and Node does not
 * expose (issue #13, "no lost edits"). A Node-API addon, so one build serves every Node version.
 *
 *   exchange(a, b)   renameat2(a, b, RENAME_EXCHANGE): swaps two names atomically. A deploy swaps
 *                    its temp file with the client's file, so the file it replaced is still on
 *                    disk under the temp name, whatever an editor renamed over the path just before.
 *   writers(fd)      whether any process holds the file open for writing: a read lease
 *                    (F_SETLEASE, F_RDLCK) is refused exactly then. Taken and dropped at once.
 *
 * Errors are thrown with the errno name as `code`, like Node's own fs errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <node_api.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static const char *errno_name(int err) {
  switch (err) {
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case EXDEV: return "EXDEV";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOSPC: return "ENOSPC";
    case EDQUOT: return "EDQUOT";
    case EROFS: return "EROFS";
    case EBUSY: return "EBUSY";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EBADF: return "EBADF";
    case EAGAIN: return "EAGAIN";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ELOOP: return "ELOOP";
    case EIO: return "EIO";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "EUNKNOWN";
  }
}

static napi_value throw_errno(napi_env env, int err, const char *what) {
  char message[256];
  snprintf(message, sizeof message, "%s: %s", what, strerror(err));
  napi_throw_error(env, errno_name(err), message);
  return NULL;
}

/* Reads argument `i` as a UTF-8 path into `out` (a PATH_MAX-sized buffer). */
static int path_arg(napi_env env, napi_value value, char *out, size_t size) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, out, size, &length) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "a path must be a string");
    return 0;
  }
  if (length >= size - 1) {
    throw_errno(env, ENAMETOOLONG, "path");
    return 0;
  }
  return 1;
}

static napi_value exchange(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2) {
    napi_throw_type_error(env, "ERR_MISSING_ARGS", "exchange(a, b) takes two paths");
    return NULL;
  }
  char a[4096], b[4096];
  if (!path_arg(env, argv[0], a, sizeof a) || !path_arg(env, argv[1], b, sizeof b)) return NULL;
  /* The system call itself: glibc's renameat2 wrapper needs glibc 2.28, the call only Linux 3.15. */
  if (syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0)
    return throw_errno(env, errno, "renameat2(RENAME_EXCHANGE)");
  return NULL;
}

static napi_value writers(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t fd = -1;
  if (argc < 1 || napi_get_value_int32(env, argv[0], &fd) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "writers(fd) takes a file descriptor");
    return NULL;
  }
  /*
   * A lease's holder is told of a conflicting open by a signal, SIGIO unless set: SIGIO would end
   * the process. SIGURG is ignored by default, and nothing in Node uses it.
   */
  if (fcntl(fd, F_SETSIG, SIGURG) != 0) return throw_errno(env, errno, "fcntl(F_SETSIG)");
  int open_for_writing = 0;
  if (fcntl(fd, F_SETLEASE, F_RDLCK) != 0) {
    if (errno != EAGAIN) return throw_errno(env, errno, "fcntl(F_SETLEASE)");
    open_for_writing = 1;
  } else if (fcntl(fd, F_SETLEASE, F_UNLCK) != 0) {
    return throw_errno(env, errno, "fcntl(F_SETLEASE, F_UNLCK)");
  }
  napi_value result;
  napi_get_boolean(env, open_for_writing, &result);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor properties[] = {
    {"exchange", NULL, exchange, NULL, NULL, NULL, napi_enumerable, NULL},
    {"writers", NULL, writers, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties);
  return exports;
}

NAPI_MODULE_INIT() { return init(env, exports); }
