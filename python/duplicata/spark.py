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

from duplicata import AMOUNT_PRECISION, AMOUNT_SCALE, Engine, Parameters

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["fees_schema", "with_fees"]

_AMOUNTS = ("y1", "y4", "y5", "total")
_RESULT_COLUMNS = (
    "region",
    "zone",
    *_AMOUNTS,
    "status",
    "unknown_reason",
    "low",
    "high",
    "confidence",
    "error_code",
)


def fees_schema(schema: StructType) -> StructType:
    """The Spark schema of :func:`with_fees`'s result for an input of ``schema``."""
    from pyspark.sql.types import DecimalType, StringType, StructField, StructType

    amount = DecimalType(AMOUNT_PRECISION, AMOUNT_SCALE)
    fields = list(schema.fields)
    for name in _RESULT_COLUMNS:
        is_amount = name in (*_AMOUNTS, "low", "high")
        fields.append(StructField(name, amount if is_amount else StringType(), name != "status"))
    return StructType(fields)


@functools.lru_cache(maxsize=4)
def _engine(parameters: str | None) -> Engine:
    return Engine() if parameters is None else Engine.from_toml(parameters)


def _apply(parameters: str | None, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    engine = _engine(parameters)
    for batch in batches:
        out = engine.fees_batch(batch)
        # Spark has no dictionary type: region and zone are sent as plain strings.
        for name in ("region", "zone"):
            i = out.schema.get_field_index(name)
            out = out.set_column(i, name, out.column(i).cast(pa.string()))
        yield out


def with_fees(df: DataFrame, parameters: Parameters | str | os.PathLike[str] | None = None) -> DataFrame:
    """``df`` with the fee columns of ``Engine.fees_batch``: ``region``, ``zone``, ``y1``, ``y4``,
    ``y5``, ``total`` (``DECIMAL(12, 2)``), ``status``, ``unknown_reason``, ``low``, ``high``,
    ``confidence`` and ``error_code``.

    ``df`` has the columns ``date`` (DATE or ISO text), ``department``, ``plate``, ``category``,
    ``energy`` and optionally ``change_of_address``. ``parameters`` is a :class:`Parameters` or a
    parameter file (None: the embedded reference parameters).
    """
    text: str | None = None
    if isinstance(parameters, Parameters):
        text = parameters.to_toml()
    elif parameters is not None:
        with open(parameters, encoding="utf-8") as f:
            text = f.read()
        _engine(text)  # a bad file fails here, on the driver, with its problems listed
    func: Any = functools.partial(_apply, text)
    return df.mapInArrow(func, fees_schema(df.schema))
