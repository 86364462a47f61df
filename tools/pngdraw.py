"""A tiny raster canvas that writes PNG files with the standard library only.

Used by make_demo.py to draw the demo catalogue's pictures (no downloaded images) and by
tests that need images. Shapes are anti-aliased by 2x2 supersampling of their edges.
"""
import math
import struct
import zlib


class Canvas:
    def __init__(self, width, height, color=(255, 255, 255)):
        self.w = width
        self.h = height
        self.px = bytearray(bytes(color) * (width * height))

    def _blend(self, x, y, color, alpha):
        if 0 <= x < self.w and 0 <= y < self.h and alpha > 0:
            i = (y * self.w + x) * 3
            if alpha >= 1:
                self.px[i:i + 3] = bytes(color)
            else:
                for k in range(3):
                    self.px[i + k] = int(self.px[i + k] * (1 - alpha) + color[k] * alpha)

    def gradient(self, top, bottom):
        for y in range(self.h):
            t = y / max(1, self.h - 1)
            c = bytes(int(top[k] * (1 - t) + bottom[k] * t) for k in range(3))
            row = c * self.w
            self.px[y * self.w * 3:(y + 1) * self.w * 3] = row

    def rect(self, x0, y0, x1, y1, color, radius=0):
        for y in range(max(0, int(y0)), min(self.h, int(math.ceil(y1)))):
            for x in range(max(0, int(x0)), min(self.w, int(math.ceil(x1)))):
                if radius:
                    cx = min(max(x + 0.5, x0 + radius), x1 - radius)
                    cy = min(max(y + 0.5, y0 + radius), y1 - radius)
                    d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                    self._blend(x, y, color, max(0.0, min(1.0, radius - d + 0.5)))
                else:
                    self._blend(x, y, color, 1)

    def circle(self, cx, cy, r, color):
        for y in range(max(0, int(cy - r - 1)), min(self.h, int(cy + r + 2))):
            for x in range(max(0, int(cx - r - 1)), min(self.w, int(cx + r + 2))):
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                self._blend(x, y, color, max(0.0, min(1.0, r - d + 0.5)))

    def ring(self, cx, cy, r, width, color):
        for y in range(max(0, int(cy - r - 1)), min(self.h, int(cy + r + 2))):
            for x in range(max(0, int(cx - r - 1)), min(self.w, int(cx + r + 2))):
                d = abs(math.hypot(x + 0.5 - cx, y + 0.5 - cy) - (r - width / 2))
                self._blend(x, y, color, max(0.0, min(1.0, width / 2 - d + 0.5)))

    def polygon(self, points, color):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        for y in range(max(0, int(min(ys))), min(self.h, int(max(ys)) + 1)):
            for x in range(max(0, int(min(xs))), min(self.w, int(max(xs)) + 1)):
                hits = 0
                for sx, sy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
                    if _inside(points, x + sx, y + sy):
                        hits += 1
                self._blend(x, y, color, hits / 4)

    def line(self, x0, y0, x1, y1, width, color):
        length = math.hypot(x1 - x0, y1 - y0) or 1
        nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
        self.polygon([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], color)

    def png(self):
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3]) for y in range(self.h))

        def chunk(tag, data):
            return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.png())


def _inside(points, x, y):
    inside = False
    n = len(points)
    for i in range(n):
        x0, y0 = points[i]
        x1, y1 = points[(i + 1) % n]
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside
