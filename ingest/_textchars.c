/* The per-character loops of ingest/textlayer.py (_Reader.chars) and ingest/layout.py
 * (chars_to_words, and group_lines' grouping), and the walk of page_edges, in C.
 *
 * PDFium's functions come in as the addresses pypdfium2 already loaded, so nothing here links
 * against PDFium and this library has no dependency but libc; Python calls it through cffi (ABI
 * mode) and falls back to the same loops in Python when it is not built (tests/test_textlayer_fast.py
 * compares the two). Built by `make` (see the Makefile's `native` target), with -ffp-contract=off
 * so every box is the very double Python computes.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { float a, b, c, d, e, f; } fs_matrix;
typedef struct { float left, top, right, bottom; } fs_rectf;

typedef void *(*get_text_object_fn)(void *textpage, int index);
typedef int (*get_char_origin_fn)(void *textpage, int index, double *x, double *y);
typedef int (*get_matrix_fn)(void *textpage, int index, fs_matrix *matrix);
typedef double (*get_font_size_fn)(void *textpage, int index);
typedef int (*get_loose_box_fn)(void *textpage, int index, fs_rectf *rect);
typedef void *(*get_font_fn)(void *text_object);
typedef int (*get_glyph_width_fn)(void *font, uint32_t glyph, float font_size, float *width);

/* The PDFium functions, in this order, as the caller passes them to tieuchi_reader_new. */
typedef struct {
    get_text_object_fn get_text_object;
    get_char_origin_fn get_char_origin;
    get_matrix_fn get_matrix;
    get_font_size_fn get_font_size;
    get_loose_box_fn get_loose_box;
    get_font_fn get_font;
    get_glyph_width_fn get_glyph_width;
} pdfium_fns;

#define CHECKS 40              /* _CHECKS: characters compared before a font's widths are trusted */
#define TRUST_TOLERANCE 0.02   /* _TRUST_TOLERANCE */
#define NO_WIDTH (-2.0)        /* the font has no width for the character (Python's None) */

typedef struct { void *handle; int agreed, checked, holds; } font_state;          /* _Font */
typedef struct { uint64_t key; double w; } width_slot;                             /* _Font.widths */
typedef struct { uintptr_t obj; int font; double size, descent; int scaled; } run_state; /* _Run */

/* Per-document state (_Reader): the fonts met so far, their widths, and the out-parameter
 * buffers that, as in Python, keep their last values when a PDFium call fails. */
typedef struct {
    pdfium_fns fn;
    font_state *fonts;
    int nfonts, font_room;
    width_slot *widths;
    size_t nwidths, width_room; /* width_room: a power of 2 */
    double xy[2];
    fs_rectf rect;
    fs_matrix matrix;
} reader;

void *tieuchi_reader_new(void **fns)
{
    reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    memcpy(&r->fn, fns, sizeof r->fn);
    return r;
}

void tieuchi_reader_free(void *p)
{
    reader *r = p;
    if (!r)
        return;
    free(r->fonts);
    free(r->widths);
    free(r);
}

static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

/* _Font.width: the advance of `code` at size 1 from the font's width table, or NO_WIDTH.
 * Returns -3.0 when out of memory. */
static double font_width(reader *r, int font, uint32_t code)
{
    uint64_t key = ((uint64_t)(font + 1) << 32) | code;
    if (2 * (r->nwidths + 1) > r->width_room) {
        size_t room = r->width_room ? 2 * r->width_room : 1024;
        width_slot *t = calloc(room, sizeof *t);
        if (!t)
            return -3.0;
        for (size_t k = 0; k < r->width_room; k++) {
            if (!r->widths[k].key)
                continue;
            size_t h = mix(r->widths[k].key) & (room - 1);
            while (t[h].key)
                h = (h + 1) & (room - 1);
            t[h] = r->widths[k];
        }
        free(r->widths);
        r->widths = t;
        r->width_room = room;
    }
    size_t h = mix(key) & (r->width_room - 1);
    while (r->widths[h].key) {
        if (r->widths[h].key == key)
            return r->widths[h].w;
        h = (h + 1) & (r->width_room - 1);
    }
    float wf = 0.0f;
    int ok = r->fn.get_glyph_width(r->fonts[font].handle, code, 1000.0f, &wf);
    double w = ok && wf > 0 ? (double)wf / 1000.0 : NO_WIDTH;
    r->widths[h].key = key;
    r->widths[h].w = w;
    r->nwidths++;
    return w;
}

