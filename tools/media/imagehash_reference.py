#!/usr/bin/env python3
"""Reference perceptual hashes for image_deduplicator, computed independently of the Java code.

Data-Juicer's image_deduplicator hashes each image with the imagededup library:
  load_image -> PIL convert('RGB') -> np.array -> imagededup encode_image(image_array=...) ->
  preprocess_image: Image.fromarray, resize(target_size, LANCZOS) on the RGB image, convert('L') ->
  ahash (8x8, >= mean), dhash (9x8, column differences), phash (32x32, 2-D DCT-II, top-left 8x8 >=
  median of the 63 AC terms), whash (256x256, /255, haar wavedec2 level 5, LL >= median) ->
  np.packbits row-major -> 16 hex digits.

Pillow and pywt are not installed here, so this script implements what it needs of them with numpy
(scipy.fftpack.dct is imagededup's own DCT): Pillow's two-pass LANCZOS resampling with its 22-bit
fixed-point coefficients (libImaging/Resample.c: precompute_coeffs, normalize_coeffs_8bpc, horizontal
pass then vertical, each rounded and clipped to 8 bits), Pillow's RGB->L conversion
((R*19595 + G*38470 + B*7471 + 0x8000) >> 16) and pywt's haar analysis (cA = x[2i+1]*h + x[2i]*h per
axis, rows first). PNGs are written and read by this script (zlib), so the Java side decodes files it
did not write.

Writes media/src/test/resources/imagehash/<name>.png and reference.json.
Usage: tools/media/imagehash_reference.py [repository root]
"""
import json
import math
import os
import struct
import sys
import zlib

import numpy as np
from scipy.fftpack import dct

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
OUT = os.path.join(ROOT, "media", "src", "test", "resources", "imagehash")

PRECISION_BITS = 32 - 8 - 2


# ---------------------------------------------------------------------------------------------
# PNG (8-bit; gray, RGB, RGBA, palette), enough for the fixtures
# ---------------------------------------------------------------------------------------------

def png_bytes(pixels, color_type, palette=None):
    """pixels: (h, w) for gray/palette, (h, w, c) otherwise; rows alternate filters None and Sub."""
    h, w = pixels.shape[:2]
    raw = bytearray()
    for y in range(h):
        row = pixels[y]
        if y % 2 == 0:
            raw.append(0)
            raw += row.astype(np.uint8).tobytes()
        else:
            raw.append(1)
            flat = row.astype(np.int32).reshape(w, -1)
            left = np.vstack([np.zeros((1, flat.shape[1]), np.int32), flat[:-1]])
            raw += ((flat - left) & 0xFF).astype(np.uint8).tobytes()

    def chunk(t, data):
        return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)

    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0))
    if palette is not None:
        out += chunk(b"PLTE", palette.astype(np.uint8).tobytes())
    return out + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def png_to_rgb(data):
    """Decodes the PNGs written above to (h, w, 3) uint8, as PIL's convert('RGB') gives them."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, palette = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        t, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8
        elif t == b"PLTE":
            palette = np.frombuffer(body, np.uint8).reshape(-1, 3)
        elif t == b"IDAT":
            idat += body
        pos += 12 + n
    channels = {0: 1, 2: 3, 3: 1, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * channels
    img = np.zeros((h, stride), np.int32)
    for y in range(h):
        f, row = raw[y * (stride + 1)], np.frombuffer(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)], np.uint8).astype(np.int32)
        if f == 0:
            img[y] = row
        elif f == 1:
            out = row.copy()
            for x in range(channels, stride):
                out[x] = (out[x] + out[x - channels]) & 0xFF
            img[y] = out
        else:
            raise ValueError("filter %d" % f)
    img = img.reshape(h, w, channels).astype(np.uint8)
    if ctype == 0:
        return np.repeat(img, 3, axis=2)
    if ctype == 3:
        return palette[img[:, :, 0]]
    return img[:, :, :3]  # RGB, or RGBA with the alpha dropped as convert('RGB') does


# ---------------------------------------------------------------------------------------------
# Pillow's LANCZOS resize of an 8-bit RGB image, and RGB -> L
# ---------------------------------------------------------------------------------------------

def sinc(x):
    if x == 0.0:
        return 1.0
    x = x * math.pi
    return math.sin(x) / x


def lanczos(x):
    return sinc(x) * sinc(x / 3) if -3.0 <= x < 3.0 else 0.0


def coefficients(in_size, out_size):
    """Pillow's precompute_coeffs + normalize_coeffs_8bpc: (xmin, [int coefficients]) per output."""
    scale = in_size / out_size
    filterscale = max(scale, 1.0)
    support = 3.0 * filterscale
    out = []
    for xx in range(out_size):
        center = (xx + 0.5) * scale
        ss = 1.0 / filterscale
        xmin = max(int(center - support + 0.5), 0)
        xmax = min(int(center + support + 0.5), in_size) - xmin
        w = [lanczos((x + xmin - center + 0.5) * ss) for x in range(xmax)]
        total = sum(w)  # the same left-to-right sum as the C loop
        if total != 0.0:
            w = [v / total for v in w]
        k = [int(-0.5 + v * (1 << PRECISION_BITS)) if v < 0 else int(0.5 + v * (1 << PRECISION_BITS)) for v in w]
        out.append((xmin, np.array(k, np.int64)))
    return out


