//! Writing the answer of the typed fee call: each line's static C texts (made once per line and
//! explanation), its status and unknown reason, and the 480-byte `duplicata_fees`.

use super::*;

fn amount(value: Option<Money>, confidence: Confidence) -> duplicata_amount {
    duplicata_amount {
        cents: value.map_or(0, Money::cents),
        known: u8::from(value.is_some()),
        confidence: confidence.into(),
    }
}

/// The C texts of a line that has one explanation: its code, labels and explanation, made once
/// per line and explanation (a few dozen in all) and never freed (the process-wide cache the
/// header describes). A line's texts are then found with one load and two comparisons, and
/// copied as one block.
struct LineTexts {
    /// The explanation these texts were made for ([`text::key`] of the core's French and English
    /// texts).
    fr_key: usize,
    en_key: usize,
    /// `code`, `label_fr`, `label_en`, `explanation_fr`, `explanation_en`, in the order of
    /// `duplicata_fee_line`.
    c: [*const c_char; 5],
}

// SAFETY: the pointers are to static C strings that are never written nor freed.
unsafe impl Send for LineTexts {}
// SAFETY: as above; a record never changes once made.
unsafe impl Sync for LineTexts {}

/// The texts of line `code` explained by `(fr, en)`. Inlined: the usual case is one load of the
/// line's last record and two comparisons.
#[inline(always)]
fn line_texts(code: LineCode, fr: &'static str, en: &'static str) -> &'static LineTexts {
    /// The last record of each line (a line's rule rarely changes in a batch).
    static LAST: [AtomicPtr<LineTexts>; DUPLICATA_FEE_LINES] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; DUPLICATA_FEE_LINES];
    let slot = &LAST[code as usize];
    // SAFETY: NULL or a record leaked by `make_line_texts` (static, never freed); the release
    // store that published it is paired with this acquire load.
    if let Some(t) = unsafe { slot.load(Ordering::Acquire).as_ref() } {
        if t.fr_key == text::key(fr) && t.en_key == text::key(en) {
            return t;
        }
    }
    let t = make_line_texts(code, fr, en);
    slot.store(std::ptr::from_ref(t).cast_mut(), Ordering::Release);
    t
}

#[cold]
fn make_line_texts(code: LineCode, fr: &'static str, en: &'static str) -> &'static LineTexts {
    /// Every record ever made, each made once per line and explanation.
    static ALL: Mutex<Vec<(LineCode, &'static LineTexts)>> = Mutex::new(Vec::new());
    let (fr_key, en_key) = (text::key(fr), text::key(en));
    let mut all = ALL.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, t)) = all
        .iter()
        .find(|(c, t)| *c == code && t.fr_key == fr_key && t.en_key == en_key)
    {
        return t;
    }
    let (label_fr, label_en) = text::pair(code.label_fr(), code.label_en());
    let (explanation_fr, explanation_en) = text::pair(fr, en);
    let t: &'static LineTexts = Box::leak(Box::new(LineTexts {
        fr_key,
        en_key,
        c: [
            text::one(code.as_str()),
            label_fr,
            label_en,
            explanation_fr,
            explanation_en,
        ],
    }));
    all.push((code, t));
    t
}

// `write_line` copies `LineTexts::c` over the first five fields of a line in one block.
const _: () = assert!(
    std::mem::offset_of!(duplicata_fee_line, code) == 0
        && std::mem::offset_of!(duplicata_fee_line, explanation_en)
            == 4 * size_of::<*const c_char>()
);

impl From<LineStatus> for duplicata_line_status {
    fn from(s: LineStatus) -> Self {
        match s {
            LineStatus::Due => duplicata_line_status::Due,
            LineStatus::NotDue => duplicata_line_status::NotDue,
            LineStatus::Unknown => duplicata_line_status::Unknown,
        }
    }
}

/// Why a line is unknown: the code and texts of the unknown value. Y1 is unknown when the regional
/// rate or the region's clean-vehicle share is; Y4 follows Y1 under the CGI (art. 1628-0 bis II),
/// so an unknown Y4 has Y1's cause.
fn unknown_reason(f: &FeeBreakdown, l: &FeeLine) -> [*const c_char; 3] {
    let y1 = f.line(LineCode::Y1);
    let cause = [l, y1].into_iter().find_map(|line| match line.rule {
        LineRule::UnknownRate { .. } => Some(("fees.y1.unknown_rate", line)),
        LineRule::UnknownExemption { .. } => Some(("fees.y1.unknown_exemption", line)),
        _ => None,
    });
    match cause {
        Some((code, line)) => {
            let (fr, en) = line.explanation();
            let (fr, en) = text::pair(fr, en);
            [text::one(code), fr, en]
        }
        // A line unknown for a cause the core adds later: its own explanation says why.
        None => {
            let (fr, en) = l.explanation();
            let (fr, en) = text::pair(fr, en);
            [text::one("fees.unknown"), fr, en]
        }
    }
}

