//! Reading a request from JSON, with errors that name the field and say what is wrong in both
//! languages.

use serde::de::DeserializeOwned;

use super::date;
use super::request::Request;
use crate::error::Error;

/// Largest JSON request accepted (a request is a few hundred bytes; CMI title lists stay small).
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

/// Reads a JSON document into `T`, mapping every serde error to a stable code and a field path.
///
/// # Errors
///
/// `request.too_large` over [`MAX_REQUEST_BYTES`]; `request.invalid_json`, `request.missing_field`,
/// `request.unknown_field`, `request.invalid_value`, `request.invalid_type` or
/// `request.invalid_date`, naming the field.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if text.len() > MAX_REQUEST_BYTES {
        return Err(Error::invalid_request(
            "request.too_large",
            "",
            format!(
                "requête trop grande ({} octets, maximum {MAX_REQUEST_BYTES})",
                text.len()
            ),
            format!(
                "request too large ({} bytes, at most {MAX_REQUEST_BYTES})",
                text.len()
            ),
        ));
    }
    // A request is a JSON object; serde would also read a struct from an array, by position.
    if let Some(first) = text.trim_start().chars().next() {
        if first != '{'
            && (first == '['
                || first == '"'
                || first.is_ascii_digit()
                || matches!(first, 't' | 'f' | 'n' | '-'))
        {
            return Err(Error::invalid_request(
                "request.invalid_type",
                "",
                "la requête doit être un objet JSON ({…})",
                "the request must be a JSON object ({…})",
            ));
        }
    }
    // The common case, valid input, takes the plain (faster) path; an error is read again with
    // path tracking to name the field.
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // serde_path_to_error writes "." for the root and "?" for a place it could not name.
        let path = e.path().to_string();
        let path = path.trim_end_matches('?').trim_end_matches('.');
        let inner = e.into_inner();
        // serde_json reports a value of the wrong kind for an enum (`"reason": 3`) as a syntax
        // error ("expected value"); in a text that is valid JSON it is a type error.
        if inner.is_syntax()
            && inner.to_string().starts_with("expected value")
            && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
        {
            return wrong_type(path);
        }
        map_error(path.to_owned(), inner)
    })?;
    de.end().map_err(|e| map_error(String::new(), e))?;
    Ok(value)
}

/// Reads a request: [`from_json`], then no value of the wrong shape that serde would take. serde
/// reads a struct from an array, by position (`"vehicle": ["AB-123-CD", "car", "petrol"]`), and
/// an enum from an object (`"procedure": {"carte_grise_duplicata": null}`); the contract has one
/// list, `cmi.titles`, and the objects of `docs/schema/request.schema.json`.
///
/// # Errors
///
/// Those of [`from_json`]; `request.invalid_type` naming the field given as an array or object.
pub fn read_request(text: &str) -> Result<Request, Error> {
    let request = from_json::<Request>(text);
    // A value of the wrong shape is named as such, whether serde read it or stumbled in it. The
    // byte scan is cheap; only a request it doubts is read again as a tree.
    let shape_caused = match &request {
        Ok(_) => true,
        Err(e) => matches!(
            e.code(),
            "request.invalid_type" | "request.invalid_value" | "request.missing_field"
        ),
    };
    if shape_caused && !plain_shape(text.as_bytes()) {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            if let Some(path) = misplaced(&value, "") {
                return Err(wrong_type(&path));
            }
        }
    }
    request
}

/// The keys whose value is an object in the request contract (`docs/schema/request.schema.json`);
/// the elements of `cmi.titles` are objects too. A new object of the contract is added here, a new
/// list of plain values to [`VALUE_LISTS`].
const OBJECTS: &[&str] = &[
    "holder",
    "loss",
    "vehicle",
    "theft",
    "mandate",
    "heirs",
    "cmi",
    "delivery_address",
];

/// Whether every `{` and `[` of the text (outside strings) is where the contract has an object or
/// a list, by the key it follows. `false` is a doubt, settled by [`misplaced`].
/// The keys whose value is a list of plain values (strings) in the request contract.
const VALUE_LISTS: &[&str] = &["other_title_numbers"];

