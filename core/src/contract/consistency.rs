//! Requests whose parts contradict each other, or carry a part their procedure does not use, are
//! refused with `request.inconsistent` naming the field, before any rule runs: an answer computed
//! from a contradiction (a natural disaster that is also a theft, a 999 CV cyclomoteur) would look
//! exact and be wrong.

use crate::contract::request::{Category, DeliveryAddress, Holder, ProcedureKind, Reason, Request};
use crate::error::{Error, ErrorCode};

/// The highest fiscal power (CV) accepted for a cyclomoteur. A cyclomoteur has at most 50 cm³ and
/// 4 kW (code de la route, art. R311-1, 1.4: "cyclomoteur … cylindrée n'excédant pas 50 cm³ … puissance
/// maximale nette n'excédant pas 4 kW"); its certificate carries 1 CV (P.6), the lowest fiscal
/// power. 4 CV leaves room for a typing error of one digit while refusing what no cyclomoteur is.
pub(crate) const MOPED_MAX_FISCAL_POWER: u32 = 4;

fn inconsistent(field: &str, fr: String, en: String) -> Error {
    Error::with_code(ErrorCode::RequestInconsistent, Some(field), fr, en)
}

fn unused(field: &str, procedure: ProcedureKind) -> Error {
    let p = procedure.code();
    inconsistent(
        field,
        format!("« {field} » ne sert pas à une demande {p} : retirer ce champ"),
        format!("'{field}' is not part of a {p} request: remove it"),
    )
}

/// Checks that the request's parts agree with each other and with its procedure.
///
/// # Errors
///
/// `request.inconsistent` naming the first field at fault (the message names the other).
pub(crate) fn check(req: &Request) -> Result<(), Error> {
    match req.procedure {
        ProcedureKind::CarteGriseDuplicata => carte_grise(req),
        ProcedureKind::CmiDuplicata | ProcedureKind::CmiSecondExemplaire => cmi(req),
    }
}

