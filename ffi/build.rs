//! Linux shared-library conventions for the cdylib: the SONAME `libduplicata.so.MAJOR`, so that
//! only a major version (which may break the ABI) changes the name programs load.
//!
//! The exported symbols need no script of ours: rustc links a cdylib with its own version script,
//! which exports the `#[no_mangle] extern "C"` functions (all named `duplicata_*`) and makes
//! everything else local. A second `--version-script` is accepted by the linker but ignored, so
//! none is passed; scripts/test-c.sh lists the dynamic symbols and fails on any other name.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".to_owned());
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libduplicata.so.{major}");
}
