#!/usr/bin/env python3
"""One cold start of orgpath, measured from outside the app (used by .ci/bench-start).

Starts the app on a display with no window manager and, from the moment before the
process is spawned, polls the X server through libX11 (ctypes: no Python packages):
  - launch-to-window: the first poll that finds a mapped top-level window of class
    "orgpath" (XQueryTree, XGetClassHint, XGetWindowAttributes);
  - launch-to-first-diagram: the first screenshot (XGetImage of that window, sampled
    every 4th pixel) in which the diagram is on screen as it finally shows: at least
    90% of the window's non-background pixels of the settled picture (taken when the
    run ends) already have their final colour. A window with the chrome drawn but no
    cards matches about half of them; one without the minimap yet, over 95%.
  - PSS: 5 s after launch, the sum of Pss over the app and every descendant
    (/proc/PID/smaps_rollup): the WebKit web and network processes.
Prints one line: `window_ms=... diagram_ms=... pss_mb=... empty_frames=...`, where
empty_frames counts screenshots of the mapped window that matched under 50% (a blank
or half-drawn window seen by the user).

usage: bench-start.py APP [ARGS...]   (DISPLAY set; ORGPATH_CONFIG_DIR and XDG dirs set
by the caller to fresh folders for a cold run)
"""
import array
import ctypes
import ctypes.util
import os
import subprocess
import sys
import time

STEP = 4  # sample every STEP-th pixel in x and y
PSS_AT = 5.0  # seconds after launch
RUN_FOR = 6.0


class XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
        ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


class XClassHint(ctypes.Structure):
    _fields_ = [("res_name", ctypes.c_char_p), ("res_class", ctypes.c_char_p)]


class XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
    ]


def xlib():
    x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                             ctypes.POINTER(ctypes.c_ulong),
                             ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                             ctypes.POINTER(ctypes.c_uint)]
    x.XGetClassHint.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XClassHint)]
    x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                       ctypes.POINTER(XWindowAttributes)]
    x.XGetImage.restype = ctypes.POINTER(XImage)
    x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                            ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    return x


def find_window(x, dpy, root):
    """The mapped top-level window of class "orgpath" (its title is the dataset's, in
    UTF-8, which WM_NAME does not carry), as (x, y, w, h)."""
    r, p = ctypes.c_ulong(), ctypes.c_ulong()
    kids, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    if not x.XQueryTree(dpy, root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n)):
        return None
    found = None
    for i in range(n.value):
        w = kids[i]
        hint = XClassHint()
        if not x.XGetClassHint(dpy, w, ctypes.byref(hint)):
            continue
        names = (hint.res_name or b"", hint.res_class or b"")
        if not any(v.lower().startswith(b"orgpath") for v in names):
            continue
        a = XWindowAttributes()
        x.XGetWindowAttributes(dpy, w, ctypes.byref(a))
        if a.map_state == 2:  # IsViewable
            found = (a.x, a.y, a.width, a.height)
    if n.value:
        x.XFree(kids)
    return found


def grab(x, dpy, root, box):
    """The window's pixels, every STEP-th in x and y, as 24-bit ints."""
    wx, wy, w, h = box
    img = x.XGetImage(dpy, root, wx, wy, w, h, 0xFFFFFF, 2)  # ZPixmap
    if not img:
        return None
    im = img.contents
    raw = ctypes.string_at(im.data, im.bytes_per_line * im.height)
    bpl = im.bytes_per_line
    out = array.array("I")
    for y in range(0, h, STEP):
        out.extend(memoryview(raw[y * bpl:y * bpl + w * 4]).cast("I")[::STEP])
    x.XDestroyImage(img)
    return [p & 0xFFFFFF for p in out]


def pss_mb(pid):
    """PSS of pid and all its descendants, in MB (1e6 bytes)."""
    todo, seen, total = [pid], set(), 0
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return total / 1e6


def main():
    x = xlib()
    dpy = x.XOpenDisplay(None)
    if not dpy:
        sys.exit("bench-start.py: cannot open the display")
    root = x.XDefaultRootWindow(dpy)
    t0 = time.monotonic()
    app = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    window_at, box, frames, pss = None, None, [], None
    try:
        while True:
            now = time.monotonic() - t0
            if now > RUN_FOR:
                break
            if pss is None and now >= PSS_AT:
                pss = pss_mb(app.pid)
            found = find_window(x, dpy, root)
            if found and window_at is None:
                window_at, box = now, found
            if box:
                f = grab(x, dpy, root, box)
                if f:
                    frames.append((time.monotonic() - t0, f))
            else:
                time.sleep(0.002)
    finally:
        app.terminate()
        try:
            app.wait(5)
        except subprocess.TimeoutExpired:
            app.kill()
    if window_at is None or not frames:
        print("window_ms=none diagram_ms=none pss_mb=%.0f empty_frames=0" % (pss or 0))
        return
    final = frames[-1][1]
    counts = {}
    for p in final:
        counts[p] = counts.get(p, 0) + 1
    # The two commonest colours are the canvas and the panels' surface (white in the
    # light theme, like an empty page): what is left is ink, lines and cards' edges.
    plain = set(sorted(counts, key=counts.get)[-2:])
    mask = [i for i, p in enumerate(final) if p not in plain]
    diagram_at, empty = None, 0
    for t, f in frames:
        px = f
        share = sum(1 for i in mask if px[i] == final[i]) / max(1, len(mask))
        if os.environ.get("BENCH_TRACE"):
            print("  %.0f ms: %.2f of the final picture" % (t * 1000, share), file=sys.stderr)
        if diagram_at is None and share >= 0.9:
            diagram_at = t
        if diagram_at is None and share < 0.5:
            empty += 1
    print("window_ms=%.0f diagram_ms=%s pss_mb=%.0f empty_frames=%d frames=%d" % (
        window_at * 1000, "%.0f" % (diagram_at * 1000) if diagram_at else "none", pss or 0,
        empty, len(frames)))


if __name__ == "__main__":
    main()