fn carte_grise(req: &Request) -> Result<(), Error> {
    if req.cmi.is_some() {
        return Err(unused("cmi", req.procedure));
    }
    if req.natural_disaster && req.reason == Some(Reason::Theft) {
        return Err(inconsistent(
            "natural_disaster",
            "« natural_disaster » (perte ou destruction lors d'intempéries) contredit « reason » = theft (vol)".into(),
            "'natural_disaster' (lost or destroyed in a natural disaster) contradicts 'reason' = theft".into(),
        ));
    }
    if let (Some(_), Some(reason)) = (req.theft, req.reason) {
        if reason != Reason::Theft {
            let r = reason.code();
            return Err(inconsistent(
                "theft",
                format!("un bloc « theft » (déclaration de vol) contredit « reason » = {r}"),
                format!("a 'theft' block (theft declaration) contradicts 'reason' = {r}"),
            ));
        }
    }
    if let Some(v) = &req.vehicle {
        if let Some(cv) = v.fiscal_power {
            if v.category == Category::MopedLe50 && cv > MOPED_MAX_FISCAL_POWER {
                return Err(inconsistent(
                    "vehicle.fiscal_power",
                    format!(
                        "un cyclomoteur (« vehicle.category » = moped_le_50, 50 cm³ et 4 kW au plus, art. R311-1 du code de la route) ne peut pas avoir {cv} CV (au plus {MOPED_MAX_FISCAL_POWER})"
                    ),
                    format!(
                        "a cyclomoteur ('vehicle.category' = moped_le_50, at most 50 cm³ and 4 kW, code de la route R311-1) cannot have {cv} CV (at most {MOPED_MAX_FISCAL_POWER})"
                    ),
                ));
            }
        }
        if let Some(first) = v.first_registration {
            if first > req.date {
                return Err(inconsistent(
                    "vehicle.first_registration",
                    format!(
                        "première immatriculation ({first}) postérieure à la demande (« date » = {})",
                        req.date
                    ),
                    format!(
                        "first registration ({first}) after the request ('date' = {})",
                        req.date
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn cmi(req: &Request) -> Result<(), Error> {
    let p = req.procedure;
    let unused_parts = [
        ("vehicle", req.vehicle.is_some()),
        ("reason", req.reason.is_some()),
        ("theft", req.theft.is_some()),
        ("mandate", req.mandate.is_some()),
        ("heirs", req.heirs.is_some()),
        ("holder", req.holder != Holder::default()),
        ("change_of_address", req.change_of_address),
        ("natural_disaster", req.natural_disaster),
    ];
    if let Some((field, _)) = unused_parts.iter().find(|(_, set)| *set) {
        return Err(unused(field, p));
    }
    if let Some(a) = req.cmi.as_ref().and_then(|c| c.delivery_address.as_ref()) {
        address_text(a)?;
    }
    if let Some(c) = &req.cmi {
        for (i, t) in c.titles.iter().enumerate() {
            one_line(&format!("cmi.titles[{i}].number"), &t.number)?;
        }
        if let Some(n) = &c.title_number {
            one_line("cmi.title_number", n)?;
        }
    }
    Ok(())
}

/// A delivery address is printed on an envelope, one field a line: no control character (NUL,
/// newline, tab) inside a field.
fn address_text(a: &DeliveryAddress) -> Result<(), Error> {
    let fields = [
        ("name", a.name.as_str()),
        ("line1", &a.line1),
        ("line2", &a.line2),
        ("line3", &a.line3),
        ("line4", &a.line4),
        ("postal_code", a.postal_code.as_deref().unwrap_or("")),
        ("city", &a.city),
        ("country", &a.country),
    ];
    for (name, text) in fields {
        one_line(&format!("cmi.delivery_address.{name}"), text)?;
    }
    Ok(())
}

/// A text field of one line: a control character (NUL, newline, tab…) is refused with
/// `request.invalid_value`, naming the field, never stripped.
fn one_line(field: &str, text: &str) -> Result<(), Error> {
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        let code = u32::from(c);
        return Err(Error::with_code(
            ErrorCode::RequestInvalidValue,
            Some(field),
            format!(
                "« {field} » contient un caractère de contrôle (U+{code:04X}) : une seule ligne de texte est attendue"
            ),
            format!(
                "'{field}' contains a control character (U+{code:04X}): one line of text is expected"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::json::from_json;

    fn refused(json: &str) -> (String, Option<String>) {
        let req: Request = from_json(json).expect(json);
        let e = check(&req).expect_err(json);
        (e.code().to_owned(), e.field().map(str::to_owned))
    }

    const CG: &str =
        r#""procedure":"carte_grise_duplicata","date":"2019-06-01","holder":{"department":"33"}"#;
    const CAR: &str = r#""vehicle":{"plate":"AB-123-CD","category":"car","energy":"petrol"}"#;

    #[test]
    fn contradictions_name_their_field() {
        let inc = |f: &str| ("request.inconsistent".to_owned(), Some(f.to_owned()));
        assert_eq!(
            refused(&format!(
                r#"{{{CG},{CAR},"reason":"theft","natural_disaster":true}}"#
            )),
            inc("natural_disaster")
        );
        assert_eq!(
            refused(&format!(
                r#"{{{CG},{CAR},"reason":"loss","theft":{{"declared":true}}}}"#
            )),
            inc("theft")
        );
        for cv in [5, 40, 999] {
            assert_eq!(
                refused(&format!(
                    r#"{{{CG},"reason":"loss","vehicle":{{"plate":"AB-123-CD","category":"moped_le_50","energy":"petrol","fiscal_power":{cv}}}}}"#
                )),
                inc("vehicle.fiscal_power")
            );
        }
        assert_eq!(
            refused(&format!(r#"{{{CG},{CAR},"reason":"loss","cmi":{{}}}}"#)),
            inc("cmi")
        );
        assert_eq!(
            refused(&format!(
                r#"{{{CG},"reason":"loss","vehicle":{{"plate":"AB-123-CD","category":"car","energy":"petrol","first_registration":"2019-06-02"}}}}"#
            )),
            inc("vehicle.first_registration")
        );
        let cmi =
            r#""procedure":"cmi_duplicata","date":"2021-05-01","cmi":{"terms_accepted":true}"#;
        assert_eq!(refused(&format!("{{{cmi},{CAR}}}")), inc("vehicle"));
        assert_eq!(
            refused(&format!(r#"{{{cmi},"reason":"loss"}}"#)),
            inc("reason")
        );
        assert_eq!(
            refused(&format!(r#"{{{cmi},"holder":{{"department":"33"}}}}"#)),
            inc("holder")
        );
        let name = |n: &str| {
            format!(
                r#"{{"procedure":"cmi_duplicata","date":"2021-05-01","cmi":{{"delivery_address":{{"name":"{n}","line1":"1 rue A","city":"Paris","country":"France","postal_code":"75001"}}}}}}"#
            )
        };
        for n in ["Jean\\u0000Dupont", "Jean\\nDupont", "Jean\\tDupont"] {
            assert_eq!(
                refused(&name(n)),
                (
                    "request.invalid_value".to_owned(),
                    Some("cmi.delivery_address.name".to_owned())
                )
            );
        }
    }

    #[test]
    fn plain_requests_pass() {
        let req: Request = from_json(&format!(
            r#"{{{CG},{CAR},"reason":"theft","theft":{{"declared":true}}}}"#
        ))
        .expect("request");
        assert!(check(&req).is_ok());
        let req: Request = from_json(&format!(
            r#"{{{CG},"reason":"loss","natural_disaster":true,"vehicle":{{"plate":"AB-123-CD","category":"moped_le_50","energy":"petrol","fiscal_power":1}}}}"#
        ))
        .expect("request");
        assert!(check(&req).is_ok());
    }
}
