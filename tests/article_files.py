"""Real article files of every format, built in the tests (nothing downloaded).

`make_pdf` writes a small PDF by hand (Helvetica text layer, document info); `make_docx` uses
python-docx; `NEWS_HTML` is a saved news page with navigation, a cookie banner, ads, a newsletter
box and the article inside `<article>`.
"""

from __future__ import annotations

import io

PDF_PARAGRAPHS = [
    "The port of Tartus reopened on Monday after three weeks of repairs, harbour officials said.",
    "Shipping agents said the first cargo vessel docked at dawn and unloaded wheat for the city.",
    "The harbour master has not confirmed when the second quay will open to container ships.",
]
HTML_SENTENCES = [
    "The ministry announced on Tuesday that the new water plant in Raqqa will supply forty thousand homes.",
    "Engineers said the plant was built in eleven months with parts shipped through Turkey.",
    "Residents have not confirmed that the taps in the old city are running yet.",
    "The mayor said a second plant is planned for the eastern districts next spring.",
]
BOILERPLATE = ["Subscribe to our newsletter", "We use cookies", "Buy cheap flights", "Home | World | Sport"]
NEWS_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Raqqa water plant opens | Levant Daily</title>
<meta property="og:title" content="Raqqa water plant opens">
<meta property="og:site_name" content="Levant Daily">
<meta name="author" content="Mariam Haddad">
<meta property="article:published_time" content="2022-09-14T08:30:00Z">
<link rel="canonical" href="https://levant-daily.example/2022/09/14/raqqa-water-plant">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie-banner">{BOILERPLATE[1]} to improve your experience. <button>Accept</button></div></header>
<aside class="ad">{BOILERPLATE[2]} to Beirut today! Limited offer, click here.</aside>
<main><article>
<h1>Raqqa water plant opens</h1>
<p class="byline">By Mariam Haddad</p>
{"".join(f"<p>{s}</p>" for s in HTML_SENTENCES)}
</article>
<div class="newsletter"><h3>{BOILERPLATE[0]}</h3><p>Get the best of Levant Daily in your inbox every morning.</p>
<form><input type="email"><button>Sign up</button></form></div>
</main>
<footer><p>© 2022 Levant Daily. All rights reserved. Privacy policy. Terms of use.</p></footer>
</body></html>
"""


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _wrap(text: str, width: int = 60) -> list[str]:
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return lines + ([cur] if cur else [])


def _page_streams(paragraphs: list[str], per_page: int = 48) -> list[str]:
    lines: list[str] = []
    for p in paragraphs:
        lines += [f"{_pdf_string(line)} Tj T*" for line in _wrap(p)] + ["T*"]
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    return ["\n".join(["BT", "/F1 11 Tf", "72 720 Td", "14 TL", *page, "ET"]) for page in pages]


def make_pdf(paragraphs: list[str] | None = None, title: str = "Tartus port reopens",
             author: str = "Omar Khalil", date: str = "D:20220914083000Z") -> bytes:
    """A PDF with a real text layer (hard-wrapped lines, 48 a page, as PDFs have); `[]`: a page with no text (a scan)."""
    streams = _page_streams(paragraphs if paragraphs is not None else PDF_PARAGRAPHS)
    if paragraphs == []:
        streams = ["0 0 m 100 100 l S"]
    n_pages = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        objects.append(f"<< /Length {len(stream.encode('cp1252', 'replace'))} >>\nstream\n{stream}\nendstream")
    objects.append(f"<< /Title {_pdf_string(title)} /Author {_pdf_string(author)} /CreationDate ({date}) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode("cp1252", "replace"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\nstartxref\n{xref}\n"
              "%%EOF\n".encode())
    return out.getvalue()


def encrypt_pdf(data: bytes, password: str = "secret") -> bytes:
    """The same PDF behind a user password (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


DOCX_PARAGRAPHS = [
    "Aid convoys reached the town of Kobani on Thursday, the Red Crescent said.",
    "Local officials said the convoy carried medicine and winter blankets for six thousand families.",
    "The governor has denied reports that a second convoy was turned back at the border.",
]


def make_docx(paragraphs: list[str] | None = None, title: str = "Convoys reach Kobani",
              author: str = "Leyla Demir") -> bytes:
    """A .docx written by python-docx, with title and author in its document properties."""
    import datetime

    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = datetime.datetime(2022, 9, 15, 10, 0)
    for p in paragraphs if paragraphs is not None else DOCX_PARAGRAPHS:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
