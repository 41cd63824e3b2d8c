"""Scale out on Spark: ``mapPartitions`` over ``binaryFiles``.

Install with ``pip install 'qizhi-parser[spark]'`` (PySpark needs a Java runtime)::

    from pyspark.sql import SparkSession
    from qizhi_parser.spark_recipe import parse_partition

    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.binaryFiles("crawl/*.html").mapPartitions(parse_partition).saveAsTextFile("out/")

Each output line is the JSON Lines record the command line writes. Spark's Python
workers must have qizhi-parser installed (set ``PYSPARK_PYTHON`` to that interpreter).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .batch import json_record
from .convert import Script, check_script
from .core import parse
from .errors import QizhiParserError
from .models import Article

__all__ = ["parse_partition"]


def parse_partition(pairs: Iterable[tuple[str, bytes | bytearray]], script: Script | None = None) -> Iterator[str]:
    """(path, content) pairs, as ``binaryFiles`` gives them → the CLI's JSON records, one
    per pair (never raises). ``script`` converts every Article:
    ``mapPartitions(functools.partial(parse_partition, script="Hans"))``. ``saveAsTextFile``
    ends every line with a newline, so concatenated part files are valid JSON Lines."""
    script = check_script(script)
    for path, data in pairs:
        try:
            result: Article | QizhiParserError = parse(bytes(data), script=script)
        except QizhiParserError as exc:
            result = exc
        yield json_record(path, result).rstrip("\n")
