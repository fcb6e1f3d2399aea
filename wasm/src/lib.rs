//! WebAssembly build of the duplicata engine (being written).
