"""Phone photos, photocopies and stamped pages: page outline, perspective, lighting, red ink.

Each step first makes a cheap test on a small copy of the page and leaves a clean scan as it
is (a scan's border is paper, its paper evenly lit), so ordinary pages pay a few milliseconds:

* :func:`find_page` — the page's outline when the image's border is darker than its paper
  (a photo of a page on a desk; a photocopy's dark edges). The paper is the bright region
  around the image centre, after a closing that wipes out the text; its corners are the
  extreme points of x+y and x−y.
* :func:`unwarp` — the outline mapped to an upright rectangle (a perspective transform), or
  a plain crop when the outline already is one (dark edges cut off).
* :func:`flatten` — uneven lighting (a shadow, a photocopy's grey cast) divided out: the
  background is estimated as the local brightest level of a small copy, so the paper comes
  out white everywhere and the ink keeps its contrast relative to its own surroundings.
* :func:`drop_colour_ink` — in colour images, red seals and blue or red signatures are made to
  vanish by reading each pixel from its brightest colour channel, where coloured ink is as
  bright as paper and black ink stays black (also where a seal covers the text).

Every step that changes the image says so (the names in :data:`CORRECTIONS`); the page
records them and its boxes refer to the corrected image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageFilter

from ingest.geometry import clamp_box

CORRECTIONS = ("exif_rotated", "colour_ink_removed", "perspective", "edges_cropped", "lighting_flattened")
"""Names a page's ``corrections`` may hold, besides ``rotated_90``/``rotated_180``/``rotated_270``."""

PROBE_SIDE = 400
"""The outline is looked for on a copy whose longer side is about this many pixels."""
DARK_BORDER_SHARE = 0.3
"""Share of the image's outer frame that must be darker than paper to look for an outline."""
MIN_PAGE_AREA = 0.2
"""An outline must hold at least this share of the image."""
EDGE_INSET = 0.006
"""The outline is pulled this share of the page's size inwards (no sliver of desk or edge shadow)."""
RECT_TOLERANCE = 0.012
"""Corners this close (share of the side) to the outline's bounding box: a crop, not a warp."""
UNEVEN_SPREAD = 40
"""Background levels spread over this many grey levels (5th to 95th percentile): flatten."""
COLOUR_SHARE = 0.0005
"""Share of strongly coloured pixels (seal, signature) from which the page is read without them."""


@dataclass(frozen=True)
class Quad:
    """A page's outline in image pixels: top-left, top-right, bottom-right, bottom-left."""

    tl: tuple[float, float]
    tr: tuple[float, float]
    br: tuple[float, float]
    bl: tuple[float, float]

    def points(self) -> list[tuple[float, float]]:
        return [self.tl, self.tr, self.br, self.bl]


def _otsu(values: np.ndarray) -> int:
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 127
    levels = np.arange(256, dtype=np.float64)
    w_b = np.cumsum(hist)
    w_f = total - w_b
    sum_b = np.cumsum(hist * levels)
    m_b = np.divide(sum_b, w_b, out=np.zeros_like(sum_b), where=w_b > 0)
    m_f = np.divide(sum_b[-1] - sum_b, w_f, out=np.zeros_like(sum_b), where=w_f > 0)
    between = w_b * w_f * (m_b - m_f) ** 2
    return int(np.argmax(between))


