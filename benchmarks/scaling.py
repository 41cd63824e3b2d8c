"""Parse time and peak memory against input size, for adversarial inputs up to 20 MiB.

    python benchmarks/scaling.py [--max-mb 21] [--repeat 3] [--kinds …]

Each (input, size) runs in a fresh subprocess so that peak RSS belongs to that
parse alone: the table gives the best of ``--repeat`` wall times and the peak RSS
growth over the interpreter's baseline and the process's whole peak RSS. The
targets it checks: every input up to 10 MB parses in at most 2 s, every input up
to 20 MiB (the default max_bytes) in at most 4 s, all within 500 MB of RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEAD = (
    "<html><head><meta charset='utf-8'><title>标题--人民网</title></head><body>"
    "<h1>标题</h1><div class='box01'>2024年05月10日06:58 来源：人民网</div><div class='rm_txt_con'>"
)
TAIL = "</div><div class='edit'>(责编：张三)</div></body></html>"


def make(kind: str, size: int) -> bytes:
    """An input of about ``size`` bytes of the given kind."""
    if kind == "paragraphs":
        unit = "<p>　　这是一个用来测试的句子，它会重复很多次。</p>".encode()
        return HEAD.encode() + unit * max(1, size // len(unit)) + TAIL.encode()
    if kind == "one-long-line":
        unit = "很长的一段没有换行的正文，".encode()
        return HEAD.encode() + b"<p>" + unit * max(1, size // len(unit)) + b"</p>" + TAIL.encode()
    if kind == "nested-divs":
        n = max(1, size // 11)
        return b"<div>" * n + "<h1>标题</h1><p>正文。</p>".encode() + b"</div>" * n
    if kind == "source-labels":
        return "来源：".encode() * max(1, size // 9)
    if kind == "credit-lines":
        return "编辑：张三\n".encode() * max(1, size // 16)
    if kind == "text-dump-lines":
        unit = "　　这是纯文本里的一段话，后面还有很多段。\n\n".encode()
        head = "旗帜网 >> 本网专题\n\n标题\n\n来源：旗帜网2020年02月17日16:01\n\n".encode()
        return head + unit * max(1, size // len(unit))
    if kind == "table-cells":
        unit = "<td>单元格</td>".encode()
        return HEAD.encode() + b"<table><tr>" + unit * max(1, size // len(unit)) + b"</tr></table>" + TAIL.encode()
    if kind == "list-items":
        unit = "<li><a href='/n1/2024/0510/c1-1.html'>新闻标题</a> 2024年05月10日06:58</li>".encode()
        return b"<html><body><ul>" + unit * max(1, size // len(unit)) + b"</ul></body></html>"
    if kind == "edition-spaces":  # 《 and a run of spaces: quadratic in EDITION before
        return (HEAD + "<p>《" + "&#xa0;" * max(1, (size - 200) // 6) + "&gt;&gt;</p>" + TAIL).encode()
    if kind == "many-attributes":  # one element: libxml2's duplicate-attribute check is quadratic
        n = max(1, size // 9)
        return (HEAD + "<p " + " ".join(f"a{i}=x" for i in range(n)) + ">正文。</p>" + TAIL).encode()
    if kind == "unclosed-p":
        unit = "<p>正文第一段，讲述。".encode()
        return HEAD.encode() + unit * max(1, size // len(unit))
    if kind == "many-images":
        unit = b"<img src='/a.jpg'>"
        return HEAD.encode() + b"<p>" + unit * max(1, size // len(unit)) + b"</p>" + TAIL.encode()
    if kind == "sibling-h1":
        unit = "<h1>标题</h1>".encode()
        return unit * max(1, size // len(unit))
    if kind == "many-br":
        return HEAD.encode() + b"<p>x" + b"<br>" * max(1, size // 4) + b"</p>" + TAIL.encode()
    if kind == "text-newlines":
        return "标题\n\n2024年05月10日06:58 来源：人民网\n\n正文。".encode() + b"\n" * size
    if kind == "data-uri":
        return (HEAD + "<p>正文。<img src='data:image/png;base64," + "A" * size + "'></p>" + TAIL).encode()
    if kind == "random-bytes":
        return random.Random(size).randbytes(size)
    if kind == "gbk-real-page-padded":
        with open(os.path.join(ROOT, "fixtures", "qizhiwang-2020-gbk.html"), "rb") as handle:
            page = handle.read()
        para = "<p>　　中央和国家机关各部门党组织持续做好疫情防控工作。</p>".encode("gbk")
        cut = page.index(b"<div class=\"qz_edit\">")
        return page[:cut] + para * max(1, (size - len(page)) // len(para)) + page[cut:]
    raise ValueError(kind)


KINDS = ["paragraphs", "one-long-line", "nested-divs", "source-labels", "credit-lines", "text-dump-lines",
         "table-cells", "list-items", "random-bytes", "gbk-real-page-padded", "edition-spaces", "many-attributes",
         "unclosed-p", "many-images", "sibling-h1", "many-br", "text-newlines", "data-uri"]

CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    sys.path.insert(0, {root!r})
    from benchmarks.scaling import make
    import qizhi_parser
    data = make({kind!r}, {size})
    qizhi_parser.parse(b"<html><body><h1>x</h1><p>warm up</p></body></html>")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = None
    outcome = ""
    for _ in range({repeat}):
        t = time.perf_counter()
        try:
            a = qizhi_parser.parse(data, max_bytes=None)
            outcome = f"Article ({{len(a.paragraphs)}} paragraphs, {{len(a.issues)}} issues)"
        except qizhi_parser.QizhiParserError as exc:
            outcome = type(exc).__name__
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({{"bytes": len(data), "seconds": best, "rss_growth_kb": peak - base, "rss_kb": peak,
                      "outcome": outcome}}))
    """
)


