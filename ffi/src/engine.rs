//! [`duplicata_engine`]: building, reloading and freeing an engine, and the JSON evaluation.

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};

use duplicata_core::{Department, Engine, MAX_REQUEST_BYTES};

use crate::boundary::{Failure, catch_or, run};
use crate::error::duplicata_error;
use crate::status::duplicata_status;
use crate::typed::{duplicata_date, read_date};

/// An engine: a parameter set compiled once. Shareable across threads; its parameter set can be
/// swapped atomically by `duplicata_engine_reload`. Freed by `duplicata_engine_free`.
pub struct duplicata_engine {
    // Readers clone the inner `Engine` (an `Arc`) under the lock and evaluate outside it, so a
    // reload never waits for an evaluation and an evaluation keeps the set it started with.
    current: RwLock<Engine>,
    /// Bumped by every reload, under the write lock. A thread keeps its own clone of the engine
    /// with the generation it was taken at, and uses it while the generation has not moved: one
    /// shared read per call instead of a lock and two reference-count writes, which the cores
    /// would fight over on the nanosecond-scale typed path.
    generation: AtomicU64,
    /// Never reused: keys the per-thread copies, so a new engine at a freed address is not
    /// mistaken for the old one.
    id: u64,
}

/// Per-thread copies of recently used engines: (engine id, generation, engine). A few entries:
/// a program rarely uses many engines from one thread, and an evicted entry costs one lock.
const THREAD_CACHE: usize = 4;

thread_local! {
    static ENGINES: RefCell<Vec<(u64, u64, Engine)>> = const { RefCell::new(Vec::new()) };
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl std::fmt::Debug for duplicata_engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("duplicata_engine")
            .field("fingerprint", &self.engine().fingerprint())
            .finish()
    }
}

impl duplicata_engine {
    fn new(engine: Engine) -> Self {
        duplicata_engine {
            current: RwLock::new(engine),
            generation: AtomicU64::new(0),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The parameter set in force now (a cheap clone of an `Arc`).
    pub fn engine(&self) -> Engine {
        self.with_engine(Engine::clone)
    }

    /// Runs `f` on the parameter set in force now, from this thread's copy while it is current.
    pub fn with_engine<R>(&self, f: impl FnOnce(&Engine) -> R) -> R {
        let generation = self.generation.load(Ordering::Acquire);
        // Borrowed, not cloned: cloning would write the shared reference count on every call.
        let missed = ENGINES.with(|cache| {
            let cache = match cache.try_borrow() {
                Ok(cache) => cache,
                Err(_) => return Err(f),
            };
            match cache
                .iter()
                .find(|(id, g, _)| *id == self.id && *g == generation)
            {
                Some((_, _, engine)) => Ok(f(engine)),
                None => Err(f),
            }
        });
        let f = match missed {
            Ok(result) => return result,
            Err(f) => f,
        };
        // A panic cannot happen while the lock is held (it only clones or assigns an `Arc`).
        let (engine, generation) = {
            let guard = self.current.read().unwrap_or_else(PoisonError::into_inner);
            (guard.clone(), self.generation.load(Ordering::Acquire))
        };
        ENGINES.with(|cache| {
            if let Ok(mut cache) = cache.try_borrow_mut() {
                cache.retain(|(id, _, _)| *id != self.id);
                if cache.len() == THREAD_CACHE {
                    cache.remove(0);
                }
                cache.push((self.id, generation, engine.clone()));
            }
        });
        f(&engine)
    }

    fn replace(&self, engine: Engine) {
        let old = {
            let mut guard = self.current.write().unwrap_or_else(PoisonError::into_inner);
            let old = std::mem::replace(&mut *guard, engine);
            self.generation.fetch_add(1, Ordering::Release);
            old
        };
        // The old set is dropped here, outside the lock, unless an evaluation still holds it.
        drop(old);
    }

    /// Forgets this thread's copy of the engine (before the engine is freed).
    pub(crate) fn forget_thread_copy(&self) {
        let _ = ENGINES.try_with(|cache| {
            if let Ok(mut cache) = cache.try_borrow_mut() {
                cache.retain(|(id, _, _)| *id != self.id);
            }
        });
    }
}

/// Reads an engine argument.
///
/// # Safety
/// `engine` is NULL or an engine returned by the library and not freed yet.
pub(crate) unsafe fn engine_ref<'a>(
    engine: *const duplicata_engine,
) -> Result<&'a duplicata_engine, Failure> {
    // SAFETY: guaranteed by the caller.
    unsafe { engine.as_ref() }.ok_or_else(|| Failure::null("engine"))
}