def _small(grey: Image.Image, side: int = PROBE_SIDE) -> tuple[Image.Image, float]:
    factor = max(1, max(grey.size) // side)
    return (grey.reduce(factor) if factor > 1 else grey), float(factor)


def _area(points: list[tuple[float, float]]) -> float:
    s = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        s += x0 * y1 - x1 * y0
    return abs(s) / 2


def find_page(grey: Image.Image) -> Quad | None:
    """The outline of the page in a grey image whose border is darker than its paper; None when the
    image is the page already (a scan) or no plausible outline is found."""
    small, factor = _small(grey)
    w, h = small.size
    if w < 20 or h < 20:
        return None
    # a scan's outer frame is paper (the text's own Otsu split puts it on the bright side): done
    raw = np.asarray(small, dtype=np.uint8)
    m = max(1, min(w, h) // 50)
    rim = np.concatenate([raw[:m].ravel(), raw[-m:].ravel(), raw[:, :m].ravel(), raw[:, -m:].ravel()])
    if float((rim <= _otsu(raw)).mean()) < DARK_BORDER_SHARE:
        return None
    # closing at about a text line's height wipes out the ink: what is left is paper against desk
    k = max(3, (min(w, h) // 60) | 1)
    closed = small.filter(ImageFilter.MaxFilter(k)).filter(ImageFilter.MinFilter(k))
    arr = np.asarray(closed, dtype=np.uint8)
    t = _otsu(arr)
    bright = arr > t
    if bright.mean() < MIN_PAGE_AREA or float(arr[bright].mean()) - float(arr[~bright].mean() if (~bright).any() else 255) < 30:
        return None
    frame = np.concatenate([bright[:m].ravel(), bright[-m:].ravel(), bright[:, :m].ravel(), bright[:, -m:].ravel()])
    if (1.0 - frame.mean()) < DARK_BORDER_SHARE:
        return None
    # the paper: the bright region holding the image centre (or, failing that, the largest near it)
    seed = _seed(bright)
    if seed is None:
        return None
    region = _component(bright, seed)
    if region.mean() < MIN_PAGE_AREA:
        return None
    ys, xs = np.nonzero(region)
    s, d = xs + ys, xs - ys
    pick = [(xs[np.argmin(s)], ys[np.argmin(s)]), (xs[np.argmax(d)], ys[np.argmax(d)]),
            (xs[np.argmax(s)], ys[np.argmax(s)]), (xs[np.argmin(d)], ys[np.argmin(d)])]
    pts = [((float(x) + 0.5) * factor, (float(y) + 0.5) * factor) for x, y in pick]
    if _area(pts) < MIN_PAGE_AREA * grey.width * grey.height:
        return None
    quad = Quad(*pts)
    return _inset(quad, EDGE_INSET)


def _component(mask: np.ndarray, seed: tuple[int, int]) -> np.ndarray:
    """The 4-connected part of ``mask`` holding ``seed`` (x, y), grown by shifts (no per-pixel loop)."""
    region = np.zeros_like(mask)
    region[seed[1], seed[0]] = True
    for _ in range(mask.shape[0] * mask.shape[1]):
        grown = region.copy()
        grown[1:] |= region[:-1]
        grown[:-1] |= region[1:]
        grown[:, 1:] |= region[:, :-1]
        grown[:, :-1] |= region[:, 1:]
        grown &= mask
        if np.array_equal(grown, region):
            break
        region = grown
    return region


def _seed(bright: np.ndarray) -> tuple[int, int] | None:
    h, w = bright.shape
    for fy, fx in ((0.5, 0.5), (0.4, 0.5), (0.6, 0.5), (0.5, 0.4), (0.5, 0.6), (0.3, 0.3), (0.7, 0.7), (0.3, 0.7), (0.7, 0.3)):
        y, x = int(h * fy), int(w * fx)
        if bright[y, x]:
            return (x, y)
    return None


def _inset(q: Quad, share: float) -> Quad:
    cx = sum(p[0] for p in q.points()) / 4
    cy = sum(p[1] for p in q.points()) / 4
    return Quad(*[(x + (cx - x) * share * 2, y + (cy - y) * share * 2) for x, y in q.points()])


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def perspective_coefficients(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> tuple[float, ...]:
    """Pillow's PERSPECTIVE data mapping each ``dst`` (output) point to its ``src`` (input) point."""
    a = []
    b = []
    for (xd, yd), (xs, ys) in zip(dst, src, strict=True):
        a.append([xd, yd, 1, 0, 0, 0, -xs * xd, -xs * yd])
        a.append([0, 0, 0, xd, yd, 1, -ys * xd, -ys * yd])
        b += [xs, ys]
    return tuple(float(v) for v in np.linalg.solve(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)))


def unwarp(grey: Image.Image, quad: Quad) -> tuple[Image.Image, str] | None:
    """The page inside ``quad`` as an upright rectangle: ('perspective') or, when the outline is
    one already, a crop ('edges_cropped'); None when the outline is degenerate.

    Only ``quad`` and the image's size decide what is done, so the same call on a colour copy of
    the same image (a crop shown to a reviewer) cuts out the same page."""
    tl, tr, br, bl = quad.points()
    out_w = round(max(_dist(tl, tr), _dist(bl, br)))
    out_h = round(max(_dist(tl, bl), _dist(tr, br)))
    if out_w < 50 or out_h < 50:
        return None
    xs, ys = [p[0] for p in quad.points()], [p[1] for p in quad.points()]
    bx0, by0, bx1, by1 = min(xs), min(ys), max(xs), max(ys)
    tol_x, tol_y = RECT_TOLERANCE * (bx1 - bx0), RECT_TOLERANCE * (by1 - by0)
    rect = [(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)]
    if all(abs(p[0] - r[0]) <= tol_x and abs(p[1] - r[1]) <= tol_y for p, r in zip(quad.points(), rect, strict=True)):
        inner = (max(tl[0], bl[0]), max(tl[1], tr[1]), min(tr[0], br[0]), min(bl[1], br[1]))
        box = clamp_box(inner, grey.width, grey.height, min_size=50)
        if box is None or box == (0, 0, grey.width, grey.height):
            return None
        return grey.crop(box), "edges_cropped"
    try:
        coeffs = perspective_coefficients(quad.points(), [(0, 0), (out_w, 0), (out_w, out_h), (0, out_h)])
    except np.linalg.LinAlgError:
        return None
    white = 255 if len(grey.getbands()) == 1 else (255,) * len(grey.getbands())
    out = grey.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=white)
    return out, "perspective"


def background(grey: Image.Image) -> tuple[Image.Image, float]:
    """A small copy of the paper's brightness (text wiped out) and its scale factor."""
    small, factor = _small(grey, 160)
    k = max(3, (min(small.size) // 30) | 1)
    bg = small.filter(ImageFilter.MaxFilter(k)).filter(ImageFilter.MinFilter(3)).filter(ImageFilter.GaussianBlur(k / 2))
    return bg, factor


def flatten(grey: Image.Image) -> Image.Image | None:
    """``grey`` with its uneven background divided out, or None when the lighting is even already."""
    bg, _ = background(grey)
    levels = np.asarray(bg, dtype=np.float32)
    lo, hi = np.percentile(levels, [5, 95])
    if hi - lo < UNEVEN_SPREAD and hi >= 200:
        return None
    full = np.asarray(bg.resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32)
    arr = np.asarray(grey, dtype=np.float32)
    out = np.clip(arr * 255.0 / np.maximum(full, 16.0), 0, 255).astype(np.uint8)
    # the division leaves the ink at its old share of the paper: stretch it back to black
    cum = np.cumsum(np.bincount(out.ravel(), minlength=256))
    ink = int(np.searchsorted(cum, 0.01 * cum[-1]))
    if ink < 200:
        lut = [min(255, max(0, round((v - ink) * 255 / (255 - ink)))) for v in range(256)]
        return Image.fromarray(out, "L").point(lut)
    return Image.fromarray(out, "L")


def drop_colour_ink(rgb: Image.Image) -> Image.Image | None:
    """A colour page read without its coloured ink (red seals, blue or red signatures), or None when
    it has none.

    A coloured pixel is read from its brightest channel: red ink is bright in red, blue ink in
    blue, so both come out as light as paper, while black print is dark in every channel and stays,
    also where a seal or a signature lies over it. Grey pixels (the print, and JPEG's colour
    fringes along its strokes) keep their luminance, so thin strokes do not get thinner.
    """
    small, _ = _small(rgb, 600)
    arr = np.asarray(small.convert("RGB"), dtype=np.int16)
    hi, lo = arr.max(axis=-1), arr.min(axis=-1)
    inked = (hi > 110) & (hi - lo > 60)
    if inked.mean() < COLOUR_SHARE:
        return None
    # per pixel, in Pillow's channel operations (0.1 s for a 300 dpi A4 page; numpy took 1.5 s):
    # out = lum + weight * (lifted - lum), weight from the pixel's colourfulness (hi - lo)
    r, g, b = rgb.convert("RGB").split()
    hi = ImageChops.lighter(ImageChops.lighter(r, g), b)
    lo = ImageChops.darker(ImageChops.darker(r, g), b)
    weight = ImageChops.subtract(hi, lo).point(_WEIGHT)
    # ink is never quite as bright as paper in its own channel (a seal's red reads ~200): lift it
    # the rest of the way; print under the ink is dark in that channel too and stays dark
    lifted = hi.point(_LIFT)
    return Image.composite(lifted, rgb.convert("L"), weight)


_WEIGHT = [round(min(1.0, max(0.0, (v - 30) / 40.0)) * 255) for v in range(256)]
"""Colourfulness (brightest minus darkest channel) → how far a pixel is read from its brightest channel."""
_LIFT = [min(255, round(v * 1.25)) for v in range(256)]


def correct(grey: Image.Image) -> tuple[Image.Image, list[str]]:
    """Outline and perspective (or edge crop), then lighting: the steps a photo or photocopy needs."""
    out, done, _ = correct_page(grey)
    return out, done


def correct_page(grey: Image.Image) -> tuple[Image.Image, list[str], Quad | None]:
    """:func:`correct`, and the outline it cut out (None when the page was left whole)."""
    done: list[str] = []
    quad = find_page(grey)
    used = None
    if quad is not None:
        got = unwarp(grey, quad)
        if got is not None:
            grey, what = got
            done.append(what)
            used = quad
    flat = flatten(grey)
    if flat is not None:
        grey = flat
        done.append("lighting_flattened")
    return grey, done, used
