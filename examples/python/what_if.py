"""What if Bretagne had kept its 2015 rate (46 €/CV) instead of the 51 € of 2016-05-01 to 2023-04-30?

Prices a generated fleet with the reference parameters and with an edited copy of them, made in
code (no file on disk), and compares the totals by year for Bretagne.

    python examples/python/what_if.py [--rows 200000]
"""

from __future__ import annotations

import argparse
import datetime

import duplicata
import pyarrow as pa
import pyarrow.compute as pc
from fleet import fleet


def scenario() -> duplicata.Parameters:
    """The reference parameters with Bretagne's rate of 2016-05-01 to 2023-04-30 at its 2015 value."""
    reference = duplicata.Parameters.reference()
    return reference.with_rate(
        "BRE", "46.00", start=datetime.date(2016, 5, 1), end=datetime.date(2023, 4, 30)
    )


def by_year(compared: pa.Table) -> pa.Table:
    """Sums of the old and new totals and of the difference, by year of the request."""
    table = pa.table(
        {
            "year": pc.year(compared.column("date")),
            "total_old": compared.column("total_old"),
            "total_new": compared.column("total_new"),
            "difference": compared.column("difference"),
        }
    )
    sums = [("total_old", "sum"), ("total_new", "sum"), ("difference", "sum")]
    return table.group_by("year").aggregate(sums).sort_by("year")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()

    reference = duplicata.Engine()
    changed = duplicata.Engine(scenario())
    print(f"{reference.name} → {changed.name} ({changed.fingerprint[:19]}…)")
    requests = fleet(args.rows, seed=42)
    compared = reference.compare(changed, requests)
    bretagne = compared.filter(pc.equal(compared.column("zone").cast(pa.string()), "BRE"))
    print("year  reference (€)    what-if (€)     difference (€)   [Bretagne]")
    for row in by_year(bretagne).to_pylist():
        old, new, diff = row["total_old_sum"], row["total_new_sum"], row["difference_sum"]
        if old is None or new is None:  # every total of the year unknown (a documented gap)
            print(f"{row['year']}  {'unknown':>14}  {'unknown':>14}")
            continue
        print(f"{row['year']}  {old:>14}  {new:>14}  {diff:>14}")
    unknown = pc.sum(pc.equal(compared.column("status_old"), "unknown")).as_py()
    print(f"rows whose total is unknown under the reference parameters: {unknown}")


if __name__ == "__main__":
    main()