def resample_axis(img, out_size, axis):
    """One pass along axis (1: horizontal, 0: vertical) of an (h, w, 3) uint8 image."""
    in_size = img.shape[axis]
    coeffs = coefficients(in_size, out_size)
    src = img.astype(np.int64)
    shape = list(img.shape)
    shape[axis] = out_size
    res = np.zeros(shape, np.int64)
    for o, (xmin, k) in enumerate(coeffs):
        window = np.take(src, range(xmin, xmin + len(k)), axis=axis)
        kk = k.reshape((-1, 1, 1) if axis == 0 else (1, -1, 1))
        acc = (1 << (PRECISION_BITS - 1)) + (window * kk).sum(axis=axis)
        if axis == 0:
            res[o] = acc
        else:
            res[:, o] = acc
    return np.clip(res >> PRECISION_BITS, 0, 255).astype(np.uint8)


def pil_resize(rgb, width, height):
    img = rgb
    if width != img.shape[1]:
        img = resample_axis(img, width, 1)
    if height != img.shape[0]:
        img = resample_axis(img, height, 0)
    return img


def to_l(rgb):
    r, g, b = (rgb[:, :, c].astype(np.int64) for c in range(3))
    return ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16).astype(np.uint8)


# ---------------------------------------------------------------------------------------------
# imagededup's four hashes
# ---------------------------------------------------------------------------------------------

def to_hex(bits):
    return "".join("%0.2x" % x for x in np.packbits(bits.flatten()))


def ahash(rgb):
    a = to_l(pil_resize(rgb, 8, 8))
    return to_hex(a >= np.mean(a)), a


def dhash(rgb):
    a = to_l(pil_resize(rgb, 9, 8))
    return to_hex(a[:, 1:] > a[:, :-1]), a


def phash(rgb):
    a = to_l(pil_resize(rgb, 32, 32))
    c = dct(dct(a, axis=0), axis=1)[:8, :8]
    med = np.median(c.flatten()[1:])
    gap = np.min(np.abs(np.delete(c.flatten(), np.argmin(np.abs(c.flatten() - med))) - med))
    return to_hex(c >= med), gap


def haar_ll(x):
    h = 0.7071067811865476  # pywt's haar dec_lo
    x = x[1::2, :] * h + x[0::2, :] * h
    return x[:, 1::2] * h + x[:, 0::2] * h


def whash(rgb):
    a = to_l(pil_resize(rgb, 256, 256)) / 255
    ll = a
    for _ in range(5):
        ll = haar_ll(ll)
    return to_hex(ll >= np.median(ll.flatten()))


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------

def field(rng, h, w, channels):
    """Smooth random waves plus a little noise: distinct pictures, no near-ties in the DCT."""
    y, x = np.mgrid[0:h, 0:w]
    out = np.zeros((h, w, channels))
    for c in range(channels):
        for _ in range(4):
            fx, fy, ph = rng.uniform(0.3, 4.0), rng.uniform(0.3, 4.0), rng.uniform(0, 2 * np.pi)
            out[:, :, c] += rng.uniform(20, 45) * np.sin(2 * np.pi * (fx * x / w + fy * y / h) + ph)
    out += 128 + rng.integers(-6, 7, size=out.shape)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def fixtures():
    rng = np.random.default_rng(20251124)
    f = []
    # (name, pixels, PNG colour type, palette)
    f.append(("rgb-97x61", field(rng, 61, 97, 3), 2, None))
    f.append(("rgb-320x200", field(rng, 200, 320, 3), 2, None))
    f.append(("rgb-5x4", field(rng, 4, 5, 3), 2, None))           # every hash upsamples
    f.append(("rgb-256x256", field(rng, 256, 256, 3), 2, None))   # whash: no resampling
    f.append(("rgb-32x32", field(rng, 32, 32, 3), 2, None))       # phash: no resampling
    f.append(("rgb-9x8", field(rng, 8, 9, 3), 2, None))           # dhash: no resampling
    f.append(("rgb-8x300", field(rng, 300, 8, 3), 2, None))       # one axis up, the other down
    f.append(("gray-150x90", field(rng, 90, 150, 1)[:, :, 0], 0, None))
    f.append(("rgba-120x80", field(rng, 80, 120, 4), 6, None))
    pal = field(rng, 1, 256, 3)[0]
    f.append(("palette-64x100", rng.integers(0, 256, size=(100, 64)).astype(np.uint8), 3, pal))
    return f


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = {"generator": "tools/media/imagehash_reference.py", "images": {}}
    for name, pixels, ctype, palette in fixtures():
        data = png_bytes(pixels, ctype, palette)
        with open(os.path.join(OUT, name + ".png"), "wb") as fh:
            fh.write(data)
        rgb = png_to_rgb(data)
        a, a_pixels = ahash(rgb)
        d, d_pixels = dhash(rgb)
        p, gap = phash(rgb)
        assert gap > 1e-6, "%s: a phash coefficient lies within %g of the median" % (name, gap)
        ref["images"][name + ".png"] = {
            "width": int(rgb.shape[1]), "height": int(rgb.shape[0]),
            "ahash": a, "dhash": d, "phash": p, "whash": whash(rgb),
            "ahash_pixels": a_pixels.flatten().tolist(),
            "dhash_pixels": d_pixels.flatten().tolist(),
            "phash_median_gap": float(gap),
        }
    with open(os.path.join(OUT, "reference.json"), "w") as fh:
        json.dump(ref, fh, indent=1)
        fh.write("\n")
    print("wrote %d fixtures to %s" % (len(ref["images"]), OUT))


if __name__ == "__main__":
    main()