fn plain_shape(b: &[u8]) -> bool {
    // For each open container: is it an object, and is it the list `titles`.
    let mut stack: Vec<(bool, bool)> = Vec::new();
    let (mut i, mut key, mut last) = (0, (0, 0), (0, 0));
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                last = (start, i.min(b.len()));
            }
            b':' => key = last,
            c @ (b'{' | b'[') => {
                let name = &b[key.0..key.1];
                let ok = match stack.last() {
                    None => c == b'{',
                    Some(&(true, _)) if c == b'{' => OBJECTS.iter().any(|o| o.as_bytes() == name),
                    Some(&(true, _)) => {
                        name == b"titles" || VALUE_LISTS.iter().any(|l| l.as_bytes() == name)
                    }
                    Some(&(false, titles)) => titles && c == b'{',
                };
                if !ok {
                    return false;
                }
                stack.push((c == b'{', c == b'[' && name == b"titles"));
            }
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// The path of the first array or object where the contract has neither.
fn misplaced(v: &serde_json::Value, path: &str) -> Option<String> {
    let last = path.rsplit('.').next().unwrap_or(path);
    match v {
        serde_json::Value::Array(items)
            if VALUE_LISTS.contains(&last) && path.starts_with("cmi.") =>
        {
            items.iter().enumerate().find_map(|(i, item)| match item {
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    Some(format!("{path}[{i}]"))
                }
                _ => None,
            })
        }
        serde_json::Value::Array(items) if path == "cmi.titles" => {
            items.iter().enumerate().find_map(|(i, item)| match item {
                serde_json::Value::Object(_) => misplaced(item, &format!("{path}[{i}]")),
                _ => None,
            })
        }
        serde_json::Value::Object(map)
            if path.is_empty() || OBJECTS.contains(&last) || last.ends_with(']') =>
        {
            map.iter()
                .find_map(|(k, item)| misplaced(item, &join(path, k)))
        }
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => Some(path.to_owned()),
        _ => None,
    }
}

/// `request.invalid_type` for a value of the wrong kind at `path`.
fn wrong_type(path: &str) -> Error {
    Error::invalid_request(
        "request.invalid_type",
        path,
        format!("type invalide pour « {path} »"),
        format!("invalid type for '{path}'"),
    )
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// The text between the first pair of backticks of a serde message.
fn quoted(msg: &str) -> Option<&str> {
    let start = msg.find('`')? + 1;
    let len = msg[start..].find('`')?;
    Some(&msg[start..start + len])
}

fn map_error(path: String, e: serde_json::Error) -> Error {
    use serde_json::error::Category;
    let msg = e.to_string();
    // serde_json appends " at line L column C"; keep the position in the message.
    let (what, at) = match msg.rfind(" at line ") {
        Some(i) => (&msg[..i], &msg[i + 1..]),
        None => (msg.as_str(), ""),
    };
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::invalid_request(
            "request.invalid_json",
            &path,
            format!(
                "JSON invalide : {} ({})",
                syntax_fr(what),
                at.replace("line", "ligne").replace("column", "colonne")
            ),
            format!("invalid JSON: {what} ({at})"),
        ),
        Category::Data => {
            if let Some(shown) = what.strip_prefix(date::SERDE_PREFIX) {
                let err = date::invalid_date(&path, shown);
                return Error::invalid_request(
                    "request.invalid_date",
                    &path,
                    err.message_fr(),
                    err.message_en(),
                );
            }
            if let Some(rest) = what.strip_prefix("duplicate field ") {
                let field = join(&path, quoted(rest).unwrap_or(rest));
                return Error::invalid_request(
                    "request.invalid_value",
                    &field,
                    format!("champ « {field} » écrit deux fois"),
                    format!("field '{field}' written twice"),
                );
            }
            if let Some(rest) = what.strip_prefix("missing field ") {
                let field = join(&path, quoted(rest).unwrap_or(rest));
                return Error::missing_field(&field);
            }
            if let Some(rest) = what.strip_prefix("unknown field ") {
                let name = quoted(rest).unwrap_or(rest);
                // The path already ends at the unknown field.
                let field = if path.ends_with(name) {
                    path.clone()
                } else {
                    join(&path, name)
                };
                let expected = rest
                    .split_once(", expected ")
                    .map_or("", |(_, x)| x)
                    .replace('`', "'");
                return Error::invalid_request(
                    "request.unknown_field",
                    &field,
                    format!(
                        "champ inconnu « {field} » (attendu : {})",
                        expected.trim_start_matches("one of ")
                    ),
                    format!("unknown field '{field}' (expected {expected})"),
                );
            }
            if let Some(rest) = what.strip_prefix("unknown variant ") {
                let value = quoted(rest).unwrap_or(rest);
                let expected = rest
                    .split_once(", expected ")
                    .map_or("", |(_, x)| x)
                    .replace('`', "'");
                return Error::invalid_request(
                    "request.invalid_value",
                    &path,
                    format!(
                        "valeur « {value} » invalide pour « {path} » (attendu : {})",
                        expected.trim_start_matches("one of ")
                    ),
                    format!("invalid value '{value}' for '{path}' (expected {expected})"),
                );
            }
            if what.starts_with("invalid type") {
                let detail = what.trim_start_matches("invalid type: ").replace('`', "'");
                return Error::invalid_request(
                    "request.invalid_type",
                    &path,
                    format!("type invalide pour « {path} » : {}", detail_fr(&detail)),
                    format!("invalid type for '{path}': {detail}"),
                );
            }
            if is_date_field(&path) {
                return Error::invalid_request(
                    "request.invalid_date",
                    &path,
                    format!(
                        "date invalide pour « {path} » : une date réelle au format AAAA-MM-JJ est attendue"
                    ),
                    format!("invalid date for '{path}' ({what}): YYYY-MM-DD expected"),
                );
            }
            let detail = what
                .strip_prefix("invalid value: ")
                .or_else(|| what.strip_prefix("invalid length "))
                .map_or_else(String::new, |d| detail_fr(&d.replace('`', "'")));
            Error::invalid_request(
                "request.invalid_value",
                &path,
                if detail.is_empty() {
                    format!("valeur invalide pour « {path} »")
                } else {
                    format!("valeur invalide pour « {path} » : {detail}")
                },
                format!("invalid value for '{path}': {what}"),
            )
        }
    }
}

