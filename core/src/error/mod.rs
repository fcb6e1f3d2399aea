//! The engine's error type: a stable machine code, the field concerned, and a message in French and
//! in English (lowercase, no final period, user input quoted, one line).

use std::fmt;

use serde::Serialize;

mod codes;

pub use codes::ErrorCode;

/// What went wrong, in broad classes. The precise, stable identifier is [`Error::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request is not valid JSON, misses a field, or has a value of the wrong type or range.
    InvalidRequest,
    /// A registration number cannot be read.
    InvalidPlate,
    /// A department code is not a French department.
    UnknownDepartment,
    /// The date is outside the period the engine answers for.
    DateOutOfRange,
    /// A parameter file was rejected; [`Error::problems`] lists every problem found.
    InvalidParameters,
    /// A procedure event is not allowed in the current state.
    EventNotAllowed,
    /// Reading a file or stream failed.
    Io,
    /// A bug in the engine; it is reported rather than crashing the host.
    Internal,
}

/// One problem found in a parameter file, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable code, e.g. `params.overlap`.
    pub code: &'static str,
    /// Where in the file's structure, e.g. `zone[NAQ].rates[2]`.
    pub path: String,
    /// 1-based line of the offending entry (0 when unknown).
    pub line: u32,
    /// 1-based column of the offending entry (0 when unknown).
    pub column: u32,
    /// The problem in French.
    pub message_fr: String,
    /// The problem in English.
    pub message_en: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} [{}] {}",
            self.line, self.column, self.path, self.code, self.message_en
        )
    }
}

/// The engine's error: a stable code, the field path, and messages in French and English.
///
/// One pointer wide, so that `Result<T, Error>` stays small on the hot paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Inner {
    kind: ErrorKind,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    message_fr: String,
    message_en: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    problems: Vec<Problem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allowed_events: Vec<String>,
}

impl Error {
    /// Builds an error. `code` must be one of the stable codes listed in `docs/errors.md`.
    pub fn new(
        kind: ErrorKind,
        code: &'static str,
        field: Option<&str>,
        message_fr: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Self(Box::new(Inner {
            kind,
            code,
            field: field.map(str::to_owned),
            message_fr: message_fr.into(),
            message_en: message_en.into(),
            problems: Vec::new(),
            allowed_events: Vec::new(),
        }))
    }

    /// Builds an error of a registered code, with its kind and the messages given.
    pub fn with_code(
        code: ErrorCode,
        field: Option<&str>,
        message_fr: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Self::new(
            code.kind(),
            code.code(),
            field.or(code.field()),
            message_fr,
            message_en,
        )
    }

    /// Builds an error of a registered code with the registry's own field and messages.
    #[must_use]
    pub fn of(code: ErrorCode) -> Self {
        Self::with_code(code, None, code.message_fr(), code.message_en())
    }

    /// An internal error (`internal.*`): the detail is appended to both messages.
    #[must_use]
    pub fn internal(code: ErrorCode, detail: &str) -> Self {
        Self::with_code(
            code,
            None,
            format!("{} : {detail}", code.message_fr()),
            format!("{}: {detail}", code.message_en()),
        )
    }

    /// The registered code of this error, if its code is registered (every code the core raises is).
    #[must_use]
    pub fn registered(&self) -> Option<ErrorCode> {
        ErrorCode::parse(self.0.code)
    }

    /// An invalid request (`request.*`) on `field` (an empty path is the whole request).
    pub fn invalid_request(
        code: &'static str,
        field: &str,
        fr: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        // An empty path is the whole request: no field.
        let field = Some(field).filter(|f| !f.is_empty());
        Self::new(ErrorKind::InvalidRequest, code, field, fr, en)
    }

    /// A required field is absent (`request.missing_field`).
    #[must_use]
    pub fn missing_field(field: &str) -> Self {
        Self::invalid_request(
            "request.missing_field",
            field,
            format!("champ obligatoire manquant : « {field} »"),
            format!("missing required field '{field}'"),
        )
    }

    pub(crate) fn with_problems(mut self, problems: Vec<Problem>) -> Self {
        self.0.problems = problems;
        self
    }

    pub(crate) fn with_allowed_events(mut self, events: Vec<String>) -> Self {
        self.0.allowed_events = events;
        self
    }

    /// Returns a copy of this error whose field path is prefixed (`vehicle` + `plate` → `vehicle.plate`).
    #[must_use]
    pub fn in_field(mut self, field: &str) -> Self {
        self.0.field = Some(match self.0.field.take() {
            Some(inner) if !inner.is_empty() => format!("{field}.{inner}"),
            _ => field.to_owned(),
        });
        self
    }

    /// The family of the error (invalid request, plate, department, date, parameters, event…).
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// The stable machine code, e.g. `plate.invalid_format`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.0.code
    }
    /// The field path concerned (`vehicle.plate`), if any.
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> &str {
        &self.0.message_fr
    }
    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> &str {
        &self.0.message_en
    }
    /// The message in `lang` (`"fr"` or `"en"`; anything else gives French, the language of the law).
    #[must_use]
    pub fn message(&self, lang: &str) -> &str {
        if lang.eq_ignore_ascii_case("en") {
            &self.0.message_en
        } else {
            &self.0.message_fr
        }
    }
    /// Every problem of a rejected parameter file.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.0.problems
    }
    /// For [`ErrorKind::EventNotAllowed`]: the events allowed in the current state.
    #[must_use]
    pub fn allowed_events(&self) -> &[String] {
        &self.0.allowed_events
    }
    /// The error as the JSON object every surface prints: `{"error": {...}}`.
    #[must_use]
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Wrapper<'a> {
            error: &'a Error,
        }
        serde_json::to_string(&Wrapper { error: self }).unwrap_or_else(|_| {
            format!(
                r#"{{"error":{{"code":"{}","message_en":"unprintable error"}}}}"#,
                self.0.code
            )
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.0;
        match &e.field {
            Some(field) => write!(f, "{} ({}): {}", e.code, field, e.message_en)?,
            None => write!(f, "{}: {}", e.code, e.message_en)?,
        }
        for p in &e.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
