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
from typing import TYPE_CHECKING, Any, Literal, TypeVar

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
    Parameters,
    Plate,
    Problem,
    Rate,
    RateComponent,
    RatePeriod,
    ReadError,
    TraceEntry,
    UnknownDepartmentError,
    Zone,
    kept_memory,
    parse_plate,
    release_memory,
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
    "Parameters",
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
    "kept_memory",
    "parse_plate",
    "release_memory",
]

_Frame = TypeVar("_Frame")


def _library(obj: object) -> str:
    """The top-level package of an object's class: ``pyarrow``, ``polars``, ``pandas``…"""
    return type(obj).__module__.split(".", 1)[0]


Amounts = Literal["decimal", "cents", "float"]
"""How batch amounts are written: ``"decimal"`` (``decimal128(12, 2)``, exact euros, the default),
``"cents"`` (``int64``, exact) or ``"float"`` (``float64`` euros, for plots only)."""


class Engine(_native.Engine):
    """The rules engine over one parameter set.

    ``Engine()`` uses the embedded reference parameters, ``Engine(parameters)`` a
    :class:`Parameters` (e.g. an edited copy of ``Parameters.reference()``), and
    ``Engine.from_file(path)`` / ``Engine.from_toml(text)`` a parameter file. Immutable,
    thread-safe, cheap to share.
    """

    __slots__ = ()

    def fees_batch(self, data: _Frame, *, amounts: Amounts = "decimal", names: bool = False) -> _Frame:
        """Fees of every row of a table, returned as the same kind of table.

        ``data`` is a pyarrow ``Table`` or ``RecordBatch``, a polars or pandas ``DataFrame``, or any
        object of the Arrow PyCapsule interface, with the columns ``date``, ``department``,
        ``plate``, ``category``, ``energy`` and optionally ``change_of_address``. The result has the
        input's columns plus ``region`` and ``zone`` (codes, or names with ``names=True``), ``y1``,
        ``y4``, ``y5``, ``total``, ``status`` (``known``, ``unknown`` or ``error``),
        ``unknown_reason``, ``low``, ``high``, ``confidence`` and ``error_code``: a bad row gets
        its error code and null amounts. An input column with one of these names is refused.
        """
        lib = _library(data)
        if lib == "pandas":
            import pyarrow as pa

            table = pa.Table.from_pandas(data, preserve_index=False)
            return _to_pandas(self._fees_arrow(table, amounts, names))  # type: ignore[no-any-return]
        if lib == "polars":
            import polars as pl

            frame = _polars_without_null_columns(data)
            source = frame if hasattr(frame, "__arrow_c_stream__") else frame.to_arrow()
            # Only the result columns are converted from Arrow: the frame's own columns are kept
            # as they are, never copied back; the text columns come as string views, which
            # polars keeps as they are.
            out = self._fees_arrow(source, amounts, names, True)
            results = pl.from_arrow(out.select(out.column_names[frame.width :]))
            return frame.hstack(results)  # type: ignore[no-any-return]
        if not (hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__")):
            raise TypeError(
                f"fees_batch expects a pyarrow Table or RecordBatch, a polars or pandas DataFrame, "
                f"or an Arrow PyCapsule object, not {type(data).__name__}"
            )
        out = self._fees_arrow(data, amounts, names)
        if lib == "pyarrow" and type(data).__name__ == "RecordBatch" and type(out).__name__ == "Table":
            out = out.combine_chunks().to_batches()
            out = out[0] if out else _empty_batch(self, data, amounts, names)
        return out  # type: ignore[no-any-return]

    def compare(self, other: _native.Engine, data: _Frame, *, amounts: Amounts = "decimal") -> _Frame:
        """The totals of every row under this engine's parameters and under ``other``'s.

        Returns the input's columns plus ``region``, ``zone``, ``total_old`` (this engine),
        ``total_new`` (``other``), ``difference`` (new − old; null when either is unknown),
        ``status_old``, ``status_new`` and ``error_code``, as the same kind of table as ``data``.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        lib = _library(data)
        table = _arrow_table(data)
        old = _arrow_table(self._fees_arrow(table, amounts))
        new = _arrow_table(other._fees_arrow(table, amounts))
        difference = pc.subtract(new.column("total"), old.column("total"))
        if amounts == "decimal":
            difference = pc.cast(difference, pa.decimal128(AMOUNT_PRECISION, AMOUNT_SCALE))
        columns = {
            "region": old.column("region"),
            "zone": old.column("zone"),
            "total_old": old.column("total"),
            "total_new": new.column("total"),
            "difference": difference,
            "status_old": old.column("status"),
            "status_new": new.column("status"),
            "error_code": old.column("error_code"),
        }
        out = table
        for name, column in columns.items():
            out = out.append_column(name, column)
        if lib == "pandas":
            return _to_pandas(out)  # type: ignore[no-any-return]
        if lib == "polars":
            import polars as pl

            return pl.from_arrow(out)  # type: ignore[return-value]
        return out  # type: ignore[no-any-return]

    def fees_stream(
        self, batches: Iterable[Any] | Any, *, amounts: Amounts = "decimal", names: bool = False
    ) -> Iterator[pa.RecordBatch]:
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
                yield from self._fees_arrow(_arrow_table(batch), amounts, names).to_batches()
            else:
                yield self._fees_arrow(batch, amounts, names)

    def fees_reader(
        self,
        batches: Iterable[Any] | Any,
        schema: pa.Schema,
        *,
        amounts: Amounts = "decimal",
        names: bool = False,
    ) -> pa.RecordBatchReader:
        """:meth:`fees_stream` as a ``pyarrow.RecordBatchReader`` for an input of ``schema``
        (to write a Parquet file or hand the stream to another Arrow consumer)."""
        import pyarrow as pa

        return pa.RecordBatchReader.from_batches(
            self.fees_schema(schema, amounts=amounts, names=names),
            self.fees_stream(batches, amounts=amounts, names=names),
        )

    def fees_schema(
        self, schema: pa.Schema, *, amounts: Amounts = "decimal", names: bool = False
    ) -> pa.Schema:
        """The schema of :meth:`fees_batch`'s result for an input of ``schema``."""
        return self._fees_schema(schema, amounts, names)


def _arrow_table(frame: Any) -> pa.Table:
    import pyarrow as pa

    lib = _library(frame)
    if lib == "pandas":
        return pa.Table.from_pandas(frame, preserve_index=False)
    if lib == "polars":
        return frame.to_arrow()
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pa.RecordBatch):
        return pa.Table.from_batches([frame])
    if hasattr(frame, "__arrow_c_stream__"):
        return pa.table(frame)
    return pa.Table.from_batches([pa.record_batch(frame)])


