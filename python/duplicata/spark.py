"""The engine inside PySpark: :func:`with_fees` applies ``Engine.fees_batch`` to every partition of a
Spark DataFrame through ``DataFrame.mapInArrow`` (Arrow batches, no Python object per row).

>>> from duplicata.spark import with_fees
>>> priced = with_fees(requests_df)                      # embedded parameters
>>> priced = with_fees(requests_df, "what-if.toml")       # another parameter set

The parameter file is read once on the driver and its text shipped to the executors, so they need
no access to the file; each Python worker builds its engine once.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from duplicata import AMOUNT_PRECISION, AMOUNT_SCALE, Engine

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["fees_schema", "with_fees"]

_RESULT_COLUMNS = ("y1", "y4", "y5", "total", "confidence", "error_code")


def fees_schema(schema: StructType) -> StructType:
    """The Spark schema of :func:`with_fees`'s result for an input of ``schema``."""
    from pyspark.sql.types import DecimalType, StringType, StructField, StructType

    fields = [f for f in schema.fields if f.name not in _RESULT_COLUMNS]
    amount = DecimalType(AMOUNT_PRECISION, AMOUNT_SCALE)
    fields += [StructField(name, amount, True) for name in ("y1", "y4", "y5", "total")]
    fields += [StructField("confidence", StringType(), True), StructField("error_code", StringType(), True)]
    return StructType(fields)


@functools.lru_cache(maxsize=4)
def _engine(parameters: str | None) -> Engine:
    return Engine() if parameters is None else Engine.from_toml(parameters)


def _apply(parameters: str | None, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    engine = _engine(parameters)
    for batch in batches:
        yield engine.fees_batch(batch)


def with_fees(df: DataFrame, parameters: str | os.PathLike[str] | None = None) -> DataFrame:
    """``df`` with the fee columns of ``Engine.fees_batch``: ``y1``, ``y4``, ``y5``, ``total``
    (``DECIMAL(12, 2)``), ``confidence`` and ``error_code``.

    ``df`` has the columns ``date`` (DATE or ISO text), ``department``, ``plate``, ``category``,
    ``energy`` and optionally ``change_of_address``. ``parameters`` is a parameter file (None: the
    embedded reference parameters).
    """
    text: str | None = None
    if parameters is not None:
        with open(parameters, encoding="utf-8") as f:
            text = f.read()
        _engine(text)  # a bad file fails here, on the driver, with its problems listed
    func: Any = functools.partial(_apply, text)
    return df.mapInArrow(func, fees_schema(df.schema))