/// Writes one line to `dst`, field by field. Written in place rather than built and returned:
/// copying an 88-byte struct back from the stack right after its fields were stored one by one
/// stalls on store forwarding.
///
/// # Safety
/// `dst` is writable for one `duplicata_fee_line`.
#[inline(always)]
unsafe fn write_line(dst: *mut duplicata_fee_line, f: &FeeBreakdown, l: &FeeLine) {
    let (fr, en) = l.explanation();
    let texts = line_texts(l.code, fr, en);
    // The status as the decision gives it (`fees.lines[].status`), worked out by the core.
    let status = l.status();
    let reason = if status == LineStatus::Unknown {
        unknown_reason(f, l)
    } else {
        [std::ptr::null(); 3]
    };
    // SAFETY: `dst` is writable (caller's guarantee); fields written through raw pointers. The
    // first five pointers are consecutive in `duplicata_fee_line` (`repr(C)`), in the order of
    // `LineTexts::c`: one copy of the record.
    unsafe {
        (&raw mut (*dst).code)
            .cast::<[*const c_char; 5]>()
            .write(texts.c);
        (&raw mut (*dst).unknown_reason).write(reason[0]);
        (&raw mut (*dst).unknown_reason_fr).write(reason[1]);
        (&raw mut (*dst).unknown_reason_en).write(reason[2]);
        (&raw mut (*dst).cents).write(l.amount.map_or(0, Money::cents));
        (&raw mut (*dst).status).write(status.into());
        (&raw mut (*dst).confidence).write(l.confidence.into());
        (&raw mut (*dst).known).write(u8::from(l.amount.is_some()));
    }
}

impl duplicata_fees {
    fn new(f: &FeeBreakdown, regime: duplicata_regime, plate_system: PlateSystem) -> Self {
        duplicata_fees {
            size: size_of::<duplicata_fees>(),
            lines: std::array::from_fn(|i| {
                let mut line = std::mem::MaybeUninit::<duplicata_fee_line>::zeroed();
                // SAFETY: a local struct, writable; zeroed first, so its padding is defined.
                unsafe {
                    write_line(line.as_mut_ptr(), f, &f.lines[i]);
                    line.assume_init()
                }
            }),
            total: amount(f.total, f.confidence),
            regime,
            plate_system: plate_system.into(),
            conversion: u8::from(f.conversion),
            highest_event_only: u8::from(f.highest_event_meta.is_some()),
        }
    }

    /// Writes the fees of `f` to the caller's struct, `n` bytes (from `out_size`). The whole
    /// struct (the usual case) is written field by field in place: the struct is about 500 bytes,
    /// and building it aside then copying it costs a fifth of the call.
    ///
    /// # Safety
    /// `out` is not NULL and writable for `n` bytes.
    pub(super) unsafe fn write(
        out: *mut duplicata_fees,
        n: usize,
        f: &FeeBreakdown,
        plate_system: PlateSystem,
    ) -> Result<(), Failure> {
        let regime = crate::names::regime(f.regime.as_str())
            .ok_or_else(|| Failure::internal("a regime unknown to the C interface"))?;
        if n != size_of::<duplicata_fees>() {
            // SAFETY: `out` is writable for `n` bytes (caller's guarantee).
            unsafe { write_out(out, duplicata_fees::new(f, regime, plate_system), n) };
            return Ok(());
        }
        // SAFETY: the whole struct is writable (caller's guarantee); each field is written once
        // through a raw pointer, no reference to uninitialised memory is made.
        unsafe {
            (&raw mut (*out).size).write(n);
            let lines = (&raw mut (*out).lines).cast::<duplicata_fee_line>();
            for (i, l) in f.lines.iter().enumerate() {
                write_line(lines.add(i), f, l);
            }
            (&raw mut (*out).total).write(amount(f.total, f.confidence));
            (&raw mut (*out).regime).write(regime);
            (&raw mut (*out).plate_system).write(plate_system.into());
            (&raw mut (*out).conversion).write(u8::from(f.conversion));
            (&raw mut (*out).highest_event_only).write(u8::from(f.highest_event_meta.is_some()));
        }
        Ok(())
    }
}