/// The French of a serde_json syntax message (the English stays in `message_en`).
fn syntax_fr(what: &str) -> String {
    let fixed = match what {
        "EOF while parsing a list" => "fin du texte au milieu d'une liste",
        "EOF while parsing an object" => "fin du texte au milieu d'un objet",
        "EOF while parsing a string" => "fin du texte au milieu d'une chaîne",
        "EOF while parsing a value" => "fin du texte là où une valeur est attendue",
        "expected `:`" => "« : » attendu",
        "expected `,` or `]`" => "« , » ou « ] » attendu",
        "expected `,` or `}`" => "« , » ou « } » attendu",
        "expected ident" => "mot true, false ou null attendu",
        "expected value" => {
            "valeur JSON attendue (NaN, Infinity et les mots nus ne sont pas du JSON)"
        }
        "expected `\"`" => "« \" » attendu",
        "invalid escape" => "séquence d'échappement invalide",
        "invalid number" => "nombre invalide",
        "number out of range" => "nombre hors limites",
        "invalid unicode code point" => "point de code Unicode invalide",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "caractère de contrôle (U+0000 à U+001F) dans une chaîne : l'écrire échappé"
        }
        "key must be a string" => "une clé doit être une chaîne",
        "lone leading surrogate in hex escape" => "demi-code UTF-16 isolé dans un échappement",
        "trailing comma" => "virgule en trop",
        "trailing characters" => "caractères après la fin du document",
        "unexpected end of hex escape" => "échappement hexadécimal incomplet",
        "recursion limit exceeded" => "imbrication trop profonde",
        _ => "",
    };
    if fixed.is_empty() {
        "texte illisible".to_owned()
    } else {
        fixed.to_owned()
    }
}

/// The French of a serde "X, expected Y" detail, word by word for the JSON kinds.
fn detail_fr(detail: &str) -> String {
    let (found, expected) = detail.split_once(", expected ").unwrap_or((detail, ""));
    let kind = |t: &str| -> String {
        let t = t.trim();
        let value = t.split_once(' ').map_or("", |(_, v)| v);
        let word = t.split(' ').next().unwrap_or(t);
        match word {
            "integer" => format!("l'entier {value}"),
            "floating" => format!("le nombre {}", value.trim_start_matches("point ")),
            "string" => format!("le texte {value}"),
            "boolean" => format!("le booléen {value}"),
            "null" | "unit" => "null".to_owned(),
            "map" => "un objet".to_owned(),
            "sequence" => "une liste".to_owned(),
            "char" => format!("le caractère {value}"),
            _ => "une autre valeur".to_owned(),
        }
    };
    let wanted = match expected.trim() {
        "" => String::new(),
        "a string" => "un texte".to_owned(),
        "a boolean" => "un booléen".to_owned(),
        "u32" | "u16" | "u8" | "u64" | "usize" => "un entier positif".to_owned(),
        "a sequence" => "une liste".to_owned(),
        e if e.starts_with("a date") => "une date AAAA-MM-JJ".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("a map") => "un objet".to_owned(),
        e if e.contains("variant") => "un nom de la liste".to_owned(),
        _ => "une valeur d'un autre type".to_owned(),
    };
    if wanted.is_empty() {
        kind(found)
    } else {
        format!("{} ; attendu : {wanted}", kind(found))
    }
}

fn is_date_field(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    matches!(last, "date" | "first_registration" | "valid_until")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> (&'static str, Option<String>) {
        let e = from_json::<Request>(text).expect_err(text);
        (e.code(), e.field().map(str::to_owned))
    }

    #[test]
    fn errors_name_their_field() {
        assert_eq!(code("[1,2,3]"), ("request.invalid_type", None));
        assert_eq!(code("42"), ("request.invalid_type", None));
        assert_eq!(code("{"), ("request.invalid_json", None));
        assert_eq!(code(""), ("request.invalid_json", None));
        assert_eq!(
            code(r#"{"procedure":"carte_grise_duplicata"}"#),
            ("request.missing_field", Some("date".into()))
        );
        assert_eq!(
            code(
                r#"{"procedure":"carte_grise_duplicata","date":"2019-01-01","vehicle":{"plate":1}}"#
            ),
            ("request.invalid_type", Some("vehicle.plate".into()))
        );
        assert_eq!(
            code(&" ".repeat(MAX_REQUEST_BYTES + 1)),
            ("request.too_large", None)
        );
    }
}