def measure(kind: str, size: int, repeat: int) -> dict[str, object]:
    code = CHILD.format(root=ROOT, kind=kind, size=size, repeat=repeat)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=21.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", nargs="*", default=KINDS)
    args = parser.parse_args()
    sizes = [s for s in (10_000, 100_000, 1_000_000, 5_000_000, 10_000_000, 20 * 1024 * 1024)
             if s <= args.max_mb * 1_000_000]
    print("| input | size | parse time | µs per KB | peak RSS growth | peak RSS | outcome |")
    print("|---|---:|---:|---:|---:|---:|---|")
    worst_10mb = worst_20mib = 0.0
    peak_rss = 0
    for kind in args.kinds:
        for size in sizes:
            r = measure(kind, size, args.repeat)
            n, secs = int(r["bytes"]), float(r["seconds"])  # type: ignore[arg-type]
            growth, rss = int(r["rss_growth_kb"]) * 1024, int(r["rss_kb"]) * 1024  # type: ignore[arg-type]
            if n <= 10_500_000:
                worst_10mb = max(worst_10mb, secs)
            worst_20mib = max(worst_20mib, secs)
            peak_rss = max(peak_rss, rss)
            print(f"| {kind} | {n / 1e6:.2f} MB | {secs * 1000:.1f} ms | {secs * 1e6 / (n / 1000):.1f} "
                  f"| {growth / 1e6:.1f} MB | {rss / 1e6:.0f} MB | {r['outcome']} |", flush=True)
    print(f"\nslowest parse up to 10 MB: {worst_10mb:.2f} s (target 2 s); up to 20 MiB: {worst_20mib:.2f} s "
          f"(target 4 s); highest peak RSS: {peak_rss / 1e6:.0f} MB (target 500 MB)")
    return 0 if worst_10mb <= 2.0 and worst_20mib <= 4.0 and peak_rss <= 500e6 else 1


if __name__ == "__main__":
    sys.exit(main())