/* _Font.check */
static void font_check(font_state *f, int agreed)
{
    f->checked++;
    f->agreed += agreed;
    f->holds = (double)f->agreed >= 0.9 * (double)f->checked;
}

/* _Reader._run: 0, or -1 (no text matrix), -2 (rotated or mirrored), -3 (out of memory). */
static int new_run(reader *r, void *tp, int i, run_state *run)
{
    if (!r->fn.get_matrix(tp, i, &r->matrix))
        return -1;
    fs_matrix *m = &r->matrix;
    if (fabs((double)m->b) > 1e-6 || fabs((double)m->c) > 1e-6 || m->a <= 0 || m->d <= 0)
        return -2;
    double size = r->fn.get_font_size(tp, i);
    double x = 0.0, y = 0.0;
    r->fn.get_char_origin(tp, i, &x, &y);
    r->fn.get_loose_box(tp, i, &r->rect);
    void *handle = r->fn.get_font(r->fn.get_text_object(tp, i));
    int font = -1;
    for (int k = 0; k < r->nfonts; k++)
        if (r->fonts[k].handle == handle) {
            font = k;
            break;
        }
    if (font < 0) {
        if (r->nfonts == r->font_room) {
            int room = r->font_room ? 2 * r->font_room : 16;
            font_state *t = realloc(r->fonts, room * sizeof *t);
            if (!t)
                return -3;
            r->fonts = t;
            r->font_room = room;
        }
        font = r->nfonts++;
        r->fonts[font] = (font_state){handle, 0, 0, 1};
    }
    run->font = font;
    run->size = size;
    run->descent = y - (double)r->rect.bottom;
    run->scaled = fabs((double)m->a - (double)m->d) > 1e-6;
    return 0;
}

/* _Reader.chars after the text: for each of the n characters of a PDFium text page that has a
 * text object (PDFium's generated spaces and line breaks are left out), its code (from `text`,
 * the page's text as UTF-32) and box (x0, top, x1, bottom as pdfminer makes them). Returns how
 * many, or -1 / -2 / -3 as new_run. Each out array has room for n. */
