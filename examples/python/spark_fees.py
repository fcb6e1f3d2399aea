"""The fees of a Spark DataFrame with ``duplicata.spark.with_fees`` (mapInArrow), in local mode.

python examples/python/spark_fees.py
"""

from __future__ import annotations

import os
import sys

from duplicata.spark import with_fees
from fleet import fleet
from pyspark.sql import SparkSession


def main() -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    requests = spark.createDataFrame(fleet(100_000, seed=7).to_pandas())
    priced = with_fees(requests)
    priced.groupBy("category").agg({"total": "sum"}).orderBy("category").show()
    priced.where("error_code IS NOT NULL").groupBy("error_code").count().show()
    spark.stop()


if __name__ == "__main__":
    main()
