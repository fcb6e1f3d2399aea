//! The query of the fee path: what the fees depend on, read from a request's fields with the
//! checks [`crate::Engine::evaluate`] makes on them.

use chrono::NaiveDate;

use crate::contract::request::{Category, Energy};
use crate::error::{Error, ErrorKind};
use crate::model::department::Department;
use crate::model::plate::{Plate, PlateSystem, parse_plate, plate_system};

/// What the fees depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeQuery {
    /// The day of the request: the fees in force that day.
    pub date: NaiveDate,
    /// The holder's department; needed only when Y1 is due (until 2020).
    pub department: Option<Department>,
    /// The numbering system of the registration number (an FNI number is converted, no Y1).
    pub plate: PlateSystem,
    /// The vehicle's category (1/4 CV for two-wheelers up to 125 cm³, no tax on a cyclomoteur).
    pub category: Category,
    /// The vehicle's energy (clean-vehicle exemptions).
    pub energy: Energy,
    /// A change of address is asked at the same time.
    pub change_of_address: bool,
    /// The card was lost or destroyed in a natural disaster (no tax).
    pub natural_disaster: bool,
}

impl FeeQuery {
    /// A query from a request's raw fields, with the checks [`crate::Engine::evaluate`] makes on
    /// them: the number and the department are read, and a cyclomoteur number must go with the
    /// `moped_le_50` category. Errors name the request's fields (`vehicle.plate`,
    /// `holder.department`, `vehicle.category`). The read number is returned with the query.
    ///
    /// # Errors
    ///
    /// `plate.*` and `department.*` codes for a number or department that cannot be read (in the
    /// fields above), `request.inconsistent` for a cyclomoteur number with another category.
    pub fn from_fields(
        date: NaiveDate,
        department: Option<&str>,
        plate: &str,
        category: Category,
        energy: Energy,
    ) -> Result<(FeeQuery, Plate), Error> {
        let plate = parse_plate(plate).map_err(|e| e.in_field("vehicle.plate"))?;
        let department = match department {
            Some(d) => Some(Department::parse(d).map_err(|e| e.in_field("holder.department"))?),
            None => None,
        };
        let query = FeeQuery::new(date, department, &plate, category, energy)?;
        Ok((query, plate))
    }

    /// [`FeeQuery::from_fields`] for a caller that needs only the query (its `plate` is the
    /// number's system): the same checks, in the same order, with the same errors, without
    /// building the number's canonical form (it is built only for the message of a cyclomoteur
    /// number with another category).
    ///
    /// # Errors
    ///
    /// As [`FeeQuery::from_fields`].
    pub fn check_fields(
        date: NaiveDate,
        department: Option<&str>,
        plate: &str,
        category: Category,
        energy: Energy,
    ) -> Result<FeeQuery, Error> {
        let system = plate_system(plate).map_err(|e| e.in_field("vehicle.plate"))?;
        let department = match department {
            Some(d) => Some(Department::parse(d).map_err(|e| e.in_field("holder.department"))?),
            None => None,
        };
        if !FeeQuery::plate_fits_category(system, category) {
            let plate = parse_plate(plate).map_err(|e| e.in_field("vehicle.plate"))?;
            return FeeQuery::new(date, department, &plate, category, energy);
        }
        Ok(Self::unchecked(date, department, system, category, energy))
    }

    /// A query from a number and a department already read, with the same check as
    /// [`FeeQuery::from_fields`]: a cyclomoteur number must go with the `moped_le_50` category.
    ///
    /// # Errors
    ///
    /// `request.inconsistent` (field `vehicle.category`) for a cyclomoteur number with another
    /// category.
    pub fn new(
        date: NaiveDate,
        department: Option<Department>,
        plate: &Plate,
        category: Category,
        energy: Energy,
    ) -> Result<FeeQuery, Error> {
        if !FeeQuery::plate_fits_category(plate.system, category) {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "request.inconsistent",
                Some("vehicle.category"),
                format!(
                    "« {} » est un numéro de cyclomoteur : choisissez la catégorie « cyclomoteur de 50 cm³ au plus »",
                    plate.normalized()
                ),
                format!(
                    "'{}' is a cyclomoteur number: the category must be moped_le_50",
                    plate.normalized()
                ),
            ));
        }
        Ok(Self::unchecked(
            date,
            department,
            plate.system,
            category,
            energy,
        ))
    }

    /// A query from a numbering system alone (no number given), with the same check: the
    /// cyclomoteur system must go with the `moped_le_50` category.
    ///
    /// # Errors
    ///
    /// `request.inconsistent` (field `vehicle.category`) for the cyclomoteur system with another
    /// category.
    pub fn from_system(
        date: NaiveDate,
        department: Option<Department>,
        system: PlateSystem,
        category: Category,
        energy: Energy,
    ) -> Result<FeeQuery, Error> {
        if !FeeQuery::plate_fits_category(system, category) {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "request.inconsistent",
                Some("vehicle.category"),
                "un numéro de cyclomoteur exige la catégorie moped_le_50",
                "a cyclomoteur number requires the category moped_le_50",
            ));
        }
        Ok(Self::unchecked(date, department, system, category, energy))
    }

    /// Whether a numbering system may go with a category: the cyclomoteur format (`A 11 A`, given
    /// to cyclomoteurs registered before 2015-07-01, SP-F17638-2020, facts.md §3.2) belongs to the
    /// `moped_le_50` category only. The one home of the check every constructor above makes, and
    /// of the batches' (which read the fields themselves).
    #[must_use]
    #[inline]
    pub fn plate_fits_category(system: PlateSystem, category: Category) -> bool {
        system != PlateSystem::Moped || category == Category::MopedLe50
    }

    /// The same query with a change of address asked at the same time and a natural disaster.
    #[must_use]
    pub fn with_events(mut self, change_of_address: bool, natural_disaster: bool) -> FeeQuery {
        self.change_of_address = change_of_address;
        self.natural_disaster = natural_disaster;
        self
    }

    fn unchecked(
        date: NaiveDate,
        department: Option<Department>,
        plate: PlateSystem,
        category: Category,
        energy: Energy,
    ) -> FeeQuery {
        FeeQuery {
            date,
            department,
            plate,
            category,
            energy,
            change_of_address: false,
            natural_disaster: false,
        }
    }
}
