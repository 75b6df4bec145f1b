"""Hypothesis strategies for hostile form input: unicode edge cases, huge numbers, long text, near-valid values."""

from hypothesis import strategies as st

UNICODE_EDGES = [
    "", " ", "\u200b", "\u200d", "\ufeff", "\u202e反转", "\u0000", "\x1b[31m", "e\u0301", "𠀀𪚥𰻞",
    "👨‍👩‍👧‍👦", "🇨🇳", "\uffff", "\U0010ffff", "Ａ１２３", "１３８１２３４５６７８", "ｆｋ２０２６", "<script>alert(1)</script>",
    "' OR 1=1 --", "../../etc/passwd", "%00", "%s%s%s", "{{ 7*7 }}", "=HYPERLINK(\"http://x\")", "\r\n\r\n",
    "\t", "null", "None", "undefined", "[]", "{}", "張三", "张三", "ü" * 300, "长" * 5000,
]  # fmt: skip
HUGE_NUMBERS = [
    "9" * 40, "-" + "9" * 40, "1e309", "-1e309", "NaN", "inf", "-0", "0x7fffffff", "2147483648", "9223372036854775808",
    "18446744073709551616", "1.7976931348623157e309", "0.0000000000000000000001", "１２３", "٣", "1_000",
]  # fmt: skip


def hostile_text(max_size=300):
    """Any text, the edge cases above, or a huge number as text."""
    return st.one_of(
        st.text(max_size=max_size),
        st.sampled_from(UNICODE_EDGES),
        st.sampled_from(HUGE_NUMBERS),
        st.text(alphabet=st.characters(codec="utf-8", categories=["Lo", "Nd", "Zs", "Cf", "So"]), max_size=max_size),
    )


def field(*good, max_size=300):
    """A form field's value: mostly well-formed (so requests reach deep validation), otherwise hostile."""
    if not good:
        return hostile_text(max_size)
    return st.one_of(st.sampled_from(good), st.sampled_from(good), hostile_text(max_size))


def number_field(*good):
    """An id or count: a good value, a random integer of any size, or a hostile string."""
    return st.one_of(
        st.sampled_from([str(g) for g in good]) if good else st.nothing(),
        st.integers().map(str),
        st.sampled_from(HUGE_NUMBERS),
        hostile_text(40),
    )


def mobile():
    return field("13812345678", "13900001111", "+86 138 1234 5678", "1381234567", "23812345678", max_size=30)


def _image(fmt, size=(32, 24), **save):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt, **save)
    return out.getvalue()


def photos():
    """An upload: a real photo, one with a comment, a truncated one, a GIF, a PNG header claiming 60 MP, junk."""
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 10000, 6000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10))
        + chunk(b"IEND", b"")
    )
    jpeg = _image("JPEG", comment=b"SECRET-COMMENT")
    files = [
        ("photo.jpg", jpeg, "image/jpeg"),
        ("photo.png", _image("PNG"), "image/png"),
        ("half.jpg", jpeg[: len(jpeg) // 2], "image/jpeg"),
        ("anim.gif", _image("GIF"), "image/gif"),
        ("bomb.png", bomb, "image/png"),
        ("我家门牌302.jpg", jpeg, "application/octet-stream"),
    ]
    return st.one_of(
        st.sampled_from(files),
        st.tuples(hostile_text(80), st.binary(max_size=4096), st.sampled_from(["image/jpeg", "text/plain", ""])),
    )