int tieuchi_page_chars(void *p, void *tp, int n, const uint32_t *text, double height,
                       uint32_t *codes, double *x0s, double *tops, double *x1s, double *bottoms)
{
    reader *r = p;
    uintptr_t *objs = malloc((size_t)(n ? n : 1) * sizeof *objs);
    int *index = malloc((size_t)(n ? n : 1) * sizeof *index);
    double *xs = malloc((size_t)(n ? n : 1) * sizeof *xs);
    double *ys = malloc((size_t)(n ? n : 1) * sizeof *ys);
    size_t run_room = 16;
    while (run_room < 2 * (size_t)n)
        run_room *= 2;
    run_state *runs = calloc(run_room, sizeof *runs);
    int m = 0, out = 0;
    if (!objs || !index || !xs || !ys || !runs) {
        out = -3;
        goto done;
    }
    for (int i = 0; i < n; i++) { /* _Reader._origins */
        void *obj = r->fn.get_text_object(tp, i);
        if (!obj)
            continue;
        r->fn.get_char_origin(tp, i, r->xy, r->xy + 1);
        objs[m] = (uintptr_t)obj;
        index[m] = i;
        xs[m] = r->xy[0];
        ys[m] = r->xy[1];
        m++;
    }
    uintptr_t last_obj = 0;
    run_state *run = NULL;
    font_state *font = NULL;
    int trusted = 0;
    for (int j = 0; j < m; j++) {
        uintptr_t obj = objs[j];
        int i = index[j];
        double x0 = xs[j], base = ys[j];
        if (obj != last_obj) {
            size_t h = mix(obj) & (run_room - 1);
            while (runs[h].obj && runs[h].obj != obj)
                h = (h + 1) & (run_room - 1);
            if (!runs[h].obj) {
                int err = new_run(r, tp, i, &runs[h]);
                if (err) {
                    out = err;
                    goto done;
                }
                runs[h].obj = obj;
            }
            run = &runs[h];
            last_obj = obj;
            font = &r->fonts[run->font];
            trusted = font->holds && font->checked >= CHECKS && !run->scaled;
        }
        uint32_t ch = text[i];
        double w = font_width(r, run->font, ch);
        if (w == -3.0) {
            out = -3;
            goto done;
        }
        int has_w = w != NO_WIDTH;
        double size = run->size, x1;
        if (has_w && trusted) {
            x1 = x0 + w * size;
        } else {
            int has_after = 0;
            double after = 0.0;
            if (j + 1 < m && objs[j + 1] == obj && fabs(ys[j + 1] - base) < 0.01 && xs[j + 1] >= x0) {
                has_after = 1;
                after = xs[j + 1];
            }
            if (has_w && has_after && font->checked < CHECKS) {
                font_check(font, fabs(x0 + w * size - after) < TRUST_TOLERANCE);
                trusted = font->holds && font->checked >= CHECKS && !run->scaled;
            }
            if (has_w && font->holds && !run->scaled)
                x1 = x0 + w * size;
            else if (has_after)
                x1 = after;
            else if (r->fn.get_loose_box(tp, i, &r->rect)) /* _Reader._loose_right */
                x1 = (double)r->rect.right > x0 ? (double)r->rect.right : x0;
            else
                x1 = x0;
        }
        double bottom = height - base + run->descent;
        codes[out] = ch;
        x0s[out] = x0;
        tops[out] = bottom - size;
        x1s[out] = x1;
        bottoms[out] = bottom;
        out++;
    }
done:
    free(objs);
    free(index);
    free(xs);
    free(ys);
    free(runs);
    return out;
}

/* Python's str.isspace (Unicode White_Space: bidirectional class WS, B or S, or category Zs). */
int tieuchi_isspace(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* pdfplumber's expand_ligatures (layout.py's _LIGATURES): writes the expansion, returns its length. */
/* Whether any of the n values is NaN: Python's sorts order NaN keys by their own algorithm's
 * steps, so the callers leave such pages to the Python loops (-4). */
static int any_nan(int n, const double *a)
{
    for (int k = 0; k < n; k++)
        if (a[k] != a[k])
            return 1;
    return 0;
}

static int expand(uint32_t c, uint32_t *out)
{
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"}; /* U+FB00..U+FB06 */
    if (c < 0xFB00 || c > 0xFB06) {
        out[0] = c;
        return 1;
    }
    const char *s = lig[c - 0xFB00];
    int k = 0;
    for (; s[k]; k++)
        out[k] = (uint32_t)(unsigned char)s[k];
    return k;
}

/* Stable merge sort of the indices a[0..n) by key[index] (tmp: room for n). A run already in
 * order is left as it is, so the near-sorted orders of a page (stream order is mostly top to
 * bottom, left to right) cost little more than a pass. */
