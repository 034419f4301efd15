/*
 * shim.h — the small part of ncursesw that Swift cannot import directly.
 *
 * Swift imports real C functions but not function-like macros, complex macro
 * constants (A_* attributes) or C globals under Swift 6 strict concurrency
 * (stdscr, stdout, ...). Each wrapper here is a `static inline` function so
 * the system-library target needs no compiled C code of its own.
 */
#ifndef SHIPSHAPE_CNCURSES_SHIM_H
#define SHIPSHAPE_CNCURSES_SHIM_H

/* SwiftPM drops -D_XOPEN_SOURCE from the .pc file; without this the wide
 * API (wget_wch, cchar_t, mvwin_wch) stays invisible. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* glibc hides wcwidth unless _XOPEN_SOURCE is defined. */
extern int wcwidth(wchar_t c);

/* ---- attributes (NCURSES_BITS macros) ---------------------------------- */
static inline attr_t shim_A_NORMAL(void)    { return A_NORMAL; }
static inline attr_t shim_A_BOLD(void)      { return A_BOLD; }
static inline attr_t shim_A_DIM(void)       { return A_DIM; }
static inline attr_t shim_A_REVERSE(void)   { return A_REVERSE; }
static inline attr_t shim_A_UNDERLINE(void) { return A_UNDERLINE; }

/* ---- C globals (unreadable from Swift 6) -------------------------------- */
static inline FILE *shim_stdout(void) { return stdout; }
static inline FILE *shim_stdin(void)  { return stdin; }
/* The current screen's standard window (after newterm/set_term). */
static inline WINDOW *shim_stdscr(void) { return stdscr; }
/* Valid after start_color(). */
static inline int shim_colors(void)      { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

/* ---- terminfo ------------------------------------------------------------ */
/* tigetstr returns (char *)-1 for "not a string capability" and NULL for
 * "absent"; fold both into NULL so Swift sees one optional. */
static inline const char *shim_tigetstr(const char *cap) {
    char *s = tigetstr(cap);
    return (s == (char *)-1) ? NULL : s;
}

/* ---- width --------------------------------------------------------------- */
/* wcwidth depends on LC_CTYPE: in the "C" locale every non-ASCII character
 * is -1. Measure under a private C.UTF-8 locale (thread-local, via uselocale)
 * so widths are right whether or not the program called setlocale — the
 * in-memory test screen never does. Falls back to the current locale if
 * C.UTF-8 is missing. */
static inline int shim_wcwidth(wchar_t c) {
    static locale_t utf8 = (locale_t)0;
    static int tried = 0;
    locale_t loc = __atomic_load_n(&utf8, __ATOMIC_ACQUIRE);
    if (loc == (locale_t)0 && !__atomic_load_n(&tried, __ATOMIC_ACQUIRE)) {
        locale_t fresh = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        locale_t expected = (locale_t)0;
        if (fresh != (locale_t)0 &&
            !__atomic_compare_exchange_n(&utf8, &expected, fresh, 0,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            freelocale(fresh); /* another thread won the race */
        }
        __atomic_store_n(&tried, 1, __ATOMIC_RELEASE);
        loc = __atomic_load_n(&utf8, __ATOMIC_ACQUIRE);
    }
    if (loc == (locale_t)0) return wcwidth(c);
    locale_t old = uselocale(loc);
    int w = wcwidth(c);
    uselocale(old);
    return w;
}

/* ---- reading cells back (tests, diagnostics) ------------------------------ */
/* Reads the cell at (y, x): its first wide character, attributes and colour
 * pair. Returns ERR when the position is outside the window. */
static inline int shim_cell_at(WINDOW *win, int y, int x,
                               wchar_t *ch, attr_t *attrs, short *pair) {
    cchar_t cell;
    wchar_t text[CCHARW_MAX + 1];
    memset(&cell, 0, sizeof cell);
    if (mvwin_wch(win, y, x, &cell) == ERR) return ERR;
    if (getcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    *ch = text[0];
    return OK;
}

/* The attribute bits of a cell without its colour-pair bits. */
static inline attr_t shim_attr_without_color(attr_t a) { return a & ~A_COLOR; }

#endif