def _polars_without_null_columns(frame: Any) -> Any:
    """A polars frame whose all-null columns (dtype ``Null``, what ``pl.lit(None)`` or a column of
    ``None`` makes) are given the type the engine reads, so that they cross the Arrow C interface
    and are read as missing values row by row."""
    import polars as pl

    nulls = [name for name, dtype in frame.schema.items() if dtype == pl.Null]
    if not nulls:
        return frame
    types = {"date": pl.Date, "change_of_address": pl.Boolean}
    return frame.with_columns(pl.col(n).cast(types.get(n, pl.String)) for n in nulls)


def _to_pandas(table: Any) -> Any:
    """A pandas DataFrame with Arrow-backed columns (exact decimal sums, nulls kept as nulls);
    dictionary columns (region, zone) become pandas categoricals."""
    import pandas as pd
    import pyarrow as pa

    def mapper(t: pa.DataType) -> Any:
        return None if pa.types.is_dictionary(t) else pd.ArrowDtype(t)

    return table.to_pandas(types_mapper=mapper)


def _empty_batch(engine: _native.Engine, data: Any, amounts: Amounts, names: bool) -> pa.RecordBatch:
    import pyarrow as pa

    return pa.RecordBatch.from_pylist([], schema=engine._fees_schema(data.schema, amounts, names))