static void merge_sort(int *a, int *tmp, int n, const double *key)
{
    if (n < 2)
        return;
    if (n <= 16) { /* insertion sort: stable, since it moves an index only past larger keys */
        for (int k = 1; k < n; k++) {
            int v = a[k], j = k;
            while (j > 0 && key[a[j - 1]] > key[v]) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    int h = n / 2;
    merge_sort(a, tmp, h, key);
    merge_sort(a + h, tmp, n - h, key);
    if (!(key[a[h - 1]] > key[a[h]]))
        return; /* the two halves are already in order */
    memcpy(tmp, a, (size_t)h * sizeof *a);
    int i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = key[a[j]] < key[tmp[i]] ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* chars_to_words: the m characters (codes and boxes) → words. Each word's text goes to `text`
 * (UTF-32, room for 4 m) followed by a line feed (a blank: never inside a word), its box to the
 * word arrays (room for m). Returns the number of words (and sets *text_len), -3 when out of
 * memory, -4 when a box has a NaN. */
int tieuchi_words(int m, const uint32_t *codes, const double *x0s, const double *tops, const double *x1s,
                  const double *bottoms, double x_tolerance, double y_tolerance, uint32_t *text, int *text_len,
                  double *wx0, double *wtop, double *wx1, double *wbottom)
{
    *text_len = 0;
    if (m <= 0)
        return 0;
    if (any_nan(m, x0s) || any_nan(m, tops) || any_nan(m, x1s) || any_nan(m, bottoms))
        return -4;
    int *order = malloc((size_t)m * sizeof *order);
    int *tmp = malloc((size_t)m * sizeof *tmp);
    int *lines = malloc((size_t)m * sizeof *lines);
    int *start = malloc(((size_t)m + 1) * sizeof *start);
    if (!order || !tmp || !lines || !start) {
        free(order);
        free(tmp);
        free(lines);
        free(start);
        return -3;
    }
    /* _cluster_lines: distinct tops chained within the tolerance, in order of top */
    for (int k = 0; k < m; k++)
        order[k] = k;
    merge_sort(order, tmp, m, tops);
    int nlines = 0;
    double last = tops[order[0]];
    for (int k = 0; k < m; k++) {
        int i = order[k];
        if (k == 0 || tops[i] > last + y_tolerance)
            nlines++;
        last = tops[i];
        lines[i] = nlines - 1;
    }
    /* each line's characters in stream order (a counting sort by line), then stably sorted by x0 */
    memset(start, 0, ((size_t)m + 1) * sizeof *start);
    for (int i = 0; i < m; i++)
        start[lines[i] + 1]++;
    for (int l = 0; l < nlines; l++)
        start[l + 1] += start[l];
    memcpy(tmp, start, (size_t)nlines * sizeof *tmp);
    for (int i = 0; i < m; i++)
        order[tmp[lines[i]]++] = i;
    for (int l = 0; l < nlines; l++)
        merge_sort(order + start[l], tmp, start[l + 1] - start[l], x0s);
    int nw = 0, len = 0, open = 0;
    /* a word ends: its text closed by a line break, its box written */
#define END_WORD() (text[len++] = '\n', wx0[nw] = x0, wtop[nw] = top, wx1[nw] = x1, wbottom[nw] = bottom, nw++)
    double px0 = 0, px1 = 0, ptop = 0, x0 = 0, top = 0, x1 = 0, bottom = 0;
    for (int k = 0; k < m; k++) {
        int i = order[k];
        if (k && lines[i] != lines[order[k - 1]] && open) { /* a line's last word */
            END_WORD();
            open = 0;
        }
        uint32_t c = codes[i];
        double cx0 = x0s[i], ctop = tops[i], cx1 = x1s[i], cbottom = bottoms[i];
        if (tieuchi_isspace(c)) {
            if (open)
                END_WORD();
            open = 0;
            continue;
        }
        if (open && (cx0 < px0 || cx0 > px1 + x_tolerance || fabs(ctop - ptop) > y_tolerance)) {
            END_WORD();
            open = 0;
        }
        len += expand(c, text + len);
        if (!open) {
            x0 = cx0, top = ctop, x1 = cx1, bottom = cbottom;
            open = 1;
        } else {
            if (cx0 < x0)
                x0 = cx0;
            if (ctop < top)
                top = ctop;
            if (cx1 > x1)
                x1 = cx1;
            if (cbottom > bottom)
                bottom = cbottom;
        }
        px0 = cx0, px1 = cx1, ptop = ctop;
    }
    if (open)
        END_WORD();
#undef END_WORD
    free(order);
    free(tmp);
    free(lines);
    free(start);
    *text_len = len;
    return nw;
}

/* group_lines (ingest/layout.py) without the models: the nw words in order of (top rounded to
 * 0.1, as Python's round gives it in rtop; x0), each joining the last line when its top is within
 * half the line's height (median bottom minus median top so far, at least 1) of its median top.
 * Writes the words line by line, each line left to right (stable in x0), to order (room nw) and
 * each line's start to row_start (room nw + 1, the last entry nw). Returns the number of lines,
 * -3 when out of memory, -4 when a value is NaN. */
int tieuchi_group_lines(int nw, const double *rtop, const double *x0, const double *top, const double *bottom,
                        int *order, int *row_start)
{
    if (nw <= 0) {
        row_start[0] = 0;
        return 0;
    }
    if (any_nan(nw, rtop) || any_nan(nw, x0) || any_nan(nw, top) || any_nan(nw, bottom))
        return -4;
    int *tmp = malloc((size_t)nw * sizeof *tmp);
    double *tops = malloc((size_t)nw * sizeof *tops);
    double *bottoms = malloc((size_t)nw * sizeof *bottoms);
    if (!tmp || !tops || !bottoms) {
        free(tmp);
        free(tops);
        free(bottoms);
        return -3;
    }
    for (int k = 0; k < nw; k++)
        order[k] = k;
    merge_sort(order, tmp, nw, x0); /* stable by x0, then stable by rounded top: by (rtop, x0) */
    merge_sort(order, tmp, nw, rtop);
    int rows = 0, n = 0;
    double mtop = 0.0, mbottom = 0.0;
    for (int k = 0; k < nw; k++) {
        int w = order[k];
        double d = mbottom - mtop, limit = 1.0 > d ? 1.0 : d; /* max(bottom - top, 1.0) */
        if (rows && fabs(top[w] - mtop) < 0.5 * limit) {
            int j = n; /* bisect.insort: after equal values */
            while (j > 0 && tops[j - 1] > top[w]) {
                tops[j] = tops[j - 1];
                j--;
            }
            tops[j] = top[w];
            j = n;
            while (j > 0 && bottoms[j - 1] > bottom[w]) {
                bottoms[j] = bottoms[j - 1];
                j--;
            }
            bottoms[j] = bottom[w];
            n++;
        } else {
            row_start[rows++] = k;
            tops[0] = top[w];
            bottoms[0] = bottom[w];
            n = 1;
        }
        int h = n / 2;
        mtop = n % 2 ? tops[h] : (tops[h - 1] + tops[h]) / 2;
        mbottom = n % 2 ? bottoms[h] : (bottoms[h - 1] + bottoms[h]) / 2;
    }
    row_start[rows] = nw;
    for (int r = 0; r < rows; r++) /* row.sort(key=x0): stable */
        merge_sort(order + row_start[r], tmp, row_start[r + 1] - row_start[r], x0);
    free(tmp);
    free(tops);
    free(bottoms);
    return rows;
}

/* page_edges (ingest/textlayer.py): the horizontal and vertical segments of a page's paths,
 * descending into form XObjects, in the order and with the arithmetic of the Python loops. */
typedef int (*count_fn)(void *container);
typedef void *(*get_fn)(void *container, int index);
typedef struct {
    count_fn page_count;
    get_fn page_get;
    count_fn form_count;
    get_fn form_get;
    int (*obj_type)(void *obj);
    int (*obj_matrix)(void *obj, fs_matrix *matrix);
    int (*path_count)(void *path);
    void *(*path_segment)(void *path, int index);
    int (*segment_point)(void *segment, float *x, float *y);
    int (*segment_type)(void *segment);
    int (*segment_close)(void *segment);
} path_fns;

#define PAGEOBJ_PATH 2
#define PAGEOBJ_FORM 5
#define SEGMENT_MOVETO 2

typedef struct {
    const path_fns *fn;
    double height;
    int n, room; /* edges found; room in the out arrays (more are counted, not written) */
    double *x0, *x1, *top, *bottom, *width, *hgt;
    int *vertical;
    double *pts; /* the current subpath's points (x, y pairs) */
    int npts, pts_room;
} edge_walk;

static int add_point(edge_walk *w, double x, double y)
{
    if (w->npts == w->pts_room) {
        int room = w->pts_room ? 2 * w->pts_room : 64;
        double *t = realloc(w->pts, (size_t)room * 2 * sizeof *t);
        if (!t)
            return -3;
        w->pts = t;
        w->pts_room = room;
    }
    w->pts[2 * w->npts] = x;
    w->pts[2 * w->npts + 1] = y;
    w->npts++;
    return 0;
}

static double py_min(double a, double b) { return b < a ? b : a; } /* Python's min(a, b) */
static double py_max(double a, double b) { return b > a ? b : a; } /* Python's max(a, b) */

/* the edges of one subpath (page_edges' inner loop over consecutive points) */
static void subpath_edges(edge_walk *w)
{
    for (int k = 0; k + 1 < w->npts; k++) {
        double x0 = w->pts[2 * k], y0 = w->pts[2 * k + 1], x1 = w->pts[2 * k + 2], y1 = w->pts[2 * k + 3];
        int vertical;
        if (x0 == x1)
            vertical = 1;
        else if (y0 == y1)
            vertical = 0;
        else
            continue;
        double top = w->height - py_max(y0, y1), bottom = w->height - py_min(y0, y1);
        if (w->n < w->room) {
            int i = w->n;
            w->x0[i] = py_min(x0, x1);
            w->x1[i] = py_max(x0, x1);
            w->top[i] = top;
            w->bottom[i] = bottom;
            w->width[i] = fabs(x1 - x0);
            w->hgt[i] = bottom - top;
            w->vertical[i] = vertical;
        }
        w->n++;
    }
}

/* _segments of one path object with its page-space matrix m (a, b, c, d, e, f) */
static int path_edges(edge_walk *w, void *obj, const double *m)
{
    const path_fns *fn = w->fn;
    float fx = 0.0f, fy = 0.0f;
    w->npts = 0;
    int count = fn->path_count(obj);
    for (int k = 0; k < count; k++) {
        void *seg = fn->path_segment(obj, k);
        fn->segment_point(seg, &fx, &fy);
        double px = fx, py = fy;
        double x = m[0] * px + m[2] * py + m[4], y = m[1] * px + m[3] * py + m[5];
        if (fn->segment_type(seg) == SEGMENT_MOVETO) {
            if (w->npts > 1)
                subpath_edges(w);
            w->npts = 0;
        }
        if (add_point(w, x, y))
            return -3;
        if (fn->segment_close(seg) && w->npts && add_point(w, w->pts[0], w->pts[1]))
            return -3;
    }
    if (w->npts > 1)
        subpath_edges(w);
    return 0;
}

/* _objects: path objects with their page-space matrix, descending into form XObjects */
static int object_edges(edge_walk *w, void *container, count_fn count, get_fn get, const double *outer)
{
    const path_fns *fn = w->fn;
    fs_matrix mf;
    int n = count(container);
    for (int k = 0; k < n; k++) {
        void *obj = get(container, k);
        int kind = fn->obj_type(obj);
        if (kind != PAGEOBJ_PATH && kind != PAGEOBJ_FORM)
            continue;
        if (!fn->obj_matrix(obj, &mf))
            continue;
        double a = mf.a, b = mf.b, c = mf.c, d = mf.d, e = mf.e, f = mf.f; /* _compose(inner, outer) */
        double A = outer[0], B = outer[1], C = outer[2], D = outer[3], E = outer[4], F = outer[5];
        double own[6] = {a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E,
                         e * B + f * D + F};
        int err = kind == PAGEOBJ_PATH ? path_edges(w, obj, own)
                                       : object_edges(w, obj, fn->form_count, fn->form_get, own);
        if (err)
            return err;
    }
    return 0;
}

/* Writes up to room edges (x0, x1, top, bottom, width, height, vertical) and returns how many the
 * page has (call again with more room when that is more), or -3 when out of memory. */
int tieuchi_page_edges(void **fns, void *page, double height, int room, double *x0, double *x1, double *top,
                       double *bottom, double *width, double *hgt, int *vertical)
{
    path_fns fn;
    memcpy(&fn, fns, sizeof fn);
    edge_walk w = {&fn, height, 0, room, x0, x1, top, bottom, width, hgt, vertical, NULL, 0, 0};
    const double identity[6] = {1.0, 0.0, 0.0, 1.0, 0.0, 0.0};
    int err = object_edges(&w, page, fn.page_count, fn.page_get, identity);
    free(w.pts);
    return err ? err : w.n;
}
