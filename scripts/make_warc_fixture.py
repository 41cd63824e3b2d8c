"""Write fixtures/crawl-2024.warc.gz: a small WARC crawl of this project's own fixture pages.

    python scripts/make_warc_fixture.py

Three responses (two article pages, a 404) and a request record, gzip a record a member as
crawlers write them; the README's WARC → Parquet example and the tests read it.
"""

from __future__ import annotations

import io
import pathlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PAGES = [
    ("http://www.qizhiwang.org.cn/n1/2020/0217/c431577-31589256.html", "qizhiwang-2020-gbk.html", "200 OK",
     "text/html; charset=gb2312"),
    ("http://www.gov.example/yw/sxdt/202304/t20230408_1234567.shtml", "gov-portal-2023.html", "200 OK",
     "text/html; charset=utf-8"),
    ("http://www.gov.example/yw/sxdt/202304/t20230408_1234568.shtml", None, "404 Not Found", "text/html"),
]


def main() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, name, status, ctype in PAGES:
        request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(f"GET {uri} HTTP/1.1", [],
                                                                          is_http_request=True))
        writer.write_record(request)
        body = (FIXTURES / name).read_bytes() if name else b"<html><body>404</body></html>"
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    (FIXTURES / "crawl-2024.warc.gz").write_bytes(buffer.getvalue())


if __name__ == "__main__":
    main()
