/* The per-character loop of ingest/textlayer.py (_Reader.chars), in C.
 *
 * For each character of a PDFium text page: its text object (0 for the spaces and line breaks
 * PDFium generates, which are left out) and its origin. PDFium's functions come in as the
 * addresses pypdfium2 already loaded, so nothing here links against PDFium and this library has
 * no dependency but libc; Python calls it through cffi (ABI mode) and falls back to the same loop
 * in Python when it is not built. Built by `make` (see the Makefile's `native` target).
 */
#include <stdint.h>

typedef void *(*get_text_object_fn)(void *textpage, int index);
typedef int (*get_char_origin_fn)(void *textpage, int index, double *x, double *y);

/* Fills objs/index/xs/ys (each of room for n) with the characters that have a text object and
 * returns how many. xy is the caller's origin buffer, used as FPDFText_GetCharOrigin's out
 * parameters and left holding the last values, as the Python loop leaves it. */
int tieuchi_char_origins(void *get_text_object, void *get_char_origin, void *textpage, int n,
                         double *xy, uintptr_t *objs, int *index, double *xs, double *ys)
{
    get_text_object_fn get_obj = (get_text_object_fn)get_text_object;
    get_char_origin_fn origin = (get_char_origin_fn)get_char_origin;
    int m = 0;
    for (int i = 0; i < n; i++) {
        void *obj = get_obj(textpage, i);
        if (!obj)
            continue;
        origin(textpage, i, xy, xy + 1);
        objs[m] = (uintptr_t)obj;
        index[m] = i;
        xs[m] = xy[0];
        ys[m] = xy[1];
        m++;
    }
    return m;
}
