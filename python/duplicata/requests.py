"""Typed request classes: the JSON contract's request as frozen dataclasses.

``engine.evaluate`` accepts these, a dict of the same shape, or JSON text. Enumerations are
``str`` enums whose values are the contract's names, so ``Category.CAR == "car"``.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = [
    "Applicant",
    "Category",
    "Energy",
    "Heirs",
    "Holder",
    "HolderKind",
    "Mandate",
    "ProcedureKind",
    "Reason",
    "Request",
    "Theft",
    "Vehicle",
]


class ProcedureKind(str, enum.Enum):
    """Which procedure is asked for."""

    CARTE_GRISE_DUPLICATA = "carte_grise_duplicata"
    CMI_DUPLICATA = "cmi_duplicata"
    CMI_SECOND_EXEMPLAIRE = "cmi_second_exemplaire"


class Reason(str, enum.Enum):
    """Why a duplicata is needed."""

    LOSS = "loss"
    THEFT = "theft"
    DAMAGE = "damage"


class Applicant(str, enum.Enum):
    """Who files the request."""

    HOLDER = "holder"
    CO_HOLDER = "co_holder"
    MANDATE_HOLDER = "mandate_holder"
    LEGAL_GUARDIAN = "legal_guardian"
    LESSEE = "lessee"
    HEIR = "heir"
    PROFESSIONAL = "professional"


class HolderKind(str, enum.Enum):
    """Who the certificate is in the name of."""

    PERSON = "person"
    COMPANY = "company"
    LEASING_COMPANY = "leasing_company"


class Category(str, enum.Enum):
    """The vehicle's category, as far as fees and documents depend on it."""

    CAR = "car"
    UTILITY = "utility"
    MOTORHOME = "motorhome"
    MOTORCYCLE = "motorcycle"
    MOTORCYCLE_LE_125 = "motorcycle_le_125"
    MOPED_LE_50 = "moped_le_50"
    OTHER = "other"


class Energy(str, enum.Enum):
    """The vehicle's energy (field P.3 of the certificate)."""

    PETROL = "petrol"
    DIESEL = "diesel"
    ELECTRIC = "electric"
    HYDROGEN = "hydrogen"
    HYBRID = "hybrid"
    LPG = "lpg"
    CNG = "cng"
    E85 = "e85"
    OTHER = "other"


def _contract(obj: Any) -> Any:
    """A value as the JSON contract writes it (None fields are left out)."""
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    if hasattr(obj, "__dataclass_fields__"):
        return {
            f.name: _contract(getattr(obj, f.name)) for f in fields(obj) if getattr(obj, f.name) is not None
        }
    if isinstance(obj, Mapping):
        return {k: _contract(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_contract(v) for v in obj]
    return obj


class _Contract:
    def to_dict(self) -> dict[str, Any]:
        """The request as the JSON contract's object."""
        out: dict[str, Any] = _contract(self)
        return out


@dataclass(frozen=True, slots=True)
class Holder(_Contract):
    """The holder of the certificate; ``department`` decides the regional rate."""

    department: str | None = None
    kind: HolderKind = HolderKind.PERSON
    minor: bool = False
    deceased: bool = False


@dataclass(frozen=True, slots=True)
class Vehicle(_Contract):
    plate: str
    category: Category
    energy: Energy
    fiscal_power: int | None = None
    first_registration: datetime.date | None = None
    stolen: bool = False


@dataclass(frozen=True, slots=True)
class Theft(_Contract):
    declared: bool = False
    abroad: bool = False
    declared_in_france: bool = False
    recorded_in_siv: bool = False


@dataclass(frozen=True, slots=True)
class Mandate(_Contract):
    """A mandate holder's papers. A fact left as ``None`` is a condition of the answer (eligible,
    provided it is attached); a stated ``False`` refuses."""

    signed: bool | None = None
    holder_id: bool | None = None


@dataclass(frozen=True, slots=True)
class Heirs(_Contract):
    """The heirs' papers: ``None`` is a condition of the answer, a stated ``False`` refuses."""

    proof_of_inheritance: bool | None = None
    mandate_from_all_heirs: bool | None = None


@dataclass(frozen=True, slots=True)
class Request(_Contract):
    """A request for a duplicata (see ``docs/schema/request.schema.json``).

    The CMI part is given as a mapping of the contract (``{"terms_accepted": True, ...}``).
    """

    date: datetime.date
    procedure: ProcedureKind = ProcedureKind.CARTE_GRISE_DUPLICATA
    reason: Reason | None = None
    applicant: Applicant = Applicant.HOLDER
    holder: Holder = field(default_factory=Holder)
    vehicle: Vehicle | None = None
    theft: Theft | None = None
    mandate: Mandate | None = None
    heirs: Heirs | None = None
    change_of_address: bool = False
    natural_disaster: bool = False
    cmi: Mapping[str, Any] | None = None

    @classmethod
    def carte_grise(
        cls,
        *,
        date: datetime.date,
        department: str,
        plate: str,
        category: Category | str,
        energy: Energy | str,
        reason: Reason | str = Reason.LOSS,
    ) -> Request:
        """A carte-grise duplicata request filed by the holder."""
        return cls(
            date=date,
            reason=Reason(reason),
            holder=Holder(department=department),
            vehicle=Vehicle(plate=plate, category=Category(category), energy=Energy(energy)),
        )