/// Reads a required NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `s` is NULL or a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn c_str<'a>(s: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if s.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: not NULL, NUL-terminated (caller's guarantee).
    let bytes = unsafe { CStr::from_ptr(s) }.to_bytes();
    // Plain ASCII (plates, departments, most JSON) is checked a word at a time; anything else
    // goes through the full UTF-8 check, which gives the error.
    if bytes.is_ascii() {
        // SAFETY: ASCII is valid UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    std::str::from_utf8(bytes).map_err(|e| Failure::utf8(name, e))
}

/// Writes a new string to a non-NULL output pointer.
///
/// # Safety
/// `out` is not NULL and writable.
unsafe fn give_string(out: *mut *mut c_char, text: String) -> Result<(), Failure> {
    // Every output is JSON written by serde_json or by the core's writer, which escape U+0000 in
    // strings and write no control character outside them: the text holds no NUL byte. Scanning
    // an 11 KB decision for one again would cost a tenth of the call: it is checked in debug
    // builds only.
    debug_assert!(!text.as_bytes().contains(&0), "NUL byte in an output");
    // SAFETY: no interior NUL byte, as argued above.
    let s = unsafe { CString::from_vec_unchecked(text.into_bytes()) };
    // SAFETY: guaranteed by the caller.
    unsafe { out.write(s.into_raw()) };
    Ok(())
}

/// Writes a new engine to a non-NULL output pointer.
///
/// # Safety
/// `out` is not NULL and writable.
unsafe fn give_engine(out: *mut *mut duplicata_engine, engine: Engine) {
    let boxed = Box::into_raw(Box::new(duplicata_engine::new(engine)));
    // SAFETY: guaranteed by the caller.
    unsafe { out.write(boxed) };
}

fn path_of(bytes: &CStr) -> Result<PathBuf, Failure> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes.to_bytes())))
    }
    #[cfg(not(unix))]
    {
        bytes
            .to_str()
            .map(PathBuf::from)
            .map_err(|e| Failure::utf8("path", e))
    }
}

/// Reads a parameter file (a path as the operating system takes it).
///
/// # Safety
/// `path` is NULL or a NUL-terminated string.
unsafe fn load(path: *const c_char) -> Result<Engine, Failure> {
    if path.is_null() {
        return Err(Failure::null("path"));
    }
    // SAFETY: not NULL, NUL-terminated (caller's guarantee).
    let path = path_of(unsafe { CStr::from_ptr(path) })?;
    Ok(Engine::from_file(path)?)
}

/// The reference parameter file, embedded. Each engine reads its own copy, owned by the engine
/// and freed with it: no parameter set outlives the engines, so a program that frees its engines
/// leaves nothing behind for a leak checker (the core's `Engine::embedded` keeps one set per
/// process).
const EMBEDDED_PARAMETERS: &str = include_str!("../../core/params/duplicata.toml");

/// Builds an engine over the embedded reference parameters and writes it to `*out` (the file is
/// read and checked anew, about a millisecond: build one engine and share it).
///
/// # Safety
/// `out` is NULL or writable; `err` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_new(
    out: *mut *mut duplicata_engine,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let engine = Engine::from_toml(EMBEDDED_PARAMETERS)?;
        // SAFETY: `out` is not NULL and writable (caller's guarantee).
        unsafe { give_engine(out, engine) };
        Ok(())
    })
}

/// Builds an engine over the parameter file at `path` and writes it to `*out`. A rejected file
/// gives `DUPLICATA_STATUS_INVALID_PARAMETERS` and an error listing every problem
/// (`duplicata_error_problem`); a file that cannot be read gives `DUPLICATA_STATUS_IO`.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_from_file(
    path: *const c_char,
    out: *mut *mut duplicata_engine,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: guaranteed by the caller.
        let engine = unsafe { load(path) }?;
        // SAFETY: `out` is not NULL and writable (caller's guarantee).
        unsafe { give_engine(out, engine) };
        Ok(())
    })
}

