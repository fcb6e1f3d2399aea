"""The PySpark helper in Spark local mode."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duplicata
import pytest
from conftest import PARAMS
from duplicata.spark import with_fees


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("duplicata-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.mark.spark
def test_with_fees_on_a_small_dataframe(spark: Any, tmp_path: Path) -> None:
    rows = [
        (1, datetime.date(2019, 6, 1), "33", "AB-123-CD", "car", "petrol"),
        (2, datetime.date(2019, 6, 1), "45", "ab123cd", "car", "petrol"),
        (3, datetime.date(2023, 1, 1), None, "AB-123-CD", "car", "petrol"),
        (4, datetime.date(2019, 6, 1), "33", "AB-1", "car", "petrol"),
    ]
    df = spark.createDataFrame(
        rows, "id INT, date DATE, department STRING, plate STRING, category STRING, energy STRING"
    )
    out = with_fees(df.repartition(2)).orderBy("id").collect()
    assert [r["total"] for r in out] == [Decimal("47.76"), Decimal("56.76"), Decimal("13.76"), None]
    assert [r["error_code"] for r in out] == [None, None, None, "plate.invalid_format"]
    assert out[0]["confidence"] == "high"
    engine = duplicata.Engine()
    assert (
        out[1]["y1"]
        == engine.fees(
            date=datetime.date(2019, 6, 1),
            department="45",
            plate="AB-123-CD",
            category="car",
            energy="petrol",
        ).y1
    )
    # Another parameter file, shipped as text to the executors: Nouvelle-Aquitaine at 45 € instead
    # of 41 € changes row 1 (department 33) and no other.
    line = 'per_cv = "41", confidence = "high", source = "SP-F19211-2019, SP-F19211-2020, S21, S22"'
    text = PARAMS.read_text(encoding="utf-8")
    assert text.count(line) == 1
    path = tmp_path / "naq-45.toml"
    path.write_text(text.replace(line, line.replace('"41"', '"45"')), encoding="utf-8")
    again = with_fees(df, path).orderBy("id").collect()
    assert [r["total"] for r in again] == [Decimal("51.76"), Decimal("56.76"), Decimal("13.76"), None]
    assert again[0]["y1"] == Decimal("45.00")
