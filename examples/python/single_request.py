"""One request, one decision: the fees line by line with their sources, then the checklist.

python examples/python/single_request.py
"""

from __future__ import annotations

import datetime

import duplicata
from duplicata import Category, Energy, Reason, Request


def main() -> None:
    engine = duplicata.Engine()
    request = Request.carte_grise(
        date=datetime.date(2019, 6, 1),
        department="33",
        plate="AB-123-CD",
        category=Category.CAR,
        energy=Energy.PETROL,
        reason=Reason.LOSS,
    )
    decision = engine.evaluate(request)
    assert decision.fees is not None
    fees = decision.fees
    print(f"total: {fees.total} € ({fees.confidence} confidence, regime {fees.regime})")
    for line in decision.fees.lines:
        print(f"  {line.code} {line.label_en:<45} {line.amount!s:>7}  {line.source}")
    print("eligible:", decision.eligibility.eligible)
    print("documents:", ", ".join(d.code for d in decision.documents))
    rate = engine.rate("33", datetime.date(2019, 6, 1))
    print(f"rate in {rate.zone_name}: {rate.rate} €/CV from {rate.valid_from} ({rate.source})")
    try:
        engine.evaluate(
            {**request.to_dict(), "vehicle": {"plate": "AB-1", "category": "car", "energy": "petrol"}}
        )
    except duplicata.InvalidRequestError as e:
        print(f"a bad plate: {e.code} on {e.field}: {e.message_en}")


if __name__ == "__main__":
    main()
