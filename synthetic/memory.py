"""Process-level memory settings for long streamed runs."""

from __future__ import annotations

MMAP_THRESHOLD = 16 << 20  # blocks below this come from the heap, not from a fresh mapping each time
TRIM_THRESHOLD = 32 << 20  # free memory kept for reuse before the heap is returned to the system


def keep_freed_memory() -> bool:
    """Let glibc's malloc reuse freed blocks instead of mapping and unmapping them every time.

    A streamed chunk makes dozens of numpy temporaries of a few hundred KB each; with the default
    settings each one is a fresh mapping whose pages fault in again, which costs more than the
    arithmetic. Meant for a process that writes data and exits (the ``data`` command); returns
    False where there is no glibc (macOS, Windows, musl), which changes nothing else.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # from <malloc.h>
    return bool(mallopt(m_mmap_threshold, MMAP_THRESHOLD)) and bool(mallopt(m_trim_threshold, TRIM_THRESHOLD))
