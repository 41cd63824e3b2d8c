"""Coverage-guided fuzzing of parse() with atheris.

    pip install atheris && python fuzz/fuzz_parse.py -max_total_time=1800 fuzz/corpus fixtures

Anything but a QizhiParserError escaping parse() is a finding: libFuzzer stops and
writes the input to crash-*; add it to tests/test_robustness.py as a regression case.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import qizhi_parser


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    as_text = provider.ConsumeBool()
    payload = provider.ConsumeBytes(len(data))
    try:
        if as_text:
            qizhi_parser.parse(payload.decode("utf-8", errors="replace"))
        else:
            qizhi_parser.parse(payload)
    except qizhi_parser.QizhiParserError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
