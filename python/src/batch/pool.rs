//! Result memory kept from one batch to the next.
//!
//! A result column of a large batch is fresh memory: the kernel backs each of its pages with a
//! zeroed page on first write, which costs as much as computing the rows (about a third of a
//! 10 M-row call, measured in `docs/bench/python.md`). So the vectors behind the result columns
//! are handed to Arrow with an owner that gives them back here when the result is dropped (by
//! pyarrow, polars, pandas or the stream's consumer), and the next batch writes into them: their
//! pages are already backed.
//!
//! What is kept is bounded: at most [`KEEP_BYTES`] in all (the oldest freed first), and a vector
//! not taken again within [`KEEP_FOR`] is freed by a background thread (which ends when nothing is
//! kept), so memory dropped by the caller goes back to the system a few seconds later, as with an
//! allocator that keeps freed memory for reuse.

use std::any::Any;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use arrow_buffer::{Buffer, ScalarBuffer};

/// The most memory kept for reuse, in bytes (a 10 M-row result with decimal amounts is about
/// 1.3 GB, 1.8 GB with a polars frame's string views, so a loop over such tables reuses all of it).
pub(super) const KEEP_BYTES: usize = 2 << 30;
/// How long a kept vector waits to be taken again before it is freed.
pub(super) const KEEP_FOR: Duration = Duration::from_secs(5);
/// Vectors smaller than this are left to the allocator (it reuses small blocks itself).
const SMALL: usize = 1 << 20;

/// A kept vector, type-erased (`Any` finds its type again).
struct Kept {
    /// A `Vec<T>` of length 0.
    vec: Box<dyn Any + Send>,
    /// Its capacity in bytes.
    bytes: usize,
    since: Instant,
}

struct Pool {
    kept: Vec<Kept>,
    bytes: usize,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    kept: Vec::new(),
    bytes: 0,
});
/// The process whose background thread frees what was kept too long (0: none yet). A child of
/// `fork` (a PySpark worker) has no such thread: the first vector it gives back starts its own.
static REAPER: AtomicU32 = AtomicU32::new(0);

fn pool() -> MutexGuard<'static, Pool> {
    // A panic while the lock was held leaves a consistent pool (each change is one push or
    // remove), so a poisoned lock is used as it is.
    POOL.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An empty vector with room for `n` values: a kept one of the same type when one is large enough
/// (and not more than twice as large), else a new one, advised for huge pages.
pub(super) fn take<T: Copy + Send + 'static>(n: usize) -> Vec<T> {
    let want = n.saturating_mul(size_of::<T>());
    if want >= SMALL {
        let mut p = pool();
        let best = p
            .kept
            .iter()
            .enumerate()
            .filter(|(_, k)| k.bytes >= want && k.bytes / 2 <= want && k.vec.is::<Vec<T>>())
            .min_by_key(|(_, k)| k.bytes)
            .map(|(i, _)| i);
        if let Some(i) = best {
            let k = p.kept.swap_remove(i);
            p.bytes -= k.bytes;
            drop(p);
            if let Ok(v) = k.vec.downcast::<Vec<T>>() {
                let mut v = *v;
                v.clear();
                return v;
            }
        }
    }
    let v = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    advise_huge_pages(&v);
    v
}

/// Advises a new vector's memory for transparent huge pages when large (as numpy does for its
/// arrays): a result column is written once from start to end, and faulting it in 4 KiB pages
/// costs more than computing its rows. A kept vector was advised when it was made.
#[cfg(target_os = "linux")]
#[expect(
    unsafe_code,
    reason = "madvise(MADV_HUGEPAGE) on memory this vector owns: advice only, no content changes"
)]
fn advise_huge_pages<T>(v: &Vec<T>) {
    const HUGE: usize = 2 << 20;
    let bytes = v.capacity() * size_of::<T>();
    if bytes < 2 * HUGE {
        return;
    }
    let start = v.as_ptr() as usize;
    let first = start.next_multiple_of(HUGE);
    let end = (start + bytes) / HUGE * HUGE;
    if end > first {
        // SAFETY: the range lies inside the vector's allocation, which outlives the call;
        // MADV_HUGEPAGE only tells the kernel how to back pages not yet touched, and its result
        // (it fails where transparent huge pages are off) changes nothing.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

/// Gives a vector back for reuse (or frees it when it is small or larger than the pool). When
/// the pool is full, the vectors kept longest are freed to make room: the newest results are the
/// likeliest to be followed by a batch of the same shape.
fn give_back<T: Send + 'static>(mut v: Vec<T>) {
    let bytes = v.capacity() * size_of::<T>();
    if !(SMALL..=KEEP_BYTES).contains(&bytes) {
        return;
    }
    v.clear();
    let mut p = pool();
    let mut evicted = 0;
    while p.bytes + bytes > KEEP_BYTES && evicted < p.kept.len() {
        p.bytes -= p.kept[evicted].bytes;
        evicted += 1;
    }
    let old: Vec<Kept> = p.kept.drain(..evicted).collect();
    p.bytes += bytes;
    p.kept.push(Kept {
        vec: Box::new(v),
        bytes,
        since: Instant::now(),
    });
    drop(p);
    // Freed outside the lock.
    drop(old);
    start_reaper();
}

/// Starts, when none runs in this process, the thread that frees what was kept too long; it ends
/// when nothing is kept.
fn start_reaper() {
    let me = std::process::id();
    if REAPER.swap(me, Ordering::AcqRel) == me {
        return;
    }
    let started = std::thread::Builder::new()
        .name("duplicata-pool".to_owned())
        .spawn(|| {
            loop {
                std::thread::sleep(KEEP_FOR / 2);
                let (old, idle) = {
                    let mut p = pool();
                    let (old, young): (Vec<Kept>, Vec<Kept>) = std::mem::take(&mut p.kept)
                        .into_iter()
                        .partition(|k| k.since.elapsed() >= KEEP_FOR);
                    p.kept = young;
                    p.bytes = p.kept.iter().map(|k| k.bytes).sum();
                    // Nothing left: the thread ends. Said under the lock, so a vector given back
                    // after it is seen by this thread or starts a new one.
                    let idle = p.kept.is_empty();
                    if idle {
                        REAPER.store(0, Ordering::Release);
                    }
                    (old, idle)
                };
                // Freed outside the lock.
                drop(old);
                if idle {
                    return;
                }
            }
        });
    if started.is_err() {
        // No thread: keep nothing, so nothing stays kept for ever.
        REAPER.store(0, Ordering::Release);
        let mut p = pool();
        p.kept.clear();
        p.bytes = 0;
    }
}

/// The owner of a result vector inside an Arrow buffer: gives it back when the buffer is dropped.
struct Returned<T: Send + 'static>(Vec<T>);

impl<T: Send + 'static> Drop for Returned<T> {
    fn drop(&mut self) {
        give_back(std::mem::take(&mut self.0));
    }
}

