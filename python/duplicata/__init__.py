"""duplicata: the rules of a French duplicate carte grise or CMI, from Python.

>>> import datetime, duplicata
>>> engine = duplicata.Engine()
>>> decision = engine.evaluate({
...     "procedure": "carte_grise_duplicata", "date": "2019-06-01", "reason": "loss",
...     "holder": {"department": "33"},
...     "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"},
... })
>>> decision.fees.total
Decimal('47.76')

The engine is immutable and thread-safe, and releases the GIL while it evaluates. Money is
``decimal.Decimal`` (Arrow ``decimal128(12, 2)`` in batches), dates are ``datetime.date``, and every
result is frozen. Errors derive from :class:`DuplicataError` and carry ``code``, ``field``,
``message_fr`` and ``message_en``; bad input raises :class:`InvalidRequestError`, a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from duplicata import _native
from duplicata._native import (
    AMOUNT_PRECISION,
    AMOUNT_SCALE,
    DateOutOfRangeError,
    Decision,
    Document,
    DuplicataError,
    Eligibility,
    EventNotAllowedError,
    FeeAmounts,
    FeeLine,
    Fees,
    InternalError,
    InvalidPlateError,
    InvalidRequestError,
    KnownRate,
    Note,
    ParameterFileError,
    Plate,
    Problem,
    Rate,
    RateComponent,
    RatePeriod,
    ReadError,
    TraceEntry,
    UnknownDepartmentError,
    Zone,
    parse_plate,
)
from duplicata.requests import (
    Applicant,
    Category,
    Energy,
    Heirs,
    Holder,
    HolderKind,
    Mandate,
    ProcedureKind,
    Reason,
    Request,
    Theft,
    Vehicle,
)

if TYPE_CHECKING:
    import pyarrow as pa

__version__: str = _native.__version__

__all__ = [
    "AMOUNT_PRECISION",
    "AMOUNT_SCALE",
    "Applicant",
    "Category",
    "DateOutOfRangeError",
    "Decision",
    "Document",
    "DuplicataError",
    "Eligibility",
    "Energy",
    "Engine",
    "EventNotAllowedError",
    "FeeAmounts",
    "FeeLine",
    "Fees",
    "Heirs",
    "Holder",
    "HolderKind",
    "InternalError",
    "InvalidPlateError",
    "InvalidRequestError",
    "KnownRate",
    "Mandate",
    "Note",
    "ParameterFileError",
    "Plate",
    "Problem",
    "ProcedureKind",
    "Rate",
    "RateComponent",
    "RatePeriod",
    "ReadError",
    "Reason",
    "Request",
    "Theft",
    "TraceEntry",
    "UnknownDepartmentError",
    "Vehicle",
    "Zone",
    "__version__",
    "parse_plate",
]

_Frame = TypeVar("_Frame")


def _library(obj: object) -> str:
    """The top-level package of an object's class: ``pyarrow``, ``polars``, ``pandas``…"""
    return type(obj).__module__.split(".", 1)[0]


class Engine(_native.Engine):
    """The rules engine over one parameter set.

    ``Engine()`` uses the embedded reference parameters; ``Engine.from_file(path)`` another
    parameter file (what-if simulations). Immutable, thread-safe, cheap to share.
    """

    __slots__ = ()

    def fees_batch(self, data: _Frame) -> _Frame:
        """Fees of every row of a table, returned as the same kind of table.

        ``data`` is a pyarrow ``Table`` or ``RecordBatch``, a polars or pandas ``DataFrame``, or any
        object of the Arrow PyCapsule interface, with the columns ``date``, ``department``,
        ``plate``, ``category``, ``energy`` and optionally ``change_of_address``. The result has the
        input's columns plus ``y1``, ``y4``, ``y5``, ``total`` (``decimal128(12, 2)``),
        ``confidence`` and ``error_code``: a bad row gets its error code and null amounts.
        """
        lib = _library(data)
        if lib == "pandas":
            import pyarrow as pa

            table = pa.Table.from_pandas(data, preserve_index=False)
            result: Any = self._fees_arrow(table).to_pandas()
            return result  # type: ignore[no-any-return]
        if lib == "polars":
            import polars as pl

            source = data if hasattr(data, "__arrow_c_stream__") else data.to_arrow()  # type: ignore[attr-defined]
            return pl.from_arrow(self._fees_arrow(source))  # type: ignore[return-value]
        if not (hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__")):
            raise TypeError(
                f"fees_batch expects a pyarrow Table or RecordBatch, a polars or pandas DataFrame, "
                f"or an Arrow PyCapsule object, not {type(data).__name__}"
            )
        out = self._fees_arrow(data)
        if lib == "pyarrow" and type(data).__name__ == "RecordBatch" and type(out).__name__ == "Table":
            out = out.combine_chunks().to_batches()
            out = out[0] if out else _empty_batch(self, data)
        return out  # type: ignore[no-any-return]

    def fees_stream(self, batches: Iterable[Any] | Any) -> Iterator[pa.RecordBatch]:
        """Fees of a stream of record batches, batch by batch, in bounded memory.

        ``batches`` is an iterable of record batches (e.g. ``ParquetFile.iter_batches()``), a
        ``pyarrow.RecordBatchReader``, or any object with ``__arrow_c_stream__``. Each result batch
        has the input's columns plus the fee columns of :meth:`fees_batch`.
        """
        if hasattr(batches, "__arrow_c_stream__") and not isinstance(batches, Iterator):
            import pyarrow as pa

            batches = pa.RecordBatchReader.from_stream(batches)
        for batch in batches:
            if _library(batch) in ("polars", "pandas"):
                yield from self._fees_arrow(_to_arrow(batch)).to_batches()
            else:
                yield self._fees_arrow(batch)

    def fees_reader(self, batches: Iterable[Any] | Any, schema: pa.Schema) -> pa.RecordBatchReader:
        """:meth:`fees_stream` as a ``pyarrow.RecordBatchReader`` for an input of ``schema``
        (to write a Parquet file or hand the stream to another Arrow consumer)."""
        import pyarrow as pa

        return pa.RecordBatchReader.from_batches(self.fees_schema(schema), self.fees_stream(batches))

    def fees_schema(self, schema: pa.Schema) -> pa.Schema:
        """The schema of :meth:`fees_batch`'s result for an input of ``schema``."""
        return self._fees_schema(schema)


def _to_arrow(frame: Any) -> pa.Table:
    import pyarrow as pa

    if _library(frame) == "pandas":
        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame.to_arrow()


def _empty_batch(engine: _native.Engine, data: Any) -> pa.RecordBatch:
    import pyarrow as pa

    return pa.RecordBatch.from_pylist([], schema=engine._fees_schema(data.schema))