/// Replaces the engine's parameter set by the file at `path`, atomically: evaluations already
/// running finish with the old set, later ones use the new one. A file that cannot be read or is
/// rejected leaves the engine exactly as it was. Safe to call while other threads evaluate.
///
/// # Safety
/// `engine` is NULL or an engine returned by the library and not freed yet; `path` is NULL or a
/// NUL-terminated string; `err` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_reload(
    engine: *mut duplicata_engine,
    path: *const c_char,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        // SAFETY: guaranteed by the caller.
        let target = unsafe { engine_ref(engine) }?;
        // The new set is built and checked completely before anything is swapped.
        // SAFETY: guaranteed by the caller.
        let fresh = unsafe { load(path) }?;
        target.replace(fresh);
        Ok(())
    })
}

/// Frees an engine. NULL does nothing. No other thread may be using it.
///
/// # Safety
/// `engine` is NULL or an engine returned by the library, not freed yet, and no longer used by any
/// other thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_free(engine: *mut duplicata_engine) {
    catch_or((), || {
        if !engine.is_null() {
            // SAFETY: made by `Box::into_raw` in this library, freed once (caller's guarantee).
            let engine = unsafe { Box::from_raw(engine) };
            // Other threads drop their copies when they next evict them or exit.
            engine.forget_thread_copy();
            drop(engine);
        }
    });
}

/// Evaluates a JSON request (`len` bytes of UTF-8 at `request`, no terminator needed) and writes
/// the decision, compact JSON, to `*decision` (free it with `duplicata_string_free`). A request over
/// 1 MiB gives `request.too_large` without being read; a NUL byte in the buffer gives
/// `DUPLICATA_STATUS_EMBEDDED_NUL`; invalid UTF-8 gives `DUPLICATA_STATUS_INVALID_UTF8`; a request
/// the engine refuses to evaluate gives its status and error. A refused duplicata is not an error: it
/// is a decision whose `eligibility.eligible` is false.
///
/// # Safety
/// `engine` is NULL or an engine returned by the library and not freed yet; `request` is NULL or
/// readable for `len` bytes; `decision` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_evaluate_json(
    engine: *const duplicata_engine,
    request: *const c_char,
    len: usize,
    decision: *mut *mut c_char,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        // SAFETY: guaranteed by the caller.
        let engine = unsafe { engine_ref(engine) }?;
        if request.is_null() {
            return Err(Failure::null("request"));
        }
        if decision.is_null() {
            return Err(Failure::null("decision"));
        }
        if len > MAX_REQUEST_BYTES {
            return Err(Failure::from(too_large(len)));
        }
        // SAFETY: `request` is readable for `len` bytes (caller's guarantee), `len` is bounded.
        let bytes = unsafe { std::slice::from_raw_parts(request.cast::<u8>(), len) };
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(Failure::embedded_nul("request", at));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| Failure::utf8("request", e))?;
        let answer = engine.with_engine(|e| e.evaluate_json(text))?;
        // SAFETY: `decision` is not NULL and writable (caller's guarantee).
        unsafe { give_string(decision, answer.to_json()) }
    })
}

/// The error the core gives for an oversized request (`duplicata_core::from_json`), built here so
/// that a huge buffer is rejected without being read.
fn too_large(len: usize) -> duplicata_core::Error {
    duplicata_core::Error::new(
        duplicata_core::ErrorKind::InvalidRequest,
        "request.too_large",
        None,
        format!("requête trop grande ({len} octets, maximum {MAX_REQUEST_BYTES})"),
        format!("request too large ({len} bytes, at most {MAX_REQUEST_BYTES})"),
    )
}

/// The regional rate per CV in force for `department` (e.g. `"33"`, `"2A"`, `"971"`) on `date`, as
/// JSON (region, zone, rate or an explicit `"unknown"` with the known values around the gap,
/// period, confidence, sources), written to `*out` (free it with `duplicata_string_free`).
///
/// # Safety
/// `engine` is NULL or an engine returned by the library and not freed yet; `department` is NULL or
/// a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn duplicata_engine_rate_json(
    engine: *const duplicata_engine,
    department: *const c_char,
    date: duplicata_date,
    out: *mut *mut c_char,
    err: *mut *mut duplicata_error,
) -> duplicata_status {
    run(err, || {
        // SAFETY: guaranteed by the caller.
        let engine = unsafe { engine_ref(engine) }?;
        // SAFETY: guaranteed by the caller.
        let department = Department::parse(unsafe { c_str(department, "department") }?)?;
        let date = read_date(date, "date")?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let answer = engine.engine().rate(department, date)?;
        let text =
            serde_json::to_string(&answer).map_err(|_| Failure::internal("unprintable rate"))?;
        // SAFETY: `out` is not NULL and writable (caller's guarantee).
        unsafe { give_string(out, text) }
    })
}
