"""Scale out on Spark: WARC archives one a task, or page files with ``binaryFiles``.

Install with ``pip install 'qizhi-parser[spark]'`` (PySpark needs a Java runtime)::

    from pyspark.sql import SparkSession
    from qizhi_parser.spark_recipe import file_partition, list_files

    spark = SparkSession.builder.getOrCreate()
    archives = list_files(["crawl/2024-05/"])             # .warc.gz files, folders walked
    spark.sparkContext.parallelize(archives, len(archives)).mapPartitions(file_partition).saveAsTextFile("out/")

    # pages already in the cluster's storage: (path, bytes) pairs
    spark.sparkContext.binaryFiles("crawl/*.html").mapPartitions(parse_partition).saveAsTextFile("out/")

Each line is the record the command line writes for the same input, byte for byte (one
writer, :func:`qizhi_parser.batch.json_record`), one for every input, failed and skipped ones
included, with the command line's bounds: ``max_bytes`` and ``timeout`` a record (an archive's
record is parsed in a child process killed when it runs over; a ``binaryFiles`` page by
SIGALRM in the Python worker). Options go in with ``functools.partial``:
``mapPartitions(functools.partial(file_partition, timeout=30, script="Hans"))``. Spark's Python
workers must have qizhi-parser installed (set ``PYSPARK_PYTHON`` to that interpreter).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .batch.cluster import data_lines, file_lines, list_files
from .batch.cluster import options as cluster_options
from .batch.records import check_fields
from .convert import Script
from .settings import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

__all__ = ["file_partition", "list_files", "parse_partition"]


def file_partition(paths: Iterable[str], *, strict: bool = False, script: Script | None = None,
                   timeout: float | None = DEFAULT_TIMEOUT, max_bytes: int | None = DEFAULT_MAX_BYTES,
                   fields: Iterable[str] | None = None) -> Iterator[str]:
    """File paths (WARC or tar archives, pages) → the CLI's JSON records of every input
    they hold, one a line (without the newline, which ``saveAsTextFile`` adds); never raises."""
    options = cluster_options(strict, script, timeout, max_bytes)
    kept = check_fields(fields)
    for path in paths:
        for line in file_lines(path, options=options, fields=kept):
            yield line.rstrip("\n")


def parse_partition(pairs: Iterable[tuple[str, bytes | bytearray]], script: Script | None = None, *,
                    strict: bool = False, timeout: float | None = DEFAULT_TIMEOUT,
                    max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[str]:
    """(path, content) pairs, as ``binaryFiles`` gives them → the CLI's JSON records (never
    raises), each told by its content as the command line tells a file: a page one record, an
    archive one a record it holds, a file that is no page skipped. ``saveAsTextFile`` ends every
    line with a newline, so concatenated part files are valid JSON Lines."""
    options = cluster_options(strict, script, timeout, max_bytes)
    for path, data in pairs:
        for line in data_lines(path, bytes(data), options=options):
            yield line.rstrip("\n")