/// The Arrow buffer of a vector's values, its memory given back for reuse when dropped.
pub(super) fn buffer<T: arrow_buffer::ArrowNativeType + Send + std::panic::RefUnwindSafe>(
    v: Vec<T>,
) -> Buffer {
    if v.capacity() * size_of::<T>() < SMALL {
        return Buffer::from_vec(v);
    }
    let len = v.len() * size_of::<T>();
    let ptr = NonNull::new(v.as_ptr().cast_mut().cast::<u8>()).unwrap_or(NonNull::dangling());
    let owner = Arc::new(Returned(v));
    // SAFETY: `ptr` points to the `len` initialised bytes of the vector's values; the vector is
    // owned by `owner`, which the buffer keeps alive for as long as it (and any slice of it) is
    // used, and moving a vector does not move its values.
    #[expect(
        unsafe_code,
        reason = "Buffer::from_custom_allocation is the only way to give Arrow memory with an owner that is not freed but kept"
    )]
    unsafe {
        Buffer::from_custom_allocation(ptr, len, owner)
    }
}

/// [`buffer`] as a typed buffer.
pub(super) fn scalar<T: arrow_buffer::ArrowNativeType + Send + std::panic::RefUnwindSafe>(
    v: Vec<T>,
) -> ScalarBuffer<T> {
    let n = v.len();
    ScalarBuffer::new(buffer(v), 0, n)
}

/// Frees what is kept (for a caller that wants the memory back now); returns the bytes freed.
pub(crate) fn release_memory() -> usize {
    let (old, bytes) = {
        let mut p = pool();
        (std::mem::take(&mut p.kept), std::mem::take(&mut p.bytes))
    };
    drop(old);
    bytes
}

/// The bytes kept now.
pub(crate) fn kept_memory() -> usize {
    pool().bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests share the one pool: they run one at a time.
    static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn a_dropped_buffer_is_reused_by_the_next_take_of_its_type() {
        let _serial = SERIAL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = 1 << 18; // 4 MiB of i128
        let mut v = take::<i128>(n);
        v.extend((0..n).map(|i| i as i128));
        let addr = v.as_ptr() as usize;
        let b = scalar(v);
        assert_eq!(b[12], 12);
        let before = kept_memory();
        drop(b);
        assert!(kept_memory() >= before + n * 16);
        // Another type of the same size is not given this memory.
        let other = take::<u128>(n);
        assert_ne!(other.as_ptr() as usize, addr);
        let again = take::<i128>(n);
        assert_eq!(again.as_ptr() as usize, addr);
        assert!(again.is_empty() && again.capacity() >= n);
        // A vector far larger than asked for is not handed out.
        drop(scalar(again));
        let small = take::<i128>(n / 4);
        assert_ne!(small.as_ptr() as usize, addr);
        release_memory();
        assert_eq!(kept_memory(), 0);
    }

    #[test]
    fn a_full_pool_frees_its_oldest_vectors_for_the_newest() {
        let _serial = SERIAL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        release_memory();
        let n = KEEP_BYTES / 4; // a quarter of the pool, in bytes of u8
        let mut addrs = Vec::new();
        for _ in 0..5 {
            let mut v = take::<u8>(n);
            v.push(1);
            addrs.push(v.as_ptr() as usize);
            drop(buffer(v));
        }
        // Four quarters fit: the first one was freed, the last four are kept.
        assert!(kept_memory() <= KEEP_BYTES);
        let kept: Vec<usize> = pool()
            .kept
            .iter()
            .filter_map(|k| k.vec.downcast_ref::<Vec<u8>>().map(|v| v.as_ptr() as usize))
            .collect();
        assert!(kept.contains(&addrs[4]) && kept.contains(&addrs[1]));
        release_memory();
    }
}
